"""Compare two near-duplicate measures for deputies' suggestions on a small generated set (docs/adr/0002).

    .venv/bin/python bench/suggestion_similarity.py [--seed 7]

The set: for each subject (a topic in a place) one suggestion and a reworded copy by another deputy (synonyms,
sentences reordered, one dropped, other opening and closing words); the same topic in another place; and
unrelated topics written with the same boilerplate (建议、加快、问题 …). A measure is good when every reworded
copy scores above every unrelated pair. Measured: TF-IDF cosine as stored by renda.suggestions.similarity
(top terms), TF-IDF cosine over all terms, and MinHash (128 permutations) over word sets and over character
3-gram shingles, with the LSH banding the index would need. No database is used.
"""

import argparse
import hashlib
import math
import os
import random
import statistics
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from renda.core.rules import rule  # noqa: E402
from renda.suggestions.similarity import _idf, _words, term_vector  # noqa: E402

# fmt: off
PLACES = ["羊场镇新民村", "六龙镇箐口村", "达溪镇红岩社区", "猫场镇坪寨村", "瓢井镇双河村", "长石镇杨柳村"]
# topic: (title, facts, requests); {p} is the place, {n} a number. A suggestion picks some facts and requests.
TOPICS = {
    "road": ("{p}通组公路硬化", [
        "{p}通组公路全长约{n}公里，至今仍为泥结石路面", "雨季道路泥泞，车辆无法通行", "学生上学和农产品外运十分困难",
        "沿线群众多次自发修补，但路面仍坑洼不平", "路面宽度只有{n}米，会车困难", "部分路段临崖没有防护栏，存在安全隐患",
        "沿线有{n}户农户种植蔬菜，运输成本高"],
        ["将{p}通组公路纳入年度硬化计划", "在雨季前完成路基排水沟修建", "在临崖路段安装防护栏", "对窄路段进行拓宽"]),
    "water": ("{p}安全饮水工程", [
        "{p}群众饮用山泉水，水源在旱季时常断流", "现有蓄水池建于上世纪九十年代，渗漏严重", "部分农户每天往返{n}公里挑水",
        "水质未经检测，存在饮水安全隐患", "入户管网老化，经常爆管", "旱季需要消防车送水，{n}户群众受影响"],
        ["新建一座集中供水蓄水池并铺设入户管网", "定期开展饮用水水质检测", "更换老化的入户管网", "寻找新的备用水源"]),
    "school": ("{p}小学校舍维修", [
        "{p}小学教学楼建于{n}年，墙体开裂", "学校没有标准化食堂，学生在教室就餐", "冬季教室漏风，取暖设施不足",
        "操场为泥土地面，下雨后无法开展体育活动", "全校{n}名学生共用一间厕所", "教师周转房不足，年轻教师留不住"],
        ["安排专项资金维修加固教学楼", "新建学生食堂并硬化操场", "改造学校厕所", "建设教师周转房"]),
    "clinic": ("{p}村卫生室建设", [
        "{p}村卫生室租用民房，面积不足{n}平方米", "缺少心电图机等基本诊疗设备", "村医年龄偏大，没有接受过系统培训",
        "慢性病老人取药需到镇卫生院", "卫生室没有药品冷藏设备", "村医待遇低，后继无人"],
        ["按标准新建村卫生室", "为村医提供定期培训并配齐基本设备", "提高村医补助标准", "开通慢性病药品配送"]),
    "elderly": ("{p}农村养老服务", [
        "{p}留守老人较多，独居老人无人照料", "村里没有老年活动场所", "部分老人生病无人送医",
        "敬老院床位紧张，入住需排队", "全村{n}岁以上老人有{n}人", "老人就餐困难，很多人一天只吃两顿饭"],
        ["建设村级互助幸福院", "组织志愿者定期上门探访独居老人", "开办老年食堂", "增加敬老院床位"]),
    "garbage": ("{p}生活垃圾收运", [
        "{p}没有垃圾收集点，垃圾随意倾倒在河沟", "夏季臭气熏天，蚊蝇滋生", "垃圾清运车辆每月只来一次",
        "河道堵塞影响下游灌溉", "村里只有{n}名保洁员，难以覆盖全村", "焚烧垃圾的烟雾影响周边住户"],
        ["增设垃圾收集箱并落实保洁员", "将垃圾清运频次提高到每周两次", "清理河道淤积垃圾", "建设垃圾中转站"]),
    "tea": ("{p}茶叶产业扶持", [
        "{p}种植茶叶{n}亩，但缺乏加工厂", "鲜叶只能低价卖给外地客商", "茶农缺少修剪施肥技术",
        "茶叶品牌知名度低，销路不畅", "茶园道路不通，采茶运输靠人背", "去年春茶受冻，损失{n}万元"],
        ["引进茶叶加工企业就地建厂", "开展茶园管护技术培训", "打造区域茶叶品牌", "修建茶园产业路"]),
    "bus": ("{p}农村客运班线", [
        "{p}没有开通客运班线，群众出行只能乘坐三轮车", "三轮车超载现象突出，存在安全隐患",
        "赶场天群众往返镇上要花半天时间", "学生周末返校交通不便", "距镇上{n}公里，打车费用高", "候车没有招呼站，雨天淋雨"],
        ["开通{p}至镇上的农村客运班线", "在赶场天增加班次", "修建候车招呼站", "开通学生周末专线"]),
}
# Synonyms a second deputy uses when writing about the same matter.
REWORDINGS = [("硬化", "水泥硬化"), ("泥泞", "泥泞不堪"), ("困难", "不便"), ("十分", "非常"), ("群众", "村民"),
              ("纳入", "列入"), ("新建", "修建"), ("安排", "落实"), ("缺少", "缺乏"), ("开展", "组织"),
              ("部分", "一些"), ("没有", "缺少"), ("定期", "经常"), ("增设", "增加"), ("多次", "反复"),
              ("存在", "有"), ("建设", "修建"), ("老人", "老年人"), ("学生", "孩子")]
