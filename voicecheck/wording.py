"""Russian wording for reports: the labels' names, decimal commas, a number with the noun
agreeing with it."""

import re
from datetime import datetime
from functools import lru_cache

from .feed import (
    EXCEL_DAY_ZERO,
    SHOWN_PROBLEMS,
    Feed,
    excel_serial_date,
    first_ambiguous,
    read_date,
    row_range,
)
from .records import UnusableValues
from .taggers import morph_analyzer

STAGE_RU = {"awareness": "знакомство", "interest": "интерес", "trust": "доверие", "action": "действие"}
TYPE_RU = {"expert": "экспертный", "entertainment": "развлекательный", "other": "прочее"}
VOICE_RU = {"i": "я", "we": "мы", "none": "без автора"}
FIELD_RU = {
    "text": "текст",
    "id": "номер",
    "date": "дата",
    "views": "просмотры",
    "likes": "лайки",
    "comments": "комментарии",
    "reposts": "репосты",
    "clicks": "переходы",
}
# what is wrong with one value, and with several
PROBLEM_RU = {
    "negative": ("меньше нуля", "меньше нуля"),
    "not a number": ("не число", "не числа"),
    "not a date": ("не дата", "не даты"),
}
LOCATION_RU = {"row": ("строка", "строки"), "line": ("строка", "строки"), "item": ("запись", "записи")}
LOCATION_RU["message"] = ("сообщение", "сообщения")
LINE_SPACE = re.compile(r"[^\S\n]*\n\s*")
SPACE = re.compile(r"[^\S\n]+")


def squeeze(text: str) -> str:
    """Runs of spaces as one space, of blank lines as one line break."""
    return SPACE.sub(" ", LINE_SPACE.sub("\n", text))


def one_line(text: str) -> str:
    """Text of several lines on one: «Подписывайся на SHOT / Прислать новость»."""
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())


def posts_count(number: int, case: str = "nomn") -> str:
    """The number with «пост» agreeing with it: «1 пост», «3 поста», «25 постов»; with
    ``case="gent"`` «из 1 поста», «из 3 постов»."""
    return number_of("пост", number, case)


def number_of(noun: str, number: int, case: str = "nomn") -> str:
    """The number with ``noun`` agreeing with it: «1 число», «2 числа», «5 чисел»."""
    return f"{number} {_noun_form(noun, number, case)}"


@lru_cache(maxsize=512)
def _noun_form(noun: str, number: int, case: str) -> str:
    parse = next(p for p in morph_analyzer().parse(noun) if p.tag.POS == "NOUN" and "nomn" in p.tag)
    return parse.inflect({case}).make_agree_with_number(number).word


def left_empty_note(unusable: UnusableValues) -> str:
    """«просмотры (столбец «Охват»): 2 значения оставлены пустыми — не числа (строки 4, 9:
    «много», «abc»)», for the account report's list of what was skipped."""
    count = len(unusable.values)
    one = _agrees_as_one(count)
    name = FIELD_RU.get(unusable.field, unusable.field)
    column = column_ru(unusable.column)
    what = " или ".join(PROBLEM_RU[p][0 if one else 1] if p in PROBLEM_RU else p for p in unusable.problems)
    values = ", ".join(f"«{value}»" for value in unusable.values[:SHOWN_PROBLEMS])
    left = "оставлено пустым" if one else "оставлены пустыми"
    rows = row_range(unusable.locations, units=LOCATION_RU, more=" и ещё {}")
    values_left = f"{number_of('значение', count)} {left}"
    return f"{name}{column}: {values_left} — {what} ({rows}: {values})"


def _agrees_as_one(count: int) -> bool:
    """A verb after «1», «21», «101» of something is singular: «21 значение оставлено»."""
    return count % 10 == 1 and count % 100 != 11


def column_ru(column: str | None) -> str:
    """« (столбец «Дата»)», or nothing when the column is not known."""
    return f" (столбец «{column}»)" if column else ""


