"""The natasha -> spaCy bridge.

natasha's razdel segmenter and slovnet morphology and syntax models run on the
cleaned text (see ``normalize``); their output becomes a spaCy ``Doc`` over the
*original* text: blanked pieces (URLs, emoji, ...) are tokens of their own with
``token._.mask`` set, so every span's offsets and text are those of the post.
Lemmas come from spaCy's Russian lemmatizer in pymorphy3 mode.

``parse_texts`` batches many texts through slovnet at once; ``load_nlp()``
returns the spaCy pipeline (the same bridge serves ``nlp(text)`` one text at a
time, as its tokenizer).
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from razdel import sentenize, tokenize
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab, create_vocab

from .normalize import CleanText, clean
from .taggers import NatashaModels, natasha_models

DOC_BATCH = 256
MAX_SENTENCE_TOKENS = 200

MASKS_KEY = "voicecheck_masks"
TEXT_KEY = "voicecheck_text"


TOKENS_KEY = "voicecheck_tokens"


def tokens_of(doc: Doc) -> list[Token]:
    """The Doc's tokens as a list, made once: every ``for t in doc`` builds new Token
    objects, and the detectors walk a Doc many times."""
    tokens = doc.user_data.get(TOKENS_KEY)
    if tokens is None:
        tokens = doc.user_data[TOKENS_KEY] = list(doc)
    return tokens


def text_of(doc: Doc) -> str:
    """The Doc's text, kept at build time: spaCy rebuilds ``doc.text`` from its tokens
    on every access, which the detectors' regular expressions would pay for each time."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def mask_of(token: Token) -> str:
    """What a token was blanked as before the NLP step ("url", "emoji", ...), or ""."""
    return token.doc.user_data.get(MASKS_KEY, {}).get(token.i, "")


if not Token.has_extension("mask"):
    Token.set_extension("mask", getter=mask_of)
if not Doc.has_extension("features"):
    Doc.set_extension("features", default=None)


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    sentence: int  # index of the natasha sentence, -1 for masks
    mask: str = ""


@dataclass(slots=True)
class _Segmented:
    clean: CleanText
    pieces: list[_Piece]
    sentences: list[list[str]]


def segment(text: str) -> _Segmented:
    """Sentences and tokens of the cleaned text, plus masks, in text order."""
    cleaned = clean(text)
    pieces: list[_Piece] = []
    sentences: list[list[str]] = []
    for sentence in sentenize(cleaned.text):
        for chunk in _chunks(list(tokenize(sentence.text)), MAX_SENTENCE_TOKENS):
            index = len(sentences)
            sentences.append([t.text for t in chunk])
            pieces.extend(_Piece(sentence.start + t.start, sentence.start + t.stop, index) for t in chunk)
    pieces.extend(_Piece(m.start, m.end, -1, m.kind) for m in cleaned.masks)
    if cleaned.masks:
        pieces.sort(key=lambda piece: piece.start)
    return _Segmented(cleaned, pieces, sentences)


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def build_doc(vocab, seg: _Segmented, morph_markups: list, syntax_markups: list) -> Doc:
    """Assemble one Doc over the original text from the models' output."""
    text = seg.clean.original
    words, spaces, owner = _words_and_spaces(text, seg.pieces)
    pos, morphs, heads, deps = _annotations(seg, owner, morph_markups, syntax_markups)
    doc = Doc(vocab, words=words, spaces=spaces, pos=pos, morphs=morphs, heads=heads, deps=deps)
    doc.user_data[TEXT_KEY] = text
    doc.user_data[MASKS_KEY] = {
        i: seg.pieces[p].mask for i, p in enumerate(owner) if p >= 0 and seg.pieces[p].mask
    }
    return doc


def _words_and_spaces(text: str, pieces: list[_Piece]) -> tuple[list[str], list[bool], list[int]]:
    """spaCy words/spaces for ``pieces``; whitespace runs become tokens (owner -1)."""
    words: list[str] = []
    spaces: list[bool] = []
    owner: list[int] = []
    position = 0
    for index, piece in enumerate(pieces):
        _add_gap(text[position : piece.start], words, spaces, owner)
        words.append(text[piece.start : piece.end])
        spaces.append(False)
        owner.append(index)
        position = piece.end
    _add_gap(text[position:], words, spaces, owner)
    return words, spaces, owner


def _add_gap(gap: str, words: list[str], spaces: list[bool], owner: list[int]) -> None:
    if not gap:
        return
    if words and gap[0] == " " and not spaces[-1]:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)
        owner.append(-1)


def _annotations(seg: _Segmented, owner: list[int], morph_markups, syntax_markups):
    """POS, morphology, heads and deps per Doc token; extra tokens hang off a neighbour."""
    n = len(owner)
    pos = ["SPACE"] * n
    morphs = [""] * n
    deps = ["dep"] * n
    heads = list(range(n))
    sentence_tokens: list[list[int]] = [[] for _ in seg.sentences]
    for i, piece_index in enumerate(owner):
        if piece_index >= 0 and seg.pieces[piece_index].sentence >= 0:
            sentence_tokens[seg.pieces[piece_index].sentence].append(i)
    anchors = []
    for ids, morph, syntax in zip(sentence_tokens, morph_markups, syntax_markups, strict=True):
        for k, (m, s) in enumerate(zip(morph.tokens, syntax.tokens, strict=True)):
            i = ids[k]
            pos[i] = m.pos
            morphs[i] = _format_feats(m.feats)
            head = int(s.head_id) - 1
            heads[i] = ids[head] if 0 <= head < len(ids) and head != k else i
            deps[i] = "ROOT" if heads[i] == i else s.rel
        _make_tree(ids, heads, deps)
        anchors.extend(ids)
    _attach_extras(owner, seg, pos, heads, sorted(anchors))
    return pos, morphs, heads, deps


