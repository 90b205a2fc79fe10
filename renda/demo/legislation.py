"""The demo county's legislative outreach (基层立法联系点), played through the services under `clock.at(...)`.

A year of drafts sent down for comment before today: a national draft (治安管理处罚法修订草案) consulted for 30 days
through the stations — comments from the public page, the demo deputy, the demo keeper's station and a symposium
there — a second version arriving mid-window (its articles aligned, the comments kept on them), sorted into
opinions, reported upward, passed and its adoption recorded; a provincial regulation reported and awaiting the
law; a city regulation open for comment now; and one just received. The stations' trainings, legal publicity and
mediations through the year. Deterministic: everything follows `random.Random(seed)`. County scale only."""

import datetime
import random

from renda.accounts.models import User
from renda.core import clock
from renda.deputies.models import LiaisonStation
from renda.legislation import services
from renda.legislation.models import Adoption, Channel, DraftLevel, LiaisonRole, WorkKind

NATIONAL = """中华人民共和国治安管理处罚法（修订草案）
第一章 总则
第一条 为了维护社会治安秩序，保障公共安全，保护公民、法人和其他组织的合法权益，规范和保障公安机关及其人民警察依法履行治安管理职责，制定本法。
第二条 治安管理工作坚持中国共产党的领导，坚持综合治理。
第三条 治安管理处罚必须以事实为依据，与违反治安管理行为的性质、情节以及社会危害程度相当。
第二章 处罚的种类和适用
第四条 治安管理处罚的种类分为：
（一）警告；
（二）罚款；
（三）行政拘留；
（四）吊销公安机关发放的许可证件。
对违反治安管理的外国人，可以附加适用限期出境或者驱逐出境。
第五条 已满十四周岁不满十八周岁的人违反治安管理的，从轻或者减轻处罚；不满十四周岁的人违反治安管理的，不予处罚，但是应当责令其监护人严加管教。
第六条 醉酒的人违反治安管理的，应当给予处罚。
第三章 违反治安管理的行为和处罚
第七条 高空抛物、妨害公共安全的，处五日以下拘留或者五百元以下罚款。
第八条 组织、胁迫未成年人从事有偿陪侍活动的，处十日以上十五日以下拘留，并处五千元以下罚款。
"""
# the second version: 第二条 changed, old 第七条 and 第八条 swapped, a new article on personal information
NATIONAL_2 = NATIONAL.replace("坚持综合治理。", "坚持综合治理，预防和化解社会矛盾纠纷。").replace(
    "第七条 高空抛物、妨害公共安全的，处五日以下拘留或者五百元以下罚款。\n第八条 组织、胁迫未成年人从事有偿陪侍活动的，处十日以上十五日以下拘留，并处五千元以下罚款。\n",
    "第七条 组织、胁迫未成年人从事有偿陪侍活动的，处十日以上十五日以下拘留，并处五千元以下罚款。\n"
    "第八条 高空抛物、妨害公共安全的，处五日以下拘留或者五百元以下罚款。\n"
    "第九条 公安机关及其人民警察办理治安案件，对知悉的个人隐私、个人信息应当予以保密。\n",
)
NATIONAL_FINAL = NATIONAL_2.replace(
    "但是应当责令其监护人严加管教。", "但是应当责令其监护人严加管教；必要时，依法对其采取矫治教育等措施。"
).replace("（修订草案）", "")

PROVINCE = """省物业管理条例（修订草案征求意见稿）
第一条 为了规范物业管理活动，维护业主、物业服务人的合法权益，制定本条例。
第二条 街道办事处、乡镇人民政府负责组织、指导本辖区业主大会的成立和业主委员会的选举。
第三条 物业服务人应当公示物业服务事项、收费标准和公共收益收支情况。
第四条 业主委员会委员应当由热心公益事业、责任心强、具有一定组织能力的业主担任。
"""