OPENINGS = ["近年来，我县农村基础设施不断完善，但仍存在一些问题。", "我在走访选民时，群众反映强烈。",
            "经实地调研发现以下问题，亟待加快解决。", ""]
CLOSINGS = ["建议县政府高度重视，加快解决上述问题。", "恳请有关部门加大支持力度，切实解决群众的急难愁盼问题。",
            "希望相关部门尽快研究解决。"]
# fmt: on


def _fill(sentences: list[str], place: str, rng: random.Random) -> list[str]:
    return [s.format(p=place, n=rng.randint(2, 60)) for s in sentences]


def _text(title: str, facts: list[str], asks: list[str], rng: random.Random) -> tuple[str, str]:
    body = [
        rng.choice(OPENINGS),
        "。".join(facts) + "。",
        "建议：" + "；".join(asks) + "。",
        rng.choice(CLOSINGS),
    ]
    return title, "".join(body)


def original(topic: str, place: str, rng: random.Random) -> tuple[tuple[str, str], list[str], list[str]]:
    """A suggestion written from scratch: some facts and requests of the topic, in random order."""
    title, facts, asks = TOPICS[topic]
    facts, asks = _fill(rng.sample(facts, 4), place, rng), _fill(rng.sample(asks, 2), place, rng)
    return _text(f"关于加快{title.format(p=place)}的建议", facts, asks, rng), facts, asks


def reworded(
    topic: str, place: str, facts: list[str], asks: list[str], rng: random.Random
) -> tuple[str, str]:
    """Another deputy's version: one fact dropped, one added, order changed, synonyms, other boilerplate."""
    title, pool, _ = TOPICS[topic]
    extra = _fill([rng.choice(pool)], place, rng)
    facts = rng.sample(facts, len(facts) - 1) + extra
    rng.shuffle(facts)
    title, content = _text(f"关于尽快解决{title.format(p=place)}问题的建议", facts, list(reversed(asks)), rng)
    for old, new in REWORDINGS:
        if rng.random() < 0.7:
            content = content.replace(old, new)
            title = title.replace(old, new)
    return title, content


def dataset(seed: int) -> tuple[list[tuple[str, str]], list[tuple[int, int, str]]]:
    """Texts and labelled pairs (i, j, kind): "copy" a reworded copy; "same_topic" the topic in another place;
    "same_place" another topic in the same place; "unrelated" another topic elsewhere (boilerplate only)."""
    rng = random.Random(seed)
    texts, pairs, originals = [], [], {}
    for topic in TOPICS:
        for place in PLACES:
            text, facts, asks = original(topic, place, rng)
            originals[topic, place] = len(texts)
            texts.append(text)
            pairs.append((len(texts) - 1, len(texts), "copy"))
            texts.append(reworded(topic, place, facts, asks, rng))
    for (ta, pa), (tb, pb) in combinations(originals, 2):
        kind = "same_topic" if ta == tb else ("same_place" if pa == pb else "unrelated")
        pairs.append((originals[ta, pa], originals[tb, pb], kind))
    return texts, pairs