def _make_tree(ids: list[int], heads: list[int], deps: list[str]) -> None:
    """slovnet picks each head on its own, which can leave a sentence with no root or
    with a cycle; spaCy needs a tree. One root is kept, and any token whose head chain
    never reaches it is attached to it."""
    if not ids:
        return
    roots = [i for i in ids if heads[i] == i]
    root = roots[0] if roots else ids[0]
    heads[root], deps[root] = root, "ROOT"
    for extra in roots[1:]:
        heads[extra], deps[extra] = root, "parataxis"
    for i in ids:
        seen = set()
        j = i
        while j != root and j not in seen:
            seen.add(j)
            j = heads[j]
        if j != root:
            heads[i] = root
            deps[i] = deps[i] if deps[i] != "ROOT" else "dep"


def _attach_extras(owner, seg, pos, heads, anchors) -> None:
    """Masks and whitespace attach to the nearest preceding analysed token."""
    import bisect

    for i, piece_index in enumerate(owner):
        if piece_index >= 0 and seg.pieces[piece_index].sentence >= 0:
            continue
        if piece_index >= 0:
            pos[i] = "SYM" if seg.pieces[piece_index].mask == "emoji" else "X"
        if anchors:
            k = bisect.bisect_left(anchors, i)
            heads[i] = anchors[k - 1] if k > 0 else anchors[0]
        else:
            heads[i] = 0


def _format_feats(feats: dict) -> str:
    return "|".join(f"{key}={feats[key]}" for key in sorted(feats))


def parse_texts(nlp: Language, texts: Iterable[str], *, batch_size: int = DOC_BATCH) -> Iterator[Doc]:
    """Docs for ``texts`` through the whole pipeline, slovnet batched over many texts.

    Each batch's Docs get a vocabulary of their own, dropped with them: spaCy adds
    every new word form to the vocabulary and never forgets it, so over a long feed
    one shared vocabulary would grow with the number of posts."""
    docs = _bridge_docs(lambda: create_vocab(nlp.lang, nlp.Defaults), texts, batch_size)
    yield from nlp.pipe(docs, batch_size=batch_size)


def _bridge_docs(new_vocab: Callable[[], Vocab], texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    models = natasha_models()
    for batch in chunks(texts, batch_size):
        vocab = new_vocab()
        segmented = [segment(text) for text in batch]
        sentences = [s for seg in segmented for s in seg.sentences]
        morph, syntax = _tag_and_parse(models, sentences)
        offset = 0
        for seg in segmented:
            count = len(seg.sentences)
            yield build_doc(vocab, seg, morph[offset : offset + count], syntax[offset : offset + count])
            offset += count


def _tag_and_parse(models: NatashaModels, sentences: list[list[str]]) -> tuple[list, list]:
    """slovnet over sentences sorted by length, so a batch is padded to its own
    length and not to the longest sentence of the chunk; answers in input order."""
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    ordered = [sentences[i] for i in order]
    morph = [None] * len(sentences)
    syntax = [None] * len(sentences)
    for i, m, s in zip(order, models.morph.map(ordered), models.syntax.map(ordered), strict=True):
        morph[i], syntax[i] = m, s
    return morph, syntax


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` consecutive items (the last may be shorter), read lazily."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class NatashaTokenizer:
    """spaCy tokenizer that runs the whole natasha bridge on one text."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return next(_bridge_docs(lambda: self.vocab, [text], 1))

    def pipe(self, texts: Iterable[str], batch_size: int = DOC_BATCH) -> Iterator[Doc]:
        yield from _bridge_docs(lambda: self.vocab, texts, batch_size)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "NatashaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "NatashaTokenizer":
        return self


DETECTORS = ("voicecheck_voice", "voicecheck_cases", "voicecheck_cta", "voicecheck_tone")


def _russian_without_tokenizer_rules() -> Language:
    """A Russian spaCy ``Language`` (its lexical attributes: ``like_num`` knows
    «двадцать», ``is_stop`` knows «и») without the rule-based tokenizer, whose hundreds
    of regular expressions take a third of a second to compile: the natasha bridge
    tokenizes instead."""
    from spacy.lang.ru import Russian
    from spacy.language import BaseDefaults

    class Defaults(BaseDefaults):
        lex_attr_getters = Russian.Defaults.lex_attr_getters
        stop_words = Russian.Defaults.stop_words
        tokenizer_exceptions: ClassVar[dict] = {}
        prefixes = suffixes = infixes = token_match = url_match = None

    class VoicecheckRussian(Language):
        lang = "ru"

    VoicecheckRussian.Defaults = Defaults
    return VoicecheckRussian()


def load_nlp(*, detectors: bool = True) -> Language:
    """A new voicecheck pipeline: natasha bridge, pymorphy3 lemmas and, unless
    ``detectors=False``, the detectors; the caller's own to change (about 10 ms once the
    models are loaded: they are shared). voicecheck's commands use ``shared_nlp()``."""
    return _pipeline(detectors=detectors)


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """The one pipeline with the detectors that voicecheck's own analysis reuses."""
    return _pipeline(detectors=True)


def _pipeline(*, detectors: bool) -> Language:
    from . import detectors as _detector_factories  # noqa: F401  (registers the factories)
    from . import lemmas  # noqa: F401

    nlp = _russian_without_tokenizer_rules()
    nlp.tokenizer = NatashaTokenizer(nlp.vocab)
    nlp.add_pipe("voicecheck_lemmatizer")
    nlp.initialize()
    if detectors:
        for name in DETECTORS:
            nlp.add_pipe(name)
    return nlp
