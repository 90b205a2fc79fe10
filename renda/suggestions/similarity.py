"""Near-duplicate suggestions and handling-unit recommendations (docs/adr/0002-suggestion-similarity.md).

A suggestion's text (title twice, then content) is segmented with jieba; words of one character, numbers and
the boilerplate every suggestion uses (建议、加快、问题 …) are dropped; the rest are weighted (1 + log tf) × idf
with jieba's IDF table, and the TOP_TERMS heaviest, L2-normalised, are stored as SuggestionTerm rows whenever
the services write the text. The similarity of two suggestions is the cosine of those vectors, computed in the
database: candidates are the suggestions of the window of years sharing the query's rarest terms (per the daily
SuggestionTermStat count), and the best of them are scored on their whole vectors — no request reads other
suggestions' texts, and no common word makes it read a large part of the index.

Recommendations add up, per active handling unit, the squared similarity of the most similar past suggestions it
led (主办), the words of the shipped department lexicon (data/lexicon.txt) found in the text for the department the
unit's name shows, the office's keyword table (UnitKeyword) on top of it, and the unit's share of recent lead
assignments; always three units, each with its reasons (docs/workflows/suggestions.md); the clerk decides."""

import difflib
import functools
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jieba
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Sum, Value, When
from django.http import Http404

from renda.casework.models import AssignmentRole, AssignmentState
from renda.core.roles import can
from renda.core.rules import rule
from renda.org.models import HandlingUnit
from renda.suggestions.models import (
    Assignment,
    HistoricalSuggestion,
    HistoricalSuggestionTerm,
    State,
    Suggestion,
    SuggestionTerm,
    SuggestionTermStat,
    UnitKeyword,
)

jieba.setLogLevel(logging.WARNING)  # jieba announces loading its dictionary on stderr

TOP_TERMS = 24  # terms stored per suggestion
WINDOW_YEARS = 3  # a suggestion is compared with those of its own year and the three before
CANDIDATE_BUDGET = 50_000  # index rows a lookup may read to find candidates (see _rarest)
POOL = 200  # candidates scored on their whole vectors
CANDIDATES = 50  # best-scoring suggestions fetched before visibility and state are applied
NEIGHBOURS = 20  # most similar past suggestions a recommendation learns from
NEIGHBOURS_FLOOR = 0.1  # weakest similarity a past suggestion needs to count for a recommendation
KEYWORD_SCALE = 0.1  # a keyword of weight 10 counts like one identical past suggestion
TERM_MAX_LENGTH = 32

# Words every suggestion uses whatever its subject: they say nothing about what it asks for.
STOP_WORDS = frozenset(
    """
    建议 意见 批评 关于 加快 加强 加大 进一步 问题 群众 百姓 老百姓 人民群众 解决 希望 尽快 尽早 及时 相关 有关 部门
    政府 县委 县政府 我县 全县 本县 我们 他们 目前 当前 现在 存在 情况 工作 切实 积极 有效 推进 落实 提升 完善
    做好 实施 推动 开展 加以 给予 予以 支持 重视 力度 措施 方面 以及 并且 而且 但是 因此 所以 由于 因为 同时 一些 这些
    那些 其中 没有 不够 不足 较为 比较 非常 十分 严重 特别 个别 部分 困难 需要 应当 应该 能够 可以 进行 通过
    提出 代表 人大 领衔 附议 建设 发展 管理 服务 保障 要求 实际 逐步 不断 今年 明年 每年 近年来 多年 已经 还是 就是
    一个 一是 二是 三是 四是 五是 等等 方式 方法 主要 重要 广大 地区 地方 区域 范围 办法 共同 相应 具体 合理 充分
    解决问题 群众反映 反映强烈 高度重视 急难愁盼 亟待 亟需 迫切 强烈 突出 上述 以上 如下 下列 恳请 呼吁
    """.split()
)
_SKIP = re.compile(r"^[\W\d_a-zA-Z]+$")  # punctuation, numbers and Latin-only tokens