CITY = """市文明行为促进条例（草案）
第一章 总则
第一条 为了培育和践行社会主义核心价值观，提升市民文明素养和社会文明程度，制定本条例。
第二条 本市行政区域内的文明行为促进工作，适用本条例。
第二章 规范与倡导
第三条 公民应当文明出行，遵守交通信号，礼让行人，不乱停乱放车辆。
第四条 公民应当文明养犬，出户时束犬链，及时清理犬只粪便。
第五条 倡导光盘行动，反对食品浪费。
"""

PUBLIC = ["建议明确高空抛物的认定标准", "对未成年人的处罚应当注重教育", "罚款数额应当与经济发展水平相适应",
          "建议增加保护个人信息的规定", "监护人不履行管教义务的应当承担责任"]  # fmt: skip
WORK = [
    (WorkKind.TRAINING, "信息员、联络员业务培训", (20, 45)),
    (WorkKind.PUBLICITY, "“法治进社区”普法宣传", (50, 200)),
    (WorkKind.MEDIATION, "参与邻里、婚姻家庭纠纷调处", (2, 9)),
]


SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ["建华", "秀英", "志强", "丽娟", "国庆", "海燕", "文军", "春梅", "立新", "晓红", "明亮", "桂兰"]
EXPERTS = [("县司法局", "行政法"), ("县律师协会", "民商法"), ("县委党校", "基层治理")]


def _liaisons(rng, office, stations) -> dict:
    """Two 信息员 and one 联络员 at each station asked, and three experts, on record (their phones private)."""
    names = iter(rng.sample([s + g for s in SURNAMES for g in GIVEN], 3 * len(stations) + len(EXPERTS)))
    by_station = {}
    for station in stations:
        by_station[station.pk] = [
            services.liaison_create(
                name=next(names), role=role, station=station, phone=f"139{rng.randrange(10**8):08d}", actor=office
            )
            for role in (LiaisonRole.INFORMANT, LiaisonRole.INFORMANT, LiaisonRole.LIAISON)
        ]  # fmt: skip
    experts = [
        services.liaison_create(
            name=next(names),
            role=LiaisonRole.EXPERT,
            expertise=field,
            organisation=body,
            phone=f"137{rng.randrange(10**8):08d}",
            actor=office,
        )  # fmt: skip
        for body, field in EXPERTS
    ]
    return {"by_station": by_station, "experts": experts}


def _at(day: datetime.date, hour: int = 10):
    return clock.at(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC))


def _articles(draft) -> dict:
    return {t.number: t.article for t in services.current_version(draft).texts.select_related("article")}


def demo_legislation(*, scale, seed: int, today: datetime.date) -> dict[str, int]:
    from renda.demo.services import SCALES

    if scale != SCALES["county"]:
        return {}
    rng = random.Random(seed)
    office, deputy, keeper = (User.objects.get(username=name) for name in ("clerk", "deputy", "keeper"))
    stations = list(LiaisonStation.objects.filter(active=True, kind="township_station").order_by("pk"))
    assert keeper.station is not None  # the demo keeper keeps a station
    chosen: list[LiaisonStation] = [keeper.station, *[s for s in stations if s.pk != keeper.station_id][:5]]
    people = _liaisons(rng, office, chosen)
    asked = [p for station in chosen for p in people["by_station"][station.pk]] + people["experts"]
    _national(rng, office, deputy, keeper, chosen, today - datetime.timedelta(days=300), asked)
    _province(rng, office, deputy, keeper, chosen, today - datetime.timedelta(days=100))
    _city(rng, office, deputy, chosen, today - datetime.timedelta(days=10), today, asked)
    with _at(today - datetime.timedelta(days=1)):
        services.draft_receive(
            title="市养犬管理条例（草案）", issuing_body="市人大常委会法制工作委员会", level=DraftLevel.CITY,
            received_on=today - datetime.timedelta(days=1), report_due=today + datetime.timedelta(days=40),
            text=CITY.replace("文明行为促进", "养犬管理"), actor=office,
        )  # fmt: skip
    work = 0
    for station in chosen:
        for kind, title, (low, high) in WORK:
            for _ in range(rng.randint(1, 3)):
                day = today - datetime.timedelta(days=rng.randint(1, 330))
                present = people["by_station"][station.pk] if kind == WorkKind.TRAINING else []
                with _at(day):
                    services.outreach_work_record(
                        kind=kind, held_on=day, title=title, count=rng.randint(low, high), station=station,
                        attendees=rng.sample(present, rng.randint(1, len(present))) if present else [], actor=office,
                    )  # fmt: skip
                work += 1
    return {"法规草案": 4, "联系点工作": work, "信息员和专家": len(asked)}