def input_notes(feed: Feed) -> list[str]:
    """How a feed was read where the user may not expect it, for the account report: the
    columns found under other names, the dates read as Excel serial numbers or day first."""
    notes = [aliased_note(feed.aliased)] if feed.aliased else []
    notes += [
        f"столбцов «{column}» в заголовке несколько; как {FIELD_RU.get(field, field)} прочитан первый"
        for field, column in feed.repeated_columns.items()
    ]
    if feed.excel_dates:
        notes.append(excel_dates_note(feed.columns.get("date"), feed.excel_dates, feed.excel_day_zero))
    if feed.day_first_dates:
        notes.append(day_first_note(feed.columns.get("date"), feed.day_first_dates))
    notes += [ragged_rows_note(kind, rows) for kind, rows in feed.ragged_rows.items()]
    return notes


RAGGED_RU = {
    "more": ("длиннее", "текст с разделителем не в кавычках прочитан только до первого разделителя"),
    "fewer": ("короче", "перенос строки в тексте не в кавычках обрывает строку, или в ней не хватает полей"),
}


def ragged_rows_note(kind: str, rows: list[str]) -> str:
    """«2 строки длиннее заголовка (строки 2, 4): текст с разделителем не в кавычках
    прочитан только до первого разделителя»."""
    longer, cause = RAGGED_RU[kind]
    where = row_range(rows, units=LOCATION_RU, more=" и ещё {}")
    return f"{number_of('строка', len(rows))} {longer} заголовка ({where}): {cause}"


def aliased_note(aliased: dict[str, str]) -> str:
    """«прочитаны столбцы: «Описание» как текст, «Охват» как просмотры»."""
    read = ", ".join(f"«{column}» как {FIELD_RU.get(f, f)}" for f, column in aliased.items())
    return f"{'прочитаны столбцы' if len(aliased) > 1 else 'прочитан столбец'}: {read}"


def excel_dates_note(column: str | None, serials: list[str], day_zero: datetime = EXCEL_DAY_ZERO) -> str:
    """«дата (столбец «Дата»): 3 числа прочитаны как даты Excel (число дней после
    30.12.1899: 45629 — 2024-12-03)»; «1 число прочитано как дата Excel (...)»; in a
    workbook set to the 1904 date system, «(книга в системе дат 1904 года, число дней
    после 01.01.1904: ...)»."""
    count, example = len(serials), serials[0]
    where = column_ru(column)
    read = "прочитано как дата" if _agrees_as_one(count) else "прочитаны как даты"
    system = "" if day_zero == EXCEL_DAY_ZERO else "книга в системе дат 1904 года, "
    return (
        f"дата{where}: {number_of('число', count)} {read} Excel ({system}число дней после "
        f"{day_zero:%d.%m.%Y}: {example} — {excel_serial_date(example, day_zero)})"
    )


def day_first_note(column: str | None, slashed: list[str]) -> str:
    """«дата (столбец «date»): 2 даты с косой чертой (как 12/04/2024) подходят и как
    день/месяц, и как месяц/день; прочитаны как день/месяц, как пишут российские выгрузки:
    12/04/2024 — 2024-04-12. Если в выгрузке сначала месяц, запишите даты как ГГГГ-ММ-ДД»."""
    count, example = len(slashed), first_ambiguous(slashed)
    where = column_ru(column)
    fits, read = ("подходит", "прочитана") if _agrees_as_one(count) else ("подходят", "прочитаны")
    return (
        f"дата{where}: {number_of('дата', count)} с косой чертой (как {example}) {fits} и как день/месяц, "
        f"и как месяц/день; {read} как день/месяц, как пишут российские выгрузки: {example} — "
        f"{read_date(example)}. Если в выгрузке сначала месяц, запишите даты как ГГГГ-ММ-ДД"
    )


def decimal(value: float, digits: int = 2) -> str:
    """A number as Russian text writes it: «1,79», not «1.79»."""
    return f"{value:.{digits}f}".replace(".", ",")


def share_percent(share: float | None) -> str:
    """A share of posts in whole percent, never rounded to a figure the counts contradict:
    1 post of 200 is «<1%», not «0%»; 199 of 200 is «>99%», not «100%»; none is «—»."""
    if share is None:
        return "—"
    whole = f"{100 * share:.0f}"
    if whole == "0" and share > 0:
        return "<1%"
    if whole == "100" and share < 1:
        return ">99%"
    return f"{whole}%"


def percent(share: float) -> str:
    """A share (0.0448) as a percentage with two decimals: «4,48%»."""
    return f"{decimal(100 * share)}%"