@functools.cache
def _idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table (loaded once per process) and its median, used for words it does not know."""
    from jieba.analyse import default_tfidf

    return default_tfidf.idf_freq, default_tfidf.median_idf


def _words(text: str) -> list[str]:
    return [
        w
        for w in jieba.lcut(text)
        if 1 < len(w) <= TERM_MAX_LENGTH and w not in STOP_WORDS and not _SKIP.match(w)
    ]


def _is_place(word: str) -> bool:
    """A segmented word that names a village, township, group or road section (新民村, 浪健段): rare, hence
    heavy in TF-IDF, but it says where, not what — two suggestions of one village are not alike for it."""
    return len(word) >= 3 and bool(_PLACE_SUFFIX.fullmatch(word[-1])) and word[-2:] not in _NOT_PLACE


def term_vector(title: str, content: str) -> dict[str, float]:
    """The TOP_TERMS heaviest TF-IDF terms of a suggestion, L2-normalised (empty for a text without any);
    place names weigh PLACE_WEIGHT of their TF-IDF."""
    counts = Counter(_words(f"{title}\n{title}\n{content}"))
    if not counts:
        return {}
    idf, median = _idf()
    weighted = sorted(
        (
            ((1 + math.log(count)) * idf.get(word, median) * (PLACE_WEIGHT if _is_place(word) else 1), word)
            for word, count in counts.items()
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )[:TOP_TERMS]
    norm = math.sqrt(sum(weight * weight for weight, _ in weighted))
    return {word: weight / norm for weight, word in weighted}


def _rows(suggestion: Suggestion) -> list[SuggestionTerm]:
    vector = term_vector(suggestion.title, suggestion.content)
    return [
        SuggestionTerm(suggestion_id=suggestion.pk, year=suggestion.year, term=term, weight=weight)
        for term, weight in vector.items()
    ]


@transaction.atomic
def terms_index(*, suggestion: Suggestion) -> None:
    """Store (replace) the term vector of a suggestion; called by the services that write its text."""
    SuggestionTerm.objects.filter(suggestion_id=suggestion.pk).delete()
    SuggestionTerm.objects.bulk_create(_rows(suggestion))


@transaction.atomic
def historical_terms_index(*, historical: Sequence[HistoricalSuggestion]) -> None:
    """Store (replace) the term vectors of imported historical suggestions."""
    HistoricalSuggestionTerm.objects.filter(historical__in=[h.pk for h in historical]).delete()
    HistoricalSuggestionTerm.objects.bulk_create(
        [
            HistoricalSuggestionTerm(historical_id=h.pk, year=h.year, term=term, weight=weight)
            for h in historical
            for term, weight in term_vector(h.title, h.content).items()
        ],
        batch_size=5000,
    )


def terms_rebuild(*, suggestions: QuerySet[Suggestion] | None = None, batch_size: int = 1000) -> int:
    """Index suggestions in bulk (data loaded without the services, or after changing the method), then
    recount the terms."""
    ids = list(
        (Suggestion.objects.all() if suggestions is None else suggestions).values_list("pk", flat=True)
    )
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        with transaction.atomic():
            SuggestionTerm.objects.filter(suggestion_id__in=chunk).delete()
            texts = Suggestion.objects.filter(pk__in=chunk).only("pk", "year", "title", "content")
            SuggestionTerm.objects.bulk_create([row for s in texts for row in _rows(s)], batch_size=5000)
    term_stats_refresh()
    return len(ids)


@transaction.atomic
def term_stats_refresh() -> int:
    """Recount in how many suggestions each term is indexed; returns the number of distinct terms."""
    stats, terms = SuggestionTermStat._meta.db_table, SuggestionTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {stats}")  # noqa: S608 (table names of the models)
        cursor.execute(
            f"INSERT INTO {stats} (term, documents) SELECT term, COUNT(*) FROM {terms} GROUP BY term"  # noqa: S608
        )
    return SuggestionTermStat.objects.count()


def tick(*, today) -> dict[str, int]:
    """Daily (renda_tick): recount the terms, so lookups keep starting from the rarest ones."""
    return {"terms": term_stats_refresh()}


def _window(suggestion: Suggestion) -> tuple[int, int]:
    return suggestion.year - WINDOW_YEARS, suggestion.year


def _dot(vector: dict[str, float]) -> Sum:
    """Σ query weight × stored weight over the rows of one suggestion: the cosine of the two vectors."""
    query_weight = Case(
        *(When(term=term, then=Value(w)) for term, w in vector.items()), output_field=FloatField()
    )
    return Sum(query_weight * F("weight"), output_field=FloatField())


def _rarest(vector: dict[str, float]) -> list[str]:
    """The query's rarest terms (fewest suggestions, per the daily count), as many as fit CANDIDATE_BUDGET
    index rows; at least one. Terms counted since the last count are taken as rare."""
    documents = dict(
        SuggestionTermStat.objects.filter(term__in=list(vector)).values_list("term", "documents")
    )
    chosen: list[str] = []
    spent = 0
    for term in sorted(vector, key=lambda t: (documents.get(t, 0), -vector[t], t)):
        spent += documents.get(term, 0)
        if chosen and spent > CANDIDATE_BUDGET:
            break
        chosen.append(term)
    return chosen


def _scores(
    vector: dict[str, float],
    *,
    exclude_pk,
    years: tuple[int, int],
    floor: float,
    limit: int,
    index: type[SuggestionTerm] | type[HistoricalSuggestionTerm] = SuggestionTerm,
    rare: dict[str, float] | None = None,
) -> list[tuple[int, float]]:
    """(suggestion id, cosine) of the best-matching indexed suggestions of `years`, computed in the database:
    the POOL suggestions sharing most weight in the query's rarest terms are scored on their whole vectors.
    `index` HistoricalSuggestionTerm scores the imported historical suggestions instead."""
    if not vector:
        return []
    key = "suggestion_id" if index is SuggestionTerm else "historical_id"
    rare = rare if rare is not None else {term: vector[term] for term in _rarest(vector)}
    pool = (
        index.objects.filter(term__in=list(rare), year__gte=years[0], year__lte=years[1])
        .exclude(**{key: exclude_pk})
        .values(key)
        .annotate(partial=_dot(rare))
        .order_by("-partial", key)
        .values(key)[:POOL]
    )
    rows = (
        index.objects.filter(**{f"{key}__in": pool, "term__in": list(vector)})
        .values(key)
        .annotate(score=_dot(vector))
        .filter(score__gte=floor)
        .order_by("-score", key)
        .values_list(key, "score")[:limit]
    )
    return list(rows)


# ---------------------------------------------------------------- near duplicates


@dataclass
class Similar:
    suggestion: Suggestion
    score: float  # cosine, 0–1

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def similar_suggestions(user, suggestion: Suggestion, *, limit: int = 10) -> list[Similar]:
    """The suggestions the user may see, of the same session and the last three years, whose similarity
    reaches the rule duplicate_threshold_percent, most similar first. Drafts are not compared."""
    from renda.suggestions.selectors import suggestions_visible_to

    scores = _scores(
        term_vector(suggestion.title, suggestion.content),
        exclude_pk=suggestion.pk,
        years=_window(suggestion),
        floor=rule("duplicate_threshold_percent") / 100,
        limit=CANDIDATES,
    )
    found = (
        suggestions_visible_to(user)
        .exclude(state=State.DRAFT)
        .filter(pk__in=[pk for pk, _ in scores])
        .select_related("lead_deputy", "congress_session__term")
        .in_bulk()
    )
    return [Similar(found[pk], score) for pk, score in scores if pk in found][:limit]


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "this" (only in the suggestion under review), "other" (only in the similar one)
    text: str


CONTEXT_CHARS = 12  # characters of unchanged text kept around each difference


def text_diff(this: str, other: str) -> list[Segment]:
    """Word-level differences of two texts; long unchanged passages are shortened to their ends."""
    a, b = jieba.lcut(this), jieba.lcut(other)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            text = "".join(a[i1:i2])
            if len(text) > 3 * CONTEXT_CHARS:
                head = text[:CONTEXT_CHARS] if segments else ""
                tail = text[-CONTEXT_CHARS:] if i2 < len(a) or j2 < len(b) else ""
                text = f"{head}……{tail}"
            segments.append(Segment("same", text))
            continue
        if i2 > i1:
            segments.append(Segment("this", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("other", "".join(b[j1:j2])))
    return segments


MERGEABLE = frozenset({State.SUBMITTED, State.ACCEPTED})


def merge_target(this: Suggestion, other: Suggestion) -> tuple[Suggestion, Suggestion] | None:
    """(kept, merged) when the two may be merged: an accepted (numbered) one is kept, else the earlier one."""
    if this.state not in MERGEABLE or other.state not in MERGEABLE:
        return None
    if this.state != other.state:
        return (this, other) if this.state == State.ACCEPTED else (other, this)
    return (this, other) if this.pk < other.pk else (other, this)


# ---------------------------------------------------------------- the department lexicon

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "lexicon.txt"
LEXICON_SCALE = 0.25  # a title word of weight 1 (counting 2) weighs like a past suggestion 0.7 similar
PRIOR_SCALE = 0.3  # the unit's share of recent lead assignments: a tie-breaker, and the order of the rest
PRIOR_SAMPLE = 5000  # the most recent suggestions of the window whose lead units make the share
TOWNSHIP_NAMED = 0.5  # lexicon points of a township whose name is in the text (the place it concerns)
PLACE_WEIGHT = 0.2  # a lexicon word inside a place name (水塘村, 桥头镇) counts this much
TITLE_WEIGHT = 2  # a lexicon word in the title counts twice, in the content once
TOWNSHIP = "乡镇政府"  # the lexicon's department of township governments (HandlingUnit.Kind.TOWNSHIP)

# Suffixes of place names: a word ending here, with the two or three characters before it, is taken as a
# village, township, group or road section (浪健段, 水塘村, 坪寨组) — except the common words below.
_PLACE_SUFFIX = re.compile(r"村民小组|村委会|居委会|自然村|社区|街道|村|组|镇|乡|段|屯|寨")
_NOT_PLACE = frozenset(
    """
    农村 乡村 山村 渔村 新村 城乡 下乡 乡镇 城镇 集镇 村镇 全村 本村 该村 各村 进村 通村 入村 村村 出村 全乡 本乡 各乡
    全镇 本镇 该镇 各镇 小组 班组 分组 机组 一组 每组 通组 到组 进组 路段 阶段 地段 时段 手段 分段 片段 重组 改组 社区
    街道 背街 全县 县乡 乡乡 镇村 村组 组组
    """.split()
)


@dataclass(frozen=True)
class Department:
    name: str
    patterns: tuple[str, ...]  # parts of a unit's name that identify it
    fallback: str  # takes the words in a county without such a unit ("" for none)
    prior: float  # the usual share of a county's suggestions it leads: orders the rest at a cold start
    words: dict[str, float]


NEUTRAL = "-"  # the lexicon's section of phrases that name no department (neutral_phrases)


@functools.cache
def lexicon() -> dict[str, Department]:
    """The shipped department lexicon (renda/suggestions/data/lexicon.txt), read once per process; without
    the section of neutral phrases (neutral_phrases)."""
    return {name: department for name, department in _lexicon_file().items() if name != NEUTRAL}


@functools.cache
def neutral_phrases() -> frozenset[str]:
    """Phrases that contain a department's word in another sense (高质量发展, 健康发展, 宣传教育): matched like
    the lexicon's words, so the shorter word inside them is not, and credited to no department."""
    section = _lexicon_file().get(NEUTRAL)
    return frozenset(section.words) if section else frozenset()