def _open(office, draft, stations, start: datetime.date, deputies=(), liaisons=()):
    with _at(start):
        return services.draft_open(
            draft=draft, opens_on=start, closes_on=start + datetime.timedelta(days=29),
            internal_due=start + datetime.timedelta(days=20), stations=stations, deputies=deputies,
            liaisons=liaisons, others="县司法局；县公安局", actor=office,
        )  # fmt: skip


def _national(rng, office, deputy, keeper, stations, received: datetime.date, liaisons=()) -> None:
    with _at(received):
        draft = services.draft_receive(
            title="中华人民共和国治安管理处罚法（修订草案）", issuing_body="全国人大常委会法制工作委员会",
            level=DraftLevel.NATIONAL, received_on=received, report_due=received + datetime.timedelta(days=40),
            text=NATIONAL, actor=office,
        )  # fmt: skip
    start = received + datetime.timedelta(days=2)
    draft = _open(office, draft, stations, start, deputies=[deputy.deputy], liaisons=liaisons)
    first = _articles(draft)
    for i, text in enumerate(PUBLIC):
        with _at(start + datetime.timedelta(days=1 + i)):
            services.comment_submit_public(
                draft=draft, article=first[[7, 5, 4, 2, 5][i]], content=text,
                author_name=rng.choice(["", "李明", "王芳"]), contact=f"138{rng.randrange(10**8):08d}",
            )  # fmt: skip
    with _at(start + datetime.timedelta(days=6)):
        services.comment_submit_public(draft=draft, article=first[7], content="建议明确高空抛物的认定标准。")
        services.comment_add(
            draft=draft, article=first[5], channel=Channel.DEPUTY, actor=deputy,
            content="建议对不满十四周岁屡次违反治安管理的，规定矫治教育措施",
        )  # fmt: skip
        services.comment_add(
            draft=draft, article=first[8], channel=Channel.STATION, actor=keeper,
            content="信息员反映：有偿陪侍的范围应当明确", author_name="信息员 赵强",
        )  # fmt: skip
    with _at(start + datetime.timedelta(days=9)):
        services.symposium_record(
            draft=draft, held_on=start + datetime.timedelta(days=9), place=f"{keeper.station.name}会议室",
            attendees="县人大代表、社区干部、律师、居民代表", attendee_count=16,
            minutes="与会人员逐章讨论了修订草案。",
            comments=[(first[4], "建议将社区矫正纳入处罚的配套措施"), (first[7], "高空抛物的罚款偏低"), (None, "建议加强普法宣传")],
            actor=keeper,
        )  # fmt: skip
    with _at(start + datetime.timedelta(days=12)):
        services.version_add(draft=draft, label="二次审议稿", text=NATIONAL_2, actor=office)
    second = _articles(draft)
    with _at(start + datetime.timedelta(days=14)):
        services.comment_add(
            draft=draft, article=second[9], channel=Channel.DEPUTY, actor=deputy,
            content="个人信息保护的规定很有必要，建议明确泄露的法律责任",
        )  # fmt: skip
    with _at(start + datetime.timedelta(days=30)):
        services.consultations_expire(today=start + datetime.timedelta(days=30))
        comments = {c.content: c for c in draft.comments.all()}
        services.comment_merge(
            comment=comments["建议明确高空抛物的认定标准。"],
            into=comments["建议明确高空抛物的认定标准"],
            actor=office,
        )
        minors = services.opinion_write(
            draft=draft, article=second[5], text="建议增加对不满十四周岁违法者依法采取矫治教育等措施的规定",
            reason="代表、群众反映低龄未成年人违法仅责令管教，难以起到教育作用",
            comments=[c for c in draft.comments.filter(article=second[5].pk)], actor=office,
        )  # fmt: skip
        height = services.opinion_write(
            draft=draft, article=second[8], text="建议明确高空抛物行为的认定标准，并适当提高罚款数额",
            reason="基层反映认定难、罚款偏低", comments=list(draft.comments.filter(article=second[8].pk, merged_into=None)),
            actor=office,
        )  # fmt: skip
        privacy = services.opinion_write(
            draft=draft, article=second[9], text="建议明确泄露个人信息的法律责任",
            comments=list(draft.comments.filter(article=second[9].pk)), actor=office,
        )  # fmt: skip
        services.draft_report(draft=draft, reported_on=start + datetime.timedelta(days=30), actor=office)
    passed = start + datetime.timedelta(days=120)
    with _at(passed):
        services.final_text_add(draft=draft, passed_on=passed, text=NATIONAL_FINAL, actor=office)
        services.opinion_adoption_record(
            opinion=minors, adoption=Adoption.FULL, note="第五条增加矫治教育", actor=office
        )
        services.opinion_adoption_record(opinion=height, adoption=Adoption.NOT, actor=office)
        services.opinion_adoption_record(
            opinion=privacy, adoption=Adoption.PARTLY, note="保密义务已规定", actor=office
        )
        services.draft_conclude(draft=draft, actor=office)


