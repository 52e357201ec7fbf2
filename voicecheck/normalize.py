"""Offset-preserving cleanup of post text before the NLP step.

URLs, @mentions, hashtags, emoji, invisible characters and markdown marks are
blanked with spaces of the same length, so every character offset in the
cleaned text is the offset in the original. The blanked pieces are returned as
masks; the NLP bridge turns each into a token of its own, so a Doc still spans
the original text exactly.
"""

import re
from dataclasses import dataclass

URL_TAIL = r"[^\s<>\"«»\[\]]*[^\s<>\"«»\[\].,;:!?)…'’”]"
URL = re.compile(
    r"(?:https?://|www\.)"
    + URL_TAIL
    + r"|\b[\w-]+(?:\.[\w-]+)*\.(?:ru|рф|com|me|org|net|io|su|info|pro|online|shop|store|app"
    r"|dev|ai|tv|by|kz|ua|biz|club|site|co)(?:/" + URL_TAIL + r")?(?!\w|\.\w)",
    re.IGNORECASE,
)
MARKDOWN_LINK = re.compile(r"\[([^\]\n]{1,500})\]\(([^)\s]{1,2000})\)")
MENTION = re.compile(r"(?<![\w@])@\w{2,}")
HASHTAG = re.compile(r"(?<![\w#&])#\w+")
EMOJI = re.compile(
    "["
    "\U0001f000-\U0001faff"  # pictographs, emoticons, transport, symbols
    "\u2600-\u27bf"  # misc symbols, dingbats
    "\u2b00-\u2bff"  # arrows, stars
    "\u2190-\u21ff"  # arrows
    "\u2300-\u23ff"  # technical (⌛ ⏰)
    "\u25a0-\u25ff"  # geometric shapes
    "\u3030\u303d\u3297\u3299\u00a9\u00ae\u2122\u2139"
    "\ufe0e\ufe0f\u200d\u20e3"  # variation selectors, joiner, keycap
    "\U000e0020-\U000e007f"  # tags
    "]+"
)
INVISIBLE = re.compile("[\u200b\u200c\u200e\u200f\u2060\ufeff\u00ad]+")
MARKUP = re.compile(r"\*\*|__|~~|\|\||`+|(?<!\S)>(?=\s)|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\u2028\u2029]")

MASK_KINDS = ("url", "mention", "hashtag", "emoji", "invisible", "markup")


@dataclass(frozen=True, slots=True)
class Mask:
    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class CleanText:
    original: str
    text: str
    masks: tuple[Mask, ...]


def clean(original: str) -> CleanText:
    """Blank non-linguistic pieces of ``original`` without moving any offset."""
    chars = list(ODD_SPACE.sub(" ", original))
    masks: list[Mask] = []
    for mask in _find_masks(original):
        if any(chars[i] == " " for i in range(mask.start, mask.end)):
            continue  # already blanked by an earlier, wider mask
        masks.append(mask)
        chars[mask.start : mask.end] = " " * (mask.end - mask.start)
    masks.sort(key=lambda m: m.start)
    return CleanText(original, "".join(chars), tuple(masks))


def _find_masks(text: str) -> list[Mask]:
    found = list(_markdown_link_masks(text))
    for pattern, kind in (
        (URL, "url"),
        (MENTION, "mention"),
        (HASHTAG, "hashtag"),
        (EMOJI, "emoji"),
        (INVISIBLE, "invisible"),
        (MARKUP, "markup"),
    ):
        found.extend(Mask(m.start(), m.end(), kind) for m in pattern.finditer(text))
    return [m for m in found if not text[m.start : m.end].isspace()]


def _markdown_link_masks(text: str):
    """``[label](url)``: the brackets and the target are masked, the label stays."""
    for match in MARKDOWN_LINK.finditer(text):
        yield Mask(match.start(), match.start() + 1, "markup")
        yield Mask(match.end(1), match.end(), "url")