@functools.cache
def _lexicon_file() -> dict[str, Department]:
    departments: dict[str, Department] = {}
    current: dict | None = None
    key = ""
    for raw in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("["):
            current = {"names": [], "fallback": "", "prior": 0.0, "words": {}}
            departments[line.strip("[] ")] = current  # type: ignore[assignment]
            continue
        if current is None:
            raise ValueError(f"lexicon.txt: text before the first department: {raw!r}")
        if "=" in line and not line.startswith((" ", "\t")):
            key, _, value = (part.strip() for part in line.partition("="))
        else:
            value = line.strip()
        if key == "names":
            current["names"] += [name.strip() for name in value.split(",") if name.strip()]
        elif key == "fallback":
            current["fallback"] = value
        elif key == "prior":
            current["prior"] = float(value)
        elif key == "words":
            for item in value.split():
                word, _, weight = item.partition("*")
                current["words"][word] = float(weight or 1)
        else:
            raise ValueError(f"lexicon.txt: unknown field {key!r}")
    return {
        name: Department(name, tuple(d["names"]), d["fallback"], d["prior"], d["words"])  # type: ignore[index]
        for name, d in departments.items()
    }


@functools.cache
def _lexicon_index() -> tuple[re.Pattern, dict[str, list[tuple[str, float]]]]:
    """One pattern matching every lexicon word, longest first, and word → [(department, weight)]."""
    index: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for department in lexicon().values():
        for word, weight in department.words.items():
            index[word].append((department.name, weight))
    for phrase in neutral_phrases():
        index.setdefault(phrase, [])  # matched, so nothing shorter inside it is; credited to nobody
    pattern = re.compile("|".join(re.escape(word) for word in sorted(index, key=lambda w: (-len(w), w))))
    return pattern, dict(index)


