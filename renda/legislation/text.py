"""A draft's text: split into chapters and articles (第X章, 第X条; 款 and 项 within an article), read from a .docx,
and one version aligned with the previous one article by article (difflib on the articles' texts)."""

import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = r"[零〇一二两三四五六七八九十百千\d]+"
CHAPTER = re.compile(rf"^第({NUMERAL})章\s*(.*)$")
SECTION = re.compile(rf"^第({NUMERAL})节\s*(.*)$")
ARTICLE = re.compile(rf"^第({NUMERAL})条(?:\s+|　|$)(.*)$")
ITEM = re.compile(r"^[（(][零〇一二两三四五六七八九十]+[）)]")

SIMILAR = 0.6  # two articles of consecutive versions are the same article when their texts are this similar


def cn_number(text: str) -> int:
    """一百二十三 → 123, 十五 → 15, 12 → 12."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            total += (digit or 1) * UNITS[char]
            digit = 0
    return total + digit


def cn_numeral(number: int) -> str:
    """123 → 一百二十三, 15 → 十五, 10 → 十 (as articles are numbered in Chinese law texts)."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if zero:
                parts.append("零")
            parts.append(("" if unit == "十" and not parts and digit == 1 else digits[digit]) + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts).rstrip("零")


@dataclass
class Article:
    number: int  # 第N条
    text: str  # its paragraphs (款), one a line; items (项) are lines that start with （一）
    chapter: str = ""  # 第一章 总则

    @property
    def heading(self) -> str:
        return f"第{self.number}条"


@dataclass
class Split:
    preamble: str = ""  # what comes before the first article (title, 目录)
    articles: list[Article] = field(default_factory=list)


def split(text: str) -> Split:
    """Chapters and articles of a draft's plain text; a line starting 第X条 opens an article, 第X章 a chapter."""
    result = Split()
    chapter, preamble = "", []
    current: Article | None = None
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        if match := CHAPTER.match(line):
            chapter = f"第{match.group(1)}章 {match.group(2)}".strip()
            current = None
            continue
        if SECTION.match(line) and current is None:
            continue
        if match := ARTICLE.match(line):
            current = Article(cn_number(match.group(1)), match.group(2).strip(), chapter)
            result.articles.append(current)
        elif current is not None:
            current.text = f"{current.text}\n{line}" if current.text else line
        else:
            preamble.append(line)
    result.preamble = "\n".join(preamble)
    return result


def clauses(text: str) -> list[tuple[str, str]]:
    """An article's 款 and 项: [("款", …), ("项", "（一）…"), …]."""
    return [("项" if ITEM.match(line) else "款", line) for line in text.split("\n") if line.strip()]


def docx_text(content: bytes) -> str:
    """The paragraphs of a .docx, one a line."""
    import docx

    document = docx.Document(io.BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


@dataclass
class Match:
    new: int  # index in the new version
    old: int | None  # index in the previous version; None for a new article
    kind: str  # same, changed, moved, new (ArticleChange values)
    ratio: float = 0.0


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _in_order(pairs: list[tuple[int, int]]) -> set[int]:
    """Of (new, old) pairs sorted by new, the new indexes whose old indexes form a longest increasing run — of
    those, the one whose articles moved least from their old place: the articles that kept their place; the
    others moved."""
    olds = [old for _, old in pairs]
    best: list[tuple[int, int, list[int]]] = []  # per pair: (length, -displacement, chain ending there)
    for i, old in enumerate(olds):
        before = [b for b, c in zip(best, range(i), strict=False) if olds[c] < old]
        length, shift, chain = max(before, key=lambda b: (b[0], b[1]), default=(0, 0, []))
        best.append((length + 1, shift - abs(pairs[i][0] - old), [*chain, i]))
    _, _, longest = max(best, key=lambda b: (b[0], b[1]), default=(0, 0, []))
    return {pairs[i][0] for i in longest}


def align(old: Sequence[str], new: Sequence[str]) -> tuple[list[Match], list[int]]:
    """Each article of `new` matched to one of `old` (identical text first, then the most similar above
    SIMILAR), and the indexes of `old` left unmatched (deleted)."""
    taken: dict[int, int] = {}  # new index -> old index
    free = set(range(len(old)))
    ratios: dict[int, float] = {}
    for i, text in enumerate(new):
        for j in sorted(free):
            if old[j] == text:
                taken[i], ratios[i] = j, 1.0
                free.discard(j)
                break
    candidates = sorted(
        ((_ratio(old[j], text), i, j) for i, text in enumerate(new) if i not in taken for j in free),
        reverse=True,
    )
    for ratio, i, j in candidates:
        if ratio < SIMILAR:
            break
        if i in taken or j not in free:
            continue
        taken[i], ratios[i] = j, ratio
        free.discard(j)
    kept = _in_order(sorted(taken.items()))
    matches = []
    for i in range(len(new)):
        if i not in taken:
            matches.append(Match(i, None, "new"))
            continue
        j = taken[i]
        kind = "moved" if i not in kept else ("same" if old[j] == new[i] else "changed")
        matches.append(Match(i, j, kind, ratios[i]))
    return matches, sorted(free)