def _province(rng, office, deputy, keeper, stations, received: datetime.date) -> None:
    with _at(received):
        draft = services.draft_receive(
            title="省物业管理条例（修订草案）", issuing_body="省人大常委会法制工作委员会", level=DraftLevel.PROVINCE,
            received_on=received, report_due=received + datetime.timedelta(days=45), text=PROVINCE, actor=office,
        )  # fmt: skip
    start = received + datetime.timedelta(days=3)
    draft = _open(office, draft, stations, start)
    articles = _articles(draft)
    with _at(start + datetime.timedelta(days=5)):
        for number, text in [
            (3, "公共收益应当每季度公示"),
            (2, "业主委员会选举难，建议明确社区居委会的作用"),
            (3, "建议公示物业费的使用明细"),
        ]:
            services.comment_submit_public(draft=draft, article=articles[number], content=text)
        services.comment_add(
            draft=draft, article=articles[4], channel=Channel.QUESTIONNAIRE, actor=keeper,
            content="问卷调查：62%的受访业主认为应当明确业主委员会委员的履职补贴",
        )  # fmt: skip
    with _at(start + datetime.timedelta(days=30)):
        services.draft_close(draft=draft, actor=office)
        services.opinion_write(
            draft=draft, article=articles[3], text="建议规定公共收益收支情况每季度公示一次",
            reason="群众普遍反映公示不及时", comments=list(draft.comments.filter(article=articles[3].pk)), actor=office,
        )  # fmt: skip
        services.draft_report(draft=draft, reported_on=start + datetime.timedelta(days=30), actor=office)


def _city(rng, office, deputy, stations, received: datetime.date, today: datetime.date, liaisons=()) -> None:
    with _at(received):
        draft = services.draft_receive(
            title="市文明行为促进条例（草案）", issuing_body="市人大常委会法制工作委员会", level=DraftLevel.CITY,
            received_on=received, report_due=received + datetime.timedelta(days=45), text=CITY, actor=office,
        )  # fmt: skip
    start = received + datetime.timedelta(days=1)
    draft = _open(office, draft, stations, start, deputies=[deputy.deputy], liaisons=liaisons)
    articles = _articles(draft)
    with _at(min(start + datetime.timedelta(days=2), today)):
        services.comment_submit_public(
            draft=draft, article=articles[4], content="建议规定犬只须办理登记并免疫"
        )