@functools.lru_cache(maxsize=4096)
def department_of(name: str, kind: str = "") -> str:
    """The lexicon department of a real unit, by its kind (court, procuratorate, township) or the longest
    part of its name the lexicon knows (县交通运输局 → 交通运输, 毕节市生态环境局大方分局 → 生态环境); "" when
    none (县人民政府办公室, 县审计局)."""
    by_kind: dict[str, str] = {
        HandlingUnit.Kind.COURT: "法院",
        HandlingUnit.Kind.PROCURATORATE: "检察院",
        HandlingUnit.Kind.TOWNSHIP: TOWNSHIP,
    }
    if kind in by_kind:
        return by_kind[kind]
    name = name.replace("人民政府", "政府")  # 县人民政府办公室 is not 民政
    found = [
        (len(pattern), department.name)
        for department in lexicon().values()
        for pattern in department.patterns
        if pattern in name
    ]
    return max(found)[1] if found else ""


def _place_spans(text: str, places: frozenset[str]) -> list[tuple[int, int]]:
    """Where the text names a place: the county's own townships, and words ending in a place suffix."""
    spans = []
    for place in places:
        start = text.find(place)
        while start >= 0:
            spans.append((start, start + len(place)))
            start = text.find(place, start + 1)
    for match in _PLACE_SUFFIX.finditer(text):
        if text[max(match.end() - 2, 0) : match.end()] in _NOT_PLACE:
            continue
        start = match.start()
        while start > 0 and match.start() - start < 3 and "\u4e00" <= text[start - 1] <= "\u9fff":
            start -= 1
        if start < match.start():
            spans.append((start, match.end()))
    return spans