# ---------------------------------------------------------------- measures


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def full_vector(title: str, content: str) -> dict[str, float]:
    counts = Counter(_words(f"{title}\n{title}\n{content}"))
    idf, median = _idf()
    vector = {w: (1 + math.log(c)) * idf.get(w, median) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()}


PERMUTATIONS = 128
PRIME = (1 << 61) - 1
_rng = random.Random(1)
SEEDS = [(_rng.randrange(1, PRIME), _rng.randrange(0, PRIME)) for _ in range(PERMUTATIONS)]


def _h(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "big")


def minhash(tokens: set[str]) -> list[int]:
    hashed = [_h(t) for t in tokens] or [0]
    return [min((a * x + b) % PRIME for x in hashed) for a, b in SEEDS]


def minhash_similarity(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def shingles(title: str, content: str, n: int = 3) -> set[str]:
    text = "".join(ch for ch in title + content if ch.isalnum())
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def lsh_probability(s: float, bands: int, rows: int) -> float:
    """Chance that two texts of similarity `s` share at least one LSH band."""
    return 1 - (1 - s**rows) ** bands


KINDS = {"copy": "改写件", "same_topic": "同题异地", "same_place": "同地异题", "unrelated": "无关件"}


def report(name: str, scores: dict[str, list[float]], seconds: float, count: int) -> dict:
    """Print and return, per kind of pair, the lowest, median and highest score."""
    line = {"measure": name, "ms_per_text": seconds * 1000 / count}
    cells = []
    line["scores"] = scores
    for kind, label in KINDS.items():
        values = scores[kind]
        line[kind] = (min(values), statistics.median(values), max(values))
        cells.append(f"{label} {min(values):.2f}/{statistics.median(values):.2f}/{max(values):.2f}")
    line["gap"] = line["copy"][0] - max(line["same_place"][2], line["unrelated"][2])
    print(f"{name:<24} " + " │ ".join(cells) + f" │ 间隔{line['gap']:+.2f} │ {line['ms_per_text']:.2f} ms/件")
    return line


def measure(texts, pairs, name, represent, compare) -> dict:
    start = time.perf_counter()
    reps = [represent(title, content) for title, content in texts]
    seconds = time.perf_counter() - start
    scores: dict[str, list[float]] = {"copy": [], "same_topic": [], "same_place": [], "unrelated": []}
    for i, j, kind in pairs:
        scores[kind].append(compare(reps[i], reps[j]))
    return report(name, scores, seconds, len(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts, pairs = dataset(args.seed)
    kinds = Counter(kind for _, _, kind in pairs)
    print(f"生成 {len(texts)} 件；" + "，".join(f"{label}对 {kinds[kind]}" for kind, label in KINDS.items()))
    print("每类：最低/中位/最高相似度；间隔 = 改写件最低 − 同地异题与无关件最高")
    _idf()
    term_vector("预热", "加载分词词典")
    results = [
        measure(texts, pairs, "TF-IDF 余弦（存储前24词）", term_vector, cosine),
        measure(texts, pairs, "TF-IDF 余弦（全部词）", full_vector, cosine),
        measure(texts, pairs, "MinHash 词集合", lambda t, c: minhash(set(_words(t + c))), minhash_similarity),
        measure(texts, pairs, "MinHash 3字片段", lambda t, c: minhash(shingles(t, c)), minhash_similarity),
    ]
    threshold = rule("duplicate_threshold_percent") / 100
    stored = results[0]["scores"]
    print(
        f"阈值 {threshold:.0%}（规则 duplicate_threshold_percent）下的 TF-IDF（存储前24词）："
        + "，".join(
            f"{label}达到阈值 {sum(v >= threshold for v in stored[kind])}/{len(stored[kind])}"
            for kind, label in KINDS.items()
        )
    )
    for line in results[2:]:
        s = line["copy"][0]
        print(
            f"{line['measure']}：最低改写件相似度 {s:.2f} 在 LSH 32×4 下成为候选的概率 {lsh_probability(s, 32, 4):.0%}，"
            f"16×8 下 {lsh_probability(s, 16, 8):.0%}"
        )


if __name__ == "__main__":
    main()