def lexicon_matches(
    title: str, content: str = "", *, places: frozenset[str] = frozenset()
) -> dict[str, dict]:
    """Department → {word: points} of the lexicon words found: the longest word at each place of the text,
    each word counted once (twice in the title), a word inside a place name at PLACE_WEIGHT."""
    pattern, index = _lexicon_index()
    found: dict[str, dict[str, float]] = defaultdict(dict)
    for text, field_weight in ((title, TITLE_WEIGHT), (content, 1)):
        spans = _place_spans(text, places) if text else []
        for match in pattern.finditer(text):
            inside = any(start <= match.start() and match.end() <= end for start, end in spans)
            factor = field_weight * (PLACE_WEIGHT if inside else 1)
            for department, weight in index[match.group()]:
                points = found[department]
                points[match.group()] = max(points.get(match.group(), 0), weight * factor)
    return found


# ---------------------------------------------------------------- recommendations


@dataclass
class Recommendation:
    unit: HandlingUnit
    score: float
    similar_count: int  # similar past suggestions the unit led
    keywords: list[str]  # lexicon and keyword-table words of the unit found in the text
    similar_numbers: list[str] = field(default_factory=list)  # numbers of the most similar of them
    share: float = 0.0  # the unit's share of recent lead assignments
    named: bool = False  # a township the text names
    history_count: int = 0  # similar imported historical suggestions the unit led
    history_titles: list[str] = field(default_factory=list)  # "2023年《…》" of the most similar of them

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.keywords:
            reasons.append("关键词：" + "、".join(self.keywords[:5]))
        if self.similar_count:
            numbers = "、".join(f"第{n}号" if n[:1].isdigit() else n for n in self.similar_numbers[:3])
            reasons.append(
                f"相似建议：{numbers}等{self.similar_count}件由该单位主办"
                if numbers
                else f"相似建议{self.similar_count}件由该单位主办"
            )
        if self.history_count:
            titles = "、".join(self.history_titles[:2])
            reasons.append(f"相似历史建议：{titles}等{self.history_count}件由该单位主办")
        if self.named:
            reasons.append("建议涉及本乡镇（街道）")
        if not reasons:
            reasons.append(
                f"近三年主办建议较多（占{round(self.share * 100)}%）" if self.share else "暂无依据，供参考"
            )
        return reasons


def _lead_shares(years: tuple[int, int]) -> dict[int, float]:
    """Unit → share of the lead assignments of the PRIOR_SAMPLE latest suggestions of `years` (bounded)."""
    latest = (
        Suggestion.objects.filter(year__gte=years[0], year__lte=years[1])
        .order_by("-pk")
        .values("pk")[:PRIOR_SAMPLE]
    )
    counts = dict(
        Assignment.objects.filter(suggestion_id__in=latest, role=AssignmentRole.LEAD, unit__active=True)
        .exclude(state=AssignmentState.WITHDRAWN)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    total = sum(counts.values())
    return {unit_id: n / total for unit_id, n in counts.items()} if total else {}


def recommend_units(
    suggestion: Suggestion,
    *,
    limit: int = 3,
    years: tuple[int, int] | None = None,
    history: bool = True,
    use_lexicon: bool = True,
    prior: bool = True,
) -> list[Recommendation]:
    """The `limit` active units best placed to lead `suggestion`, always `limit` of them (fewer only when the
    deployment has fewer units), each with its reasons. Three sources add up per unit: the lead units of the
    NEIGHBOURS most similar past suggestions (of `years`, by default the last three and this one), each
    counting its similarity squared; the department lexicon's words found in the text, credited to the units
    whose names the lexicon recognises (LEXICON_SCALE), plus the office's keyword table (KEYWORD_SCALE; an
    inactive row switches that word off for its unit); and the unit's share of recent lead assignments
    (PRIOR_SCALE), which also orders the units proposed without other grounds. `history`, `use_lexicon` and
    `prior` switch a source off, for measuring them (bench/suggestion_real.py). The historical suggestions
    the office imported (HistoricalSuggestion, of any year up to the suggestion's) count as past suggestions
    do, with their own reason. Eight queries."""
    window = years or _window(suggestion)
    text = f"{suggestion.title}\n{suggestion.content}"
    vector = term_vector(suggestion.title, suggestion.content) if history else {}
    rare = {term: vector[term] for term in _rarest(vector)} if vector else {}
    neighbours = (
        dict(
            _scores(
                vector,
                exclude_pk=suggestion.pk,
                years=window,
                floor=NEIGHBOURS_FLOOR,
                limit=NEIGHBOURS,
                rare=rare,
            )
        )
        if history
        else {}
    )
    past = (
        dict(
            _scores(
                vector,
                exclude_pk=None,
                years=(0, window[1]),
                floor=NEIGHBOURS_FLOOR,
                limit=NEIGHBOURS,
                index=HistoricalSuggestionTerm,
                rare=rare,
            )
        )
        if history
        else {}
    )
    past_led = (
        HistoricalSuggestion.objects.filter(pk__in=list(past), unit__active=True).values_list(
            "pk", "unit_id", "year", "title"
        )
        if past
        else []
    )
    led = (
        Assignment.objects.filter(
            suggestion_id__in=list(neighbours), role=AssignmentRole.LEAD, unit__active=True
        )
        .exclude(state=AssignmentState.WITHDRAWN)
        .values_list("suggestion_id", "unit_id", "suggestion__number")
        if neighbours
        else []
    )
    table = (
        UnitKeyword.objects.filter(unit__active=True)
        .annotate(text=Value(text))
        .filter(text__contains=F("keyword"))
        .order_by("-weight", "keyword")
        .values_list("unit_id", "keyword", "weight", "active")
    )
    units = {
        unit.pk: unit
        for unit in HandlingUnit.objects.filter(active=True)
        .select_related("township")
        .order_by("order", "name")
    }
    shares = _lead_shares(window) if prior else {}

    score: dict[int, float] = defaultdict(float)
    similar: Counter[int] = Counter()
    numbers: dict[int, list[tuple[float, str]]] = defaultdict(list)
    keywords: dict[int, dict[str, float]] = defaultdict(dict)
    named: set[int] = set()
    for suggestion_id, unit_id, number in led:
        score[unit_id] += neighbours[suggestion_id] ** 2  # the closer a past case, the more it counts
        similar[unit_id] += 1
        if number:
            numbers[unit_id].append((-neighbours[suggestion_id], number))
    from_history: Counter[int] = Counter()
    history_titles: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for historical_id, unit_id, year, title in past_led:
        score[unit_id] += past[historical_id] ** 2
        from_history[unit_id] += 1
        history_titles[unit_id].append((-past[historical_id], f"{year}年《{title}》"))
    switched_off = set()
    for unit_id, keyword, weight, active in table:
        if active:
            score[unit_id] += weight * KEYWORD_SCALE
            keywords[unit_id][keyword] = weight * KEYWORD_SCALE
        else:
            switched_off.add((unit_id, keyword))
    if use_lexicon:
        by_department: dict[str, list[HandlingUnit]] = defaultdict(list)
        places = set()
        for unit in units.values():
            by_department[department_of(unit.name, unit.kind)].append(unit)
            if unit.kind == HandlingUnit.Kind.TOWNSHIP:
                names = {unit.short_name, unit.township.name if unit.township else ""} - {""}
                places |= names
                if any(name in text for name in names):
                    named.add(unit.pk)
        matches = lexicon_matches(suggestion.title, suggestion.content, places=frozenset(places))
        departments = lexicon()
        for department, points in matches.items():
            target = department
            while target and not by_department.get(target):  # a county without such a unit
                target = departments[target].fallback if target in departments else ""
            if not target:
                continue
            for unit in by_department[target]:
                if target == TOWNSHIP and unit.pk not in named:
                    continue  # township words go to the township the text names, if any
                for word, value in points.items():
                    if (unit.pk, word) not in switched_off:
                        score[unit.pk] += value * LEXICON_SCALE
                        keywords[unit.pk][word] = keywords[unit.pk].get(word, 0) + value * LEXICON_SCALE
        for unit_id in named:
            score[unit_id] += TOWNSHIP_NAMED * LEXICON_SCALE
    for unit_id, share in shares.items():
        score[unit_id] += share * PRIOR_SCALE

    departments = lexicon()

    def usual(unit: HandlingUnit) -> float:
        department = departments.get(department_of(unit.name, unit.kind))
        return department.prior if department and unit.kind != HandlingUnit.Kind.TOWNSHIP else 0.0

    def rank(pk: int) -> tuple:
        unit = units[pk]
        return (-round(score.get(pk, 0.0), 9), -shares.get(pk, 0.0), -usual(unit), unit.order, unit.name)

    ranked = sorted(units, key=rank)[:limit]
    return [
        Recommendation(
            units[pk],
            score.get(pk, 0.0),
            similar[pk],
            [word for word, _ in sorted(keywords[pk].items(), key=lambda item: (-item[1], item[0]))],
            [number for _, number in sorted(numbers[pk])],
            shares.get(pk, 0.0),
            pk in named,
            from_history[pk],
            [title for _, title in sorted(history_titles[pk])],
        )
        for pk in ranked
    ]


# ---------------------------------------------------------------- the keyword table


def proposed_leads(suggestion: Suggestion) -> list[int]:
    """The units proposed to lead `suggestion` as the office assigns it (page or API), in order: passed to
    `suggestion_assign(proposed=…)`, which keeps the taken one's rank for the proposal-taken rate."""
    return [item.unit.pk for item in recommend_units(suggestion, limit=3)]


def unit_keywords_visible_to(user) -> QuerySet[UnitKeyword]:
    """The keyword → unit table is the deputies' affairs office's tool: nobody else reads it."""
    if not can(user, "suggestions.manage"):
        return UnitKeyword.objects.none()
    return UnitKeyword.objects.select_related("unit")


def unit_keyword_get_for_user(user, pk) -> UnitKeyword:
    try:
        return unit_keywords_visible_to(user).get(pk=pk)
    except (UnitKeyword.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该关键词。") from None


# ---------------------------------------------------------------- historical suggestions' units


class UnitMatcher:
    """Matches a unit's name as a county's old lists write it to one of its active handling units: the full
    name, the short name, a name that contains a unit's full or short name (大方县交通运输局 ↔ 县交通运输局),
    then the lexicon's department (交通局 ↔ 县交通运输局) when exactly one unit has it."""

    def __init__(self) -> None:
        self.units = list(HandlingUnit.objects.filter(active=True).order_by("order", "name"))
        self.by_name = {unit.name: unit for unit in self.units}
        self.by_short = {unit.short_name: unit for unit in self.units if unit.short_name}
        self.by_department: dict[str, list[HandlingUnit]] = defaultdict(list)
        for unit in self.units:
            department = department_of(unit.name, unit.kind)
            if department:
                self.by_department[department].append(unit)

    def match(self, name: str) -> HandlingUnit:
        """The unit, or a ValidationError in Chinese naming what is wrong."""
        name = name.strip()
        found = self.by_name.get(name) or self.by_short.get(name)
        if found:
            return found
        contained = {
            unit.pk: unit
            for unit in self.units
            for part in (unit.name, unit.short_name)
            if len(part) >= 2 and part in name
        }
        if len(contained) == 1:
            return next(iter(contained.values()))
        department = department_of(name)
        candidates = self.by_department.get(department, []) if department else []
        if len(candidates) == 1:
            return candidates[0]
        if len(contained) > 1 or len(candidates) > 1:
            names = "、".join(unit.name for unit in (list(contained.values()) or candidates)[:3])
            raise ValidationError(f"“{name}”对应多个承办单位（{names}），请填写单位全称。")
        raise ValidationError(f"没有找到承办单位“{name}”，请填写本县在用承办单位的名称或简称。")


@dataclass(frozen=True)
class ProposalTaken:
    year: int
    assigned: int  # lead assignments made with proposals recorded
    first: int  # of them, the lead unit was the first proposal
    top_three: int  # … one of the three proposals


def proposal_taken_by_year() -> list[ProposalTaken]:
    """Per year of the suggestions, how often the office took the proposed lead unit (Assignment.proposed_rank),
    counted in the database; latest year first."""
    rows = (
        Assignment.objects.filter(role=AssignmentRole.LEAD, proposed_rank__isnull=False)
        .values("suggestion__year")
        .annotate(
            assigned=Count("pk"),
            first=Count("pk", filter=Q(proposed_rank=1)),
            top_three=Count("pk", filter=Q(proposed_rank__gte=1, proposed_rank__lte=3)),
        )
        .order_by("-suggestion__year")
    )
    return [
        ProposalTaken(row["suggestion__year"], row["assigned"], row["first"], row["top_three"])
        for row in rows
    ]


def historical_counts_by_year() -> list[tuple[int, int]]:
    """(year, number) of the imported historical suggestions, latest year first."""
    return list(
        HistoricalSuggestion.objects.values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
        .values_list("year", "n")
    )
