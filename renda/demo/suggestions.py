"""Deputies' suggestions and motions of the demo jurisdiction: a year of live cases and three years of history.

Each case is first planned from `random.Random(seed)` — who files what and when, and how its story goes (`Case`,
`_Generator`) — then played along its timeline — drafted, co-signed, submitted, reviewed and numbered, assigned,
signed for, the deputy contacted, answered, evaluated, re-handled, closed — and cut at the start of `today`.
Every decision inside a story is drawn from the case's own `random.Random(case.seed + 1)`, so a story takes the
same turns whoever writes it. Two writers play the stories:

- **the services** (replay.Replay), for the year before `today` at county scale — the demo `seed_demo` builds
  for `make serve` and the tests: every step is a call of the suggestions, casework or fund services inside
  `clock.at(step moment)`, so the deadlines, numbers, events, facts of the statistics and messages are theirs.
  The suggestion fund of every year goes through renda.fund.services too. The exceptions, each a setup step
  rather than history: the assignment meetings (交办会) are created for the session's assignments to name; a
  suggestion's created_at and updated_at (stamped with the real time by the model) are set to the moments it
  was drafted and last moved; the deputies and units act through accounts without a usable password
  (replay.Accounts: the units' are closed afterwards, so the opinions demo staffs the units as before); and the
  history's messages that no longer wait for their recipient are marked read, as the opinions demo does.
- **in bulk** (`_Story`, `_Rows`), for the three history years at county scale and for the province scale of
  `bench/` (300,000 cases over four years, PostgreSQL's COPY), where replaying the services would be far too
  slow: the rows the services would have written, in batches with those dates — a SuggestionEvent for every
  step (labelled from TRANSITIONS, so an illegal move fails), the deadlines (代表法 Art. 51 and the local rules
  on the working-day calendar), the facts the statistics count (services.record_result), the similarity index
  (similarity.term_vector), the number sequences numbering continues from. tests/test_demo_parity.py plays the
  same planned cases both ways and requires the same rows, facts, deadlines and timelines, so this writer cannot
  drift from the rules silently. History is kept in bulk to hold `seed_demo`'s time (the test suite builds the
  county several times): replaying it too would more than double it.
Afterwards the real daily `tick` flags overdue cases and sends the reminders, so the workflow carries on from
here with the services.

The year before `today` holds about 185 cases in the county (140 filed at the session, 45 between sessions) in
every state; satisfaction is about 98% and about four in five answers are category A, as in the seeds. The three
years before are history whose lead units follow topic → unit patterns (roads → 县交通运输局, a township's own
matters → that township), with some variation, so a held-out year can test unit recommendations. The demo
accounts find their work waiting (see `_Generator.pinned`). Everything random comes from `random.Random(seed)`.
"""

import bisect
import datetime
import random
from collections import defaultdict
from collections.abc import Collection
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate
from typing import TypeGuard, TypeVar

from django.db import connection, models
from django.db.models import Exists, OuterRef
from django.utils import timezone

from renda.accounts.models import User
from renda.casework.models import AssignmentRole, AssignmentState
from renda.core.calendar import add_months, add_working_days
from renda.core.roles import Role
from renda.core.rules import rule
from renda.demo import vocab
from renda.deputies.choices import DeputyStatus, Level, StationKind
from renda.deputies.models import Delegation, Deputy, LiaisonStation
from renda.fund.models import FundProject, SuggestionFund
from renda.org.models import CommitteeMembership, CongressSession, HandlingUnit, Term, Township
from renda.suggestions import workflows
from renda.suggestions.letters import fill, signers_text
from renda.suggestions.models import (
    Assignment,
    AssignmentMeeting,
    Commitment,
    CommitmentUpdate,
    ContactRecord,
    Cosigner,
    Evaluation,
    KeySupervision,
    Kind,
    NumberSequence,
    PresidiumDecision,
    Rating,
    RefusalReason,
    Reply,
    ReplyLetterTemplate,
    ResultCategory,
    State,
    Suggestion,
    SuggestionCategory,
    SuggestionEvent,
    SuggestionTerm,
    SupervisionNote,
    Timing,
    UnitKeyword,
)
from renda.suggestions.similarity import term_stats_refresh, term_vector
from renda.suggestions.workflows import TRANSITIONS

BATCH = 2000
CHUNK = 5000  # cases built and written at a time
HISTORY_YEARS = 3
TOWNSHIP = "乡镇"  # in a topic's units: the lead deputy's township government


@dataclass(frozen=True)
class Volume:
    during: int  # cases filed at a year's session
    between: int  # cases filed between sessions in a year
    spread: float = 0.0  # the history years vary by up to this share


# The county's rate per county deputy and year (大方县: 250 deputies, about 140 + 45 cases); the province
# benchmark's 300,000 cases over the four years.
COUNTY_RATE = (0.56, 0.18)
BENCHMARK = Volume(during=56_250, between=18_750)


@dataclass(frozen=True)
class Topic:
    key: str  # a noun phrase: fund projects are named "{place}{key}项目"
    category: str  # "城乡建设/交通" or a top-level name
    title: str  # what the title asks, between 关于 and 的建议; {p} a village, {t} the township
    facts: tuple[str, ...]  # {n} a digit, {y} a year
    asks: tuple[str, ...]  # verb phrases: they read after 已 and 计划于…前 in answers
    units: dict[str, int]  # lead unit (alias, or TOWNSHIP) → weight
    joint: str = ""  # the unit most often joining (会办)
    weight: int = 2


# fmt: off
CATEGORIES = {
    "经济发展": [], "城乡建设": ["交通", "住建", "水利"], "农业农村": [], "教育": [], "卫生健康": [], "社会保障": [],
    "生态环境": [], "政法": [], "其他": [],
}
RESULT_CATEGORIES = [  # (code, label, counts as resolved, needs follow-up)
    ("A", "已解决或基本解决", True, False), ("B", "正在解决或列入计划", False, True), ("C", "因条件限制留作参考", False, False),
]
REFUSALS = {  # 不予立案理由 → titles of such "suggestions" ({p} a village)
    "反映个人或家庭事务": ["关于解决本人家庭住房困难的建议", "关于解决{p}村民宅基地纠纷的建议"],
    "涉及具体司法案件": ["关于督促法院尽快执行一起借款纠纷案件的建议"],
    "推介商业产品": ["关于在全县中小学推广某品牌净水设备的建议"],
    "检举控告": ["关于查处{p}村干部违规发放补贴问题的建议"],
}
REFUSAL_NOTE = "不属于代表建议范围，可通过信访、诉讼等渠道依法反映。"
UNIT_ALIASES = {
    "交通": "县交通运输局", "住建": "县住房和城乡建设局", "水务": "县水务局", "农业": "县农业农村局", "林业": "县林业局",
    "振兴": "县乡村振兴局", "教育": "县教育局", "卫健": "县卫生健康局", "医保": "县医疗保障局", "民政": "县民政局",
    "人社": "县人力资源和社会保障局", "退役": "县退役军人事务局", "生态": "毕节市生态环境局大方分局",
    "执法": "县综合行政执法局", "自然": "县自然资源局", "应急": "县应急管理局", "工信": "县工业和信息化局",
    "发改": "县发展和改革局", "商务": "县商务局", "文旅": "县文体广电旅游局", "市监": "县市场监督管理局", "公安": "县公安局",
    "司法": "县司法局", "财政": "县财政局", "法院": "大方县人民法院", "检察": "大方县人民检察院",
}
# Hints for recommending units (UnitKeyword), beside what the history teaches.
KEYWORDS = [
    ("通组公路", "交通"), ("客运", "交通"), ("危桥", "交通"), ("饮水", "水务"), ("山塘", "水务"), ("校舍", "教育"),
    ("幼儿园", "教育"), ("卫生室", "卫健"), ("医保", "医保"), ("养老", "民政"), ("就业", "人社"), ("天麻", "农业"),
    ("危房", "住建"), ("治安", "公安"),
]

TOPICS = [
    Topic("通组公路硬化", "城乡建设/交通", "加快{p}通组公路硬化", (
        "{p}通组公路全长约{n}公里，至今仍为泥结石路面", "雨季道路泥泞，车辆无法通行", "学生上学和农产品外运十分困难",
        "沿线群众多次自发修补，但路面仍坑洼不平", "部分路段临崖没有防护栏，存在安全隐患"), (
        "将{p}通组公路纳入年度硬化计划", "在雨季前完成路基排水沟修建", "在临崖路段安装防护栏"),
        {"交通": 80, "振兴": 10, TOWNSHIP: 10}, "财政", 7),
    Topic("农村客运", "城乡建设/交通", "开通{p}农村客运班线", (
        "{p}至今没有开通客运班线，群众出行只能乘坐三轮车", "三轮车超载现象突出，存在安全隐患",
        "赶场天群众往返集镇要花半天时间", "学生周末返校交通不便", "候车没有招呼站，雨天只能淋雨"), (
        "开通{p}至{t}集镇的农村客运班线", "在赶场天增加班次", "修建候车招呼站"),
        {"交通": 90, TOWNSHIP: 10}, "公安", 3),
    Topic("危桥改造", "城乡建设/交通", "改造{p}危桥", (
        "{p}的人行便桥建于上世纪七十年代，桥面开裂", "桥墩受洪水冲刷严重，已被鉴定为危桥",
        "每天有{n}0多名学生从桥上经过", "汛期河水上涨时群众只能绕行{n}公里"), (
        "将该桥纳入危桥改造计划", "在改造前设置警示标志并限制通行", "在汛期安排专人值守"),
        {"交通": 85, "水务": 10, TOWNSHIP: 5}, "应急"),
    Topic("公路安全防护", "城乡建设/交通", "完善{t}境内县道安全防护设施", (
        "{t}境内县道弯多坡陡，多处急弯没有警示标志", "近年来该路段发生交通事故{n}起", "部分路段护栏缺失，夜间没有反光标识",
        "道路两侧违章搭建影响视线"), (
        "在急弯陡坡路段增设警示标志和减速带", "补齐缺失的波形护栏", "清理道路两侧违章搭建"),
        {"交通": 75, "公安": 15, "应急": 10}, "公安"),
    Topic("产业路", "城乡建设/交通", "修建{p}产业路", (
        "{p}种植天麻、皱椒等{n}00余亩，但产业基地没有通路", "农资和农产品运输全靠人背马驮",
        "运输成本高，客商不愿上门收购", "群众愿意投工投劳修路"), (
        "将{p}产业路纳入农村公路建设计划", "以奖代补支持群众投工投劳修路", "统筹产业发展资金修建机耕道"),
        {"交通": 55, "农业": 35, TOWNSHIP: 10}, "农业"),
    Topic("老旧小区改造", "城乡建设/住建", "加快{t}老旧小区改造", (
        "{t}有{n}个老旧小区建于上世纪九十年代", "小区供水管网老化，经常停水", "楼道照明损坏，没有消防设施",
        "小区内道路破损，雨天积水严重", "没有物业管理，垃圾无人清运"), (
        "将这些小区纳入老旧小区改造计划", "同步改造供水、排水和消防设施", "引入物业服务或组织居民自治管理"),
        {"住建": 85, TOWNSHIP: 15}, "财政"),
    Topic("公共停车场", "城乡建设/住建", "解决{t}停车难", (
        "{t}机动车保有量逐年增加，停车位严重不足", "车辆乱停乱放，占用人行道和消防通道",
        "学校、医院周边上下班高峰时段交通拥堵", "现有停车场收费标准不统一"), (
        "利用闲置地块建设公共停车场", "在学校、医院周边规划临时停车泊位", "规范停车收费管理"),
        {"住建": 50, "执法": 30, "公安": 20}, "公安"),
    Topic("排水管网改造", "城乡建设/住建", "改造{t}排水管网", (
        "{t}排水管网建设年代久远，管径偏小", "每逢暴雨，部分路段积水深达{n}0厘米", "雨污没有分流，污水外溢",
        "低洼地段居民家中多次进水"), (
        "对排水管网进行全面排查和改造", "实施雨污分流工程", "在低洼地段增设排涝设施"),
        {"住建": 80, "执法": 10, "水务": 10}, "生态"),
    Topic("农村危房改造", "城乡建设/住建", "加大{p}农村危房改造力度", (
        "{p}还有{n}户群众居住在土坯房中", "部分房屋墙体开裂，存在安全隐患", "困难群众自筹资金能力弱",
        "危房鉴定工作不及时"), (
        "对{p}农村住房开展安全排查", "将符合条件的农户纳入危房改造计划", "提高困难群众危房改造补助标准"),
        {"住建": 85, TOWNSHIP: 15}, "民政"),
    Topic("太阳能路灯", "城乡建设/住建", "在{p}安装太阳能路灯", (
        "{p}主干道和院坝没有路灯", "夜间群众出行只能打手电筒", "冬季天黑早，学生晚自习放学回家不安全",
        "周边村寨已安装路灯，群众意见较大"), (
        "在{p}主干道安装太阳能路灯", "落实路灯日常维护责任", "统筹乡村振兴资金解决安装经费"),
        {TOWNSHIP: 65, "住建": 25, "振兴": 10}),
    Topic("安全饮水", "城乡建设/水利", "解决{p}群众安全饮水问题", (
        "{p}群众饮用山泉水，水源在旱季时常断流", "现有蓄水池建于上世纪九十年代，渗漏严重",
        "部分农户每天往返{n}公里挑水", "水质未经检测，存在饮水安全隐患", "入户管网老化，经常爆管"), (
        "新建一座集中供水蓄水池并铺设入户管网", "定期开展饮用水水质检测", "更换老化的入户管网", "寻找新的备用水源"),
        {"水务": 85, TOWNSHIP: 15}, "卫健", 6),
    Topic("山塘除险加固", "城乡建设/水利", "对{p}病险山塘除险加固", (
        "{p}山塘建于上世纪七十年代，坝体渗漏", "溢洪道淤塞，汛期存在漫坝风险",
        "下游有{n}0多户群众和{n}00亩农田", "山塘没有安排专人管护"), (
        "将该山塘纳入病险水库除险加固计划", "清理溢洪道并完善监测设施", "落实山塘管护责任人"),
        {"水务": 90, "应急": 10}, "应急"),
    Topic("河道治理", "城乡建设/水利", "实施{t}河道综合治理", (
        "流经{t}集镇的河道多年未清淤，河床抬高", "汛期河水倒灌，沿河{n}0多户群众受灾", "河堤部分垮塌，农田被冲毁",
        "沿河乱倒垃圾现象突出"), (
        "对{t}河道进行清淤疏浚", "修建防洪堤", "落实河长制，加强河道日常保洁"),
        {"水务": 80, "生态": 20}, "自然"),
    Topic("灌溉渠道", "城乡建设/水利", "修缮{p}农田灌溉渠道", (
        "{p}灌溉渠道年久失修，多处垮塌", "{n}00多亩农田无法正常灌溉", "去年干旱，部分农田减产", "群众自发修补，但资金不足"), (
        "将{p}灌溉渠道纳入小型水利工程建设计划", "对垮塌渠段进行修复和防渗处理", "建立渠道管护制度"),
        {"水务": 60, "农业": 40}),
    Topic("天麻产业", "农业农村", "促进{t}天麻产业发展", (
        "{t}天麻种植面积达{n}000亩，是群众增收的主要产业", "种源退化，产量和品质下降",
        "缺少烘干和初加工设施，鲜麻只能低价出售", "品牌影响力不足，销售渠道单一"), (
        "建设天麻良种繁育基地", "扶持建设天麻烘干和初加工设施", "加强“大方天麻”品牌宣传和推介"),
        {"农业": 70, "林业": 20, "商务": 10}, "商务"),
    Topic("茶叶产业", "农业农村", "扶持{p}茶叶产业发展", (
        "{p}种植茶叶{n}00亩，但缺乏加工厂", "鲜叶只能低价卖给外地客商", "茶农缺少修剪施肥技术", "茶园道路不通，采茶运输靠人背"), (
        "引进茶叶加工企业就地建厂", "开展茶园管护技术培训", "修建茶园产业路"),
        {"农业": 80, "商务": 10, TOWNSHIP: 10}),
    Topic("高标准农田", "农业农村", "在{p}建设高标准农田", (
        "{p}耕地零星分散，坡耕地占比高", "田间道路和沟渠不配套，机械无法下田", "土壤肥力下降，粮食单产偏低", "部分耕地撂荒"), (
        "将{p}纳入高标准农田建设项目区", "配套建设田间道路和排灌沟渠", "采取措施遏制耕地撂荒"),
        {"农业": 85, "自然": 15}, "自然"),
    Topic("肉牛养殖", "农业农村", "扶持{t}肉牛养殖产业", (
        "{t}肉牛养殖户达{n}00户，但规模小、分散", "缺少防疫人员，疫病防控压力大", "饲草料种植面积不足",
        "养殖粪污处理设施不配套"), (
        "扶持建设标准化养殖小区", "充实基层动物防疫队伍", "支持粪污资源化利用设施建设"),
        {"农业": 90, "生态": 10}),
    Topic("森林防火", "农业农村", "加强{t}森林防火能力建设", (
        "{t}森林覆盖率高，春季防火形势严峻", "护林员年龄偏大，巡护装备简陋", "林区防火通道和蓄水池缺乏",
        "祭祀用火和农事用火管控难"), (
        "为护林员配备巡护和扑火装备", "修建林区防火通道和蓄水池", "加强野外用火宣传和管控"),
        {"林业": 85, "应急": 15}, "应急"),
    Topic("搬迁后续扶持", "农业农村", "做好{t}易地扶贫搬迁安置点后续扶持", (
        "{t}安置点共安置搬迁群众{n}00余户", "部分搬迁群众就业不稳定，收入来源单一", "安置点配套的学校和卫生室不足",
        "社区管理和服务力量薄弱"), (
        "在安置点周边建设帮扶车间，促进就近就业", "完善安置点教育、医疗配套设施", "充实安置点社区服务力量"),
        {"振兴": 70, "人社": 15, "民政": 15}, "人社"),
    Topic("垃圾收运", "农业农村", "加强{p}生活垃圾收运处理", (
        "{p}没有垃圾收集点，垃圾随意倾倒在河沟", "夏季臭气熏天，蚊蝇滋生", "垃圾清运车辆每月只来一次",
        "焚烧垃圾的烟雾影响周边住户"), (
        "增设垃圾收集箱并落实保洁员", "将垃圾清运频次提高到每周两次", "建设垃圾中转站"),
        {TOWNSHIP: 70, "执法": 15, "生态": 15}, "", 3),
    Topic("村级活动场所", "其他", "建设{p}村级综合服务活动场所", (
        "{p}村委会借用民房办公，面积不足{n}0平方米", "群众开会、办事没有固定场所", "村里没有文化活动广场",
        "党员活动和代表接待选民都没有场地"), (
        "新建{p}村级综合服务中心", "配套建设文化活动广场", "整合闲置校舍等资源解决办公用房"),
        {TOWNSHIP: 85, "民政": 15}),
    Topic("校舍维修", "教育", "维修{p}小学校舍", (
        "{p}小学教学楼建于{y}年，墙体开裂", "学校没有标准化食堂，学生在教室就餐", "冬季教室漏风，取暖设施不足",
        "操场为泥土地面，下雨后无法开展体育活动"), (
        "安排专项资金维修加固教学楼", "新建学生食堂", "硬化学校操场"),
        {"教育": 90, TOWNSHIP: 10}, "财政", 4),
    Topic("教师周转房", "教育", "建设{t}乡村教师周转房", (
        "{t}中心学校有{n}名教师在外租房居住", "年轻教师留不住，每年流失{n}人左右", "部分教师每天往返县城，路途遥远",
        "学校现有宿舍为危房"), (
        "在{t}中心学校建设教师周转房", "落实乡村教师生活补助", "完善乡村教师职称评聘倾斜政策"),
        {"教育": 85, "住建": 15}, "人社"),
    Topic("公办幼儿园", "教育", "在{t}新建公办幼儿园", (
        "{t}只有一所公办幼儿园，学位严重不足", "适龄幼儿有{n}00余名，大量幼儿只能进入收费较高的民办园",
        "部分村寨幼儿没有入园", "幼儿教师缺口较大"), (
        "在{t}新建一所公办幼儿园", "利用闲置校舍开办村级幼儿园", "招聘补充幼儿教师"),
        {"教育": 95, TOWNSHIP: 5}),
    Topic("学生交通安全", "教育", "保障{t}学生上下学交通安全", (
        "{t}中小学生上下学主要乘坐无资质车辆", "校门口没有减速带和交通标志", "部分学生步行{n}公里以上上学",
        "农村面包车超载接送学生现象屡禁不止"), (
        "开通学生上下学专线客车", "在学校周边增设交通安全设施", "加大对非法接送学生车辆的整治力度"),
        {"教育": 50, "公安": 30, "交通": 20}, "公安"),
    Topic("村卫生室", "卫生健康", "建设{p}村卫生室", (
        "{p}村卫生室租用民房，面积不足{n}0平方米", "缺少心电图机等基本诊疗设备", "村医年龄偏大，没有接受过系统培训",
        "卫生室没有药品冷藏设备"), (
        "按标准新建村卫生室", "为村医提供定期培训并配齐基本设备", "提高村医补助标准"),
        {"卫健": 90, TOWNSHIP: 10}, "", 4),
    Topic("卫生院设备", "卫生健康", "加强{t}卫生院人员和设备配备", (
        "{t}卫生院服务人口{n}万人，但执业医师只有{n}名", "缺少彩超、DR等检查设备", "群众小病也要到县城就医",
        "卫生院夜间急诊无人值班"), (
        "为{t}卫生院配备彩超和DR设备", "通过县乡一体化方式派驻医生", "落实基层医务人员待遇"),
        {"卫健": 90, "人社": 10}, "人社"),
    Topic("医保服务", "卫生健康", "方便{t}群众医保报销", (
        "{t}群众异地就医报销手续繁琐", "部分慢性病患者不了解门诊报销政策", "医保报销需要往返县城多次",
        "老年人不会使用手机办理医保业务"), (
        "在{t}便民服务中心设立医保服务窗口", "加强慢性病门诊报销政策宣传", "为老年人保留线下办理渠道"),
        {"医保": 90, "卫健": 10}),
    Topic("养老服务", "社会保障", "发展{p}农村养老服务", (
        "{p}留守老人较多，独居老人无人照料", "村里没有老年活动场所", "敬老院床位紧张，入住需排队", "老人就餐困难"), (
        "建设村级互助幸福院", "组织志愿者定期上门探访独居老人", "开办老年食堂"),
        {"民政": 85, TOWNSHIP: 15}, "", 3),
    Topic("就业培训", "社会保障", "加强{t}农村劳动力就业培训", (
        "{t}外出务工人员{n}000余人，多从事体力劳动", "劳动力缺乏技能，就业质量不高", "返乡人员就业渠道窄",
        "培训内容与市场需求脱节"), (
        "根据市场需求开展订单式技能培训", "在{t}设立就业服务站", "加大返乡创业扶持力度"),
        {"人社": 90, "振兴": 10}),
    Topic("农民工工资", "社会保障", "保障{t}农民工工资按时足额支付", (
        "部分在建工程项目拖欠{t}农民工工资", "农民工维权渠道不畅，成本高", "个别企业没有落实工资专户制度", "春节前讨薪问题集中"), (
        "开展拖欠农民工工资专项整治", "严格落实工资专户和实名制管理", "畅通农民工维权渠道"),
        {"人社": 80, "住建": 20}, "住建"),
    Topic("退役军人服务", "社会保障", "完善{t}退役军人服务站建设", (
        "{t}有退役军人{n}00余人", "服务站没有专职工作人员", "部分退役军人就业困难", "优抚政策宣传不到位"), (
        "为{t}退役军人服务站配备专职人员", "开展退役军人技能培训和就业推荐", "加强优抚政策宣传"),
        {"退役": 95, TOWNSHIP: 5}, "", 1),
    Topic("煤矿污染治理", "生态环境", "治理{t}煤矿开采造成的环境问题", (
        "{t}境内煤矿开采造成地面塌陷", "矿井水直排河道，河水发黑", "运煤车辆扬尘严重", "周边群众房屋开裂，饮用水源受影响"), (
        "督促煤矿企业建设矿井水处理设施", "对采空塌陷区开展地质灾害评估和治理", "加强运煤车辆扬尘管控"),
        {"生态": 75, "自然": 15, "应急": 10}, "自然"),
    Topic("污水处理", "生态环境", "建设{t}集镇污水处理设施", (
        "{t}集镇没有污水处理厂，生活污水直排河道", "集镇人口逐年增加，污水量增大", "下游群众反映河水有异味",
        "已建的污水管网没有投入使用"), (
        "建设{t}集镇污水处理站", "完善集镇污水收集管网", "落实污水处理设施运行经费"),
        {"住建": 50, "生态": 40, TOWNSHIP: 10}, "生态"),
    Topic("工业园区配套", "经济发展", "完善{t}工业园区配套设施", (
        "园区道路、供水、供电等基础设施不完善", "入驻企业招工难，用工成本高", "标准化厂房不足，项目落地慢",
        "园区公共服务配套滞后"), (
        "加快园区道路和管网建设", "建设标准化厂房", "搭建企业用工对接平台"),
        {"工信": 70, "发改": 30}, "人社"),
    Topic("农村电商", "经济发展", "完善{t}农村电商服务体系", (
        "{t}农特产品丰富，但线上销售量小", "村级电商服务站运营困难", "快递进村成本高，时效慢", "缺少电商专业人才"), (
        "建设县乡村三级物流配送体系", "扶持村级电商服务站运营", "开展电商技能培训"),
        {"商务": 90, "工信": 10}),
    Topic("乡村旅游", "经济发展", "推进{t}乡村旅游开发", (
        "{t}自然风光优美，民族文化浓郁", "旅游景点交通不便，配套设施缺乏", "缺少特色民宿和农家乐", "宣传推介不足，游客量少"), (
        "编制{t}乡村旅游发展规划", "完善景点道路和停车场、公厕等配套设施", "加大宣传推介力度"),
        {"文旅": 85, "交通": 15}, "交通"),
    Topic("通信基站", "经济发展", "解决{p}移动通信信号覆盖问题", (
        "{p}地处山区，手机信号弱", "部分村民组没有移动网络", "学生上网课、群众网上办事困难", "发生紧急情况时无法及时报警求助"), (
        "协调通信运营商在{p}新建通信基站", "将{p}纳入电信普遍服务项目", "同步推进宽带网络进村入户"),
        {"工信": 95, TOWNSHIP: 5}),
    Topic("农贸市场改造", "经济发展", "改造{t}农贸市场", (
        "{t}农贸市场建于上世纪八十年代，设施陈旧", "赶场天摊位不足，占道经营严重", "市场排水不畅，卫生条件差",
        "缺少农产品检测设备"), (
        "对{t}农贸市场进行提质改造", "规范市场周边占道经营", "配备农产品快速检测设备"),
        {"市监": 50, "商务": 30, TOWNSHIP: 20}, "执法"),
    Topic("治安监控", "政法", "加强{p}治安防控体系建设", (
        "{p}没有安装治安监控，偷盗案件时有发生", "村里留守老人和儿童多，安全防范意识弱", "派出所警力不足，巡逻覆盖不到位",
        "电信诈骗案件增多"), (
        "在{p}主要路口安装治安监控", "组建村级治安巡逻队", "加强防范电信诈骗宣传"),
        {"公安": 90, TOWNSHIP: 10}),
    Topic("电动车治理", "政法", "规范{t}电动自行车交通秩序", (
        "{t}电动自行车数量多，逆行、闯红灯现象普遍", "电动车违规载人、不戴头盔现象突出",
        "电动车充电难，飞线充电存在火灾隐患", "电动车相关交通事故增多"), (
        "开展电动自行车交通违法专项整治", "在小区建设集中充电设施", "加强交通安全宣传教育"),
        {"公安": 85, "执法": 15}, "住建"),
    Topic("公共法律服务", "政法", "加强{t}公共法律服务站建设", (
        "{t}群众法律意识不强，遇到纠纷不知如何维权", "公共法律服务站没有专职人员", "律师资源集中在县城", "邻里、土地纠纷多"), (
        "为{t}公共法律服务站配备专职人员", "推行“一村一法律顾问”", "加强人民调解员培训"),
        {"司法": 95, TOWNSHIP: 5}, "", 1),
    Topic("巡回审判", "政法", "在{t}设立巡回审判点", (
        "{t}距县城{n}0多公里，群众诉讼不便", "婚姻家庭、邻里纠纷案件较多", "群众往返县城参加诉讼费时费钱",
        "部分当事人因不便放弃诉讼"), (
        "在{t}设立巡回审判点", "定期开展巡回审判", "推广网上立案和在线调解"),
        {"法院": 90, "司法": 10}, "", 1),
    Topic("公益诉讼", "政法", "加强{t}古树名木和自然资源保护", (
        "{t}有古树名木{n}0余株，部分遭到破坏", "个别企业非法占用林地", "河道非法采砂屡禁不止",
        "损害公共利益的行为缺少有效制约"), (
        "对破坏古树名木和非法占用林地的行为提起公益诉讼", "建立检察机关与行政机关协作机制", "加强法治宣传"),
        {"检察": 80, "林业": 20}, "林业", 1),
    Topic("农家书屋", "其他", "丰富{p}群众文化生活", (
        "{p}农家书屋图书陈旧，很少有人借阅", "村里没有文化活动场所", "群众文化生活单调", "民族文化传承后继乏人"), (
        "更新农家书屋图书并延长开放时间", "配备文体活动器材", "组织文艺团队送文化下乡"),
        {"文旅": 70, TOWNSHIP: 30}),
    Topic("食品安全", "其他", "加强{t}校园周边食品安全监管", (
        "{t}学校周边小卖部销售“三无”食品", "部分流动摊贩卫生条件差", "监管人员少，检查覆盖不到位", "学生食品安全意识不强"), (
        "开展校园周边食品安全专项整治", "加强对流动摊贩的管理", "开展食品安全进校园宣传"),
        {"市监": 90, "教育": 10}, "教育"),
    Topic("地质灾害治理", "其他", "治理{p}地质灾害隐患点", (
        "{p}后山出现裂缝，雨季有滑坡危险", "坡下有{n}0多户群众居住", "监测设施不足，预警不及时",
        "部分群众搬迁意愿强但缺乏资金"), (
        "对{p}地质灾害隐患点开展勘查治理", "安装地质灾害监测预警设施", "对受威胁群众实施避险搬迁"),
        {"自然": 80, "应急": 20}, "应急"),
]
TOPIC_WEIGHTS = list(accumulate(topic.weight for topic in TOPICS))
NOT_FUNDED = {"农民工工资", "电动车治理", "公共法律服务", "巡回审判", "公益诉讼", "医保服务", "食品安全", "公共停车场"}
# Motions (议案) the congress is asked to act on, and the topic they are handled under as suggestions.
MOTIONS = [
    ("加快推进城乡供水一体化", "安全饮水"), ("加强农村公路管理养护", "通组公路硬化"), ("促进天麻产业高质量发展", "天麻产业"),
    ("加强赤水河流域生态环境保护", "河道治理"), ("推进农村生活垃圾治理", "垃圾收运"),
]
# A detail of the place in every text, so that the same matter in two villages reads as two suggestions (about
# four in ten such pairs still reach the duplicate threshold, as measured in docs/adr/0002).
DETAILS = [
    "{p}共有{n}个村民组，群众居住分散", "{p}距{t}集镇约{n}公里", "{p}常住人口中老人和儿童居多，青壮年大多外出务工",
    "{p}是{t}人口较多的村（社区）之一", "{p}地处山区，自然条件较差", "这一问题在{p}已存在多年",
    "{p}群众多次向村（居）委会和代表反映",
]
OPENINGS = [
    "", "近年来，我县基础设施不断完善，但仍存在一些短板。", "在走访选民时，群众反映：", "经实地调研，发现以下问题：",
    "这是群众最关心、最直接、最现实的问题。",
]
CLOSINGS = ["", "恳请有关部门予以支持。", "以上建议，请予研究办理。", "望有关部门高度重视，尽快研究解决。"]
ORDINALS = "一二三四"
# A second deputy writing about the same matter: other words, other order, one fact left out.
REWORDINGS = [
    ("困难", "不便"), ("十分", "非常"), ("群众", "村民"), ("纳入", "列入"), ("新建", "修建"), ("安排", "落实"), ("缺少", "缺乏"),
    ("开展", "组织"), ("部分", "一些"), ("没有", "缺少"), ("定期", "经常"), ("增设", "增加"), ("存在", "有"), ("老人", "老年人"),
    ("学生", "孩子"),
]
RETURN_REASONS = [
    "建议内容过于简单，请补充具体情况和建议措施后重新提交。", "一件建议反映了多个事项，请按“一事一议”分别提出。",
]
CONTACTS_BEFORE = [  # (method, summary); {d} the deputy, {p} the place
    ("phone", "电话联系{d}代表，详细了解建议反映的情况和诉求。"), ("onsite", "到{p}现场察看，与{d}代表共同研究解决办法。"),
    ("meeting", "邀请{d}代表座谈，听取对办理工作的意见。"), ("visit", "上门走访{d}代表，沟通办理思路。"),
]
CONTACT_DURING = ("phone", "向{d}代表通报办理进展，听取意见。")
CONTACT_AFTER = ("visit", "答复后回访{d}代表，代表对办理结果表示认可。")
# The body of a reply (the letter's salutation, opening and thanks come from its template): how the unit went
# about it, what it did or will do by result category, and sometimes what comes next. {k} the matter (a topic's
# key), {p} the village, {t} the township, {m} the day the unit studied it, {f} the day the work was done, {a} and
# {b} two of the topic's asks, {d} the month promised, {y} its year, {x} a sum in 万元, {n} a digit.
REPLY_STEPS = [
    "收到交办后，我单位高度重视，由主要负责同志牵头研究，于{m}会同{t}到{p}实地查看了{k}的情况，并当面听取了代表的意见。",
    "{k}是群众关心的民生实事。接到交办后，我单位组织业务股室于{m}深入{p}调研，走访群众{n}0余户，听取了{t}和村组干部的意见。",
    "我单位将该建议列为本年度重点办理件，成立了由分管负责同志任组长的办理工作组，于{m}召开专题会议研究{p}{k}问题。",
    "经与{t}共同核实，代表反映的{p}{k}问题属实。我单位于{m}召开办理工作推进会，逐项研究了代表提出的意见。",
]
REPLY_MEASURES = {
    "A": [
        "目前已{a}，共投入资金{x}万元，于{f}完成并通过验收，受益群众{n}00余人。",
        "一是已{a}，{f}通过验收；二是已{b}。代表反映的问题已基本解决。",
        "截至{f}，我单位已{a}，并已{b}，相关问题已得到解决。",
    ],
    "B": [
        "经研究，已将{p}{k}列入{y}年度工作计划，计划于{d}前{a}，所需资金约{x}万元已申请列入预算。",
        "目前已完成前期勘察和方案设计，计划于{d}前{a}；在此之前，先行{b}。",
        "该事项已纳入{y}年民生实事项目库，我单位将于{d}前{a}，并及时向代表报告办理进展。",
    ],
    "C": [
        "经测算，{p}{k}需投入资金约{x}万元，受当前财力和建设条件限制，暂时难以实施。我单位已将其纳入项目储备库，待条件成熟后逐步解决。",
        "{p}{k}涉及用地审批、资金筹措等多方面因素，短期内难以实施。我单位将积极争取上级项目资金支持，条件具备后优先安排。",
        "因{p}地处偏远、地质条件复杂，相关工程需开展专项论证，目前尚不具备实施条件。我单位已将该建议作为编制下一阶段规划的重要参考。",
    ],
}
REPLY_NEXT = [
    "下一步，我单位将加强日常管护和监督检查，确保{k}长期发挥效益。",
    "我单位将继续与{t}保持沟通，做好跟踪落实工作，并及时向代表通报进展。",
    "",
]
COMPLAINTS = ["答复内容与实际情况不符，问题未得到实质解决。", "办理过程中与代表沟通不够，答复过于笼统。", "答复承诺的事项没有落实。"]
PRAISE = ["", "", "办理及时，沟通充分。", "问题得到解决，群众很满意。"]
OUTCOME = "代表工委召集代表和承办单位面商，明确了分步解决的方案和时间表，代表表示理解。"
OPINION = "我单位同意主办单位的办理意见，将在职责范围内配合做好相关工作。"
SUPERVISION = "由{leader}领衔督办，主任会议每季度听取一次办理情况汇报。"
SUPERVISION_NOTES = [
    ("visit", "{leader}带队到{p}实地察看办理情况。"), ("meeting", "召开督办推进会，听取{u}办理情况汇报。"),
    ("progress", "{u}报告办理进展：相关工作已完成{n}0%。"),
]
REASSIGN_REASON = "该事项不属于我单位职责范围，建议调整由{u}主办。"
# fmt: on


@dataclass(slots=True, eq=False)
class Case:
    """The plan of one case: who files what and when, and how its story goes. `stops` names steps that have
    not happened by today (the cases the demo accounts find waiting)."""

    seed: int
    topic: Topic
    lead: int  # deputy pk
    township: int  # where the matter is (the lead deputy's township)
    place: str  # a village of that township
    title: str
    drafted: datetime.datetime
    submitted: datetime.datetime | None = None
    kind: str = Kind.SUGGESTION
    session: CongressSession | None = None  # filed during this session
    paper: bool = False  # entered by the office, signatures confirmed on paper
    cosigners: list[tuple[int, str]] = field(default_factory=list)
    delegation: int | None = None
    review: str = "accept"  # accept / return / reject / merge; a PresidiumDecision for motions
    review_at: datetime.datetime | None = None
    resubmitted: datetime.datetime | None = None
    accepted_at: datetime.datetime | None = None
    refusal: str = ""
    dup_of: "Case | None" = None  # raises the same matter in other words
    merged: list[tuple[datetime.datetime, str]] = field(default_factory=list)  # cases merged into this one
    merged_from: list["Case"] = field(default_factory=list)  # the same, as cases
    serial: int | None = None
    number: str = ""
    # the lead deputy's evaluations: satisfied, basic, once or twice dissatisfied, silent (未反馈)
    fate: str = "satisfied"
    late: bool = False
    complex: bool = False
    key: bool = False
    stops: frozenset = frozenset()
    lead_unit: int | None = None
    joint: int | None = None
    assign_on: datetime.date | None = None
    reassign_on: datetime.date | None = None
    reply_on: datetime.date | None = None
    result: str = ""
    pk: int | None = None

    @property
    def timing(self) -> str:
        return Timing.DURING_SESSION if self.session else Timing.BETWEEN_SESSIONS

    @property
    def year(self) -> int:
        return self.session.start_date.year if self.session else self.drafted.year


def demo_suggestions(*, scale, seed: int, today: datetime.date) -> dict[str, int]:
    """Seed the suggestions of the jurisdiction `demo_seed` has just built; returns the rows per kind."""
    volume = _volume(scale)
    return _Generator(volume, seed, today, replay=volume is not BENCHMARK).run()


def _volume(scale) -> Volume:
    from renda.demo.services import SCALES  # that module calls this one

    if scale == SCALES["province"]:
        return BENCHMARK
    during, between = COUNTY_RATE
    return Volume(round(scale.county_deputies * during), round(scale.county_deputies * between), spread=0.1)


@contextmanager
def _dated(*models):
    """Let bulk_create keep the generator's created_at/updated_at instead of stamping the clock."""
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    flags = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (now, add) in zip(fields, flags, strict=True):
            f.auto_now, f.auto_now_add = now, add


class _Clock:
    """The working days of the official calendar over the generated span, so deadlines come out as the
    services compute them (core.calendar.add_working_days) without a query each."""

    def __init__(self, first: datetime.date, last: datetime.date):
        self.days, day = [], first
        while day < last:
            day = add_working_days(day, 1)
            self.days.append(day)

    def add(self, day: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `day`."""
        return self.days[bisect.bisect_right(self.days, day) + n - 1]

    def back(self, day: datetime.date, n: int) -> datetime.date:
        """The n-th working day before `day`."""
        return self.days[bisect.bisect_left(self.days, day) - n]

    def between(self, first: datetime.date, last: datetime.date) -> int:
        """Working days after `first` up to and including `last`."""
        return bisect.bisect_right(self.days, last) - bisect.bisect_right(self.days, first)

    def on_or_after(self, day: datetime.date) -> datetime.date:
        return self.days[bisect.bisect_left(self.days, day)]

    def on_or_before(self, day: datetime.date) -> datetime.date:
        return self.days[bisect.bisect_right(self.days, day) - 1]


def _at(day: datetime.date, hour: int = 0, minute: int = 0) -> datetime.datetime:
    """A moment in the default time zone: every moment here is one, so its .date() is the local date."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_default_timezone())


T = TypeVar("T")


def planned(value: T | None) -> T:
    """A value the plan (or the row) has by this step, though its field allows none."""
    if value is None:
        raise ValueError("The demo plan has no value for this step.")
    return value


def _moment(rng: random.Random, day: datetime.date, after=None, hours=(9, 17)) -> datetime.datetime:
    """A time on `day` within office `hours`, later than `after`."""
    minute = rng.randrange(hours[0] * 60, hours[1] * 60)
    value = _at(day, minute // 60, minute % 60)
    if after is not None and value <= after:
        value = after + datetime.timedelta(minutes=rng.randint(5, 90))
    return value


PLAIN = (str, int, float, Decimal, datetime.date)  # values PostgreSQL's COPY takes as they are


def _insert(model, objects: list, *, keyed: bool) -> None:
    """Write `objects` as given (dates included): on PostgreSQL with COPY, several times faster than INSERT for
    millions of rows, drawing the primary keys from the table's sequence first when rows refer to them
    (`keyed`); elsewhere with bulk_create."""
    if connection.vendor != "postgresql":
        with _dated(model):
            model.objects.bulk_create(objects, batch_size=BATCH)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if keyed or not f.primary_key]
    with connection.cursor() as cursor:
        if keyed and objects:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objects)],
            )
            for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = pk
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with cursor.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([_stored(obj, f) for f in fields])


def _stored(obj, field):
    """The value of `field` as stored; a foreign key reads the key of an object written since it was assigned."""
    if field.is_relation and field.is_cached(obj):
        related = field.get_cached_value(obj)
        return None if related is None else related.pk
    value = getattr(obj, field.attname)
    return value if value is None or isinstance(value, PLAIN) else field.get_db_prep_save(value, connection)


class _Rows:
    """The rows of a chunk of cases, written parents first, and the suggestions' similarity index (as
    similarity.terms_index stores it)."""

    KEYED = [Suggestion, Assignment, KeySupervision, Reply, Commitment]  # rows other rows refer to
    ORDER = [
        Suggestion,
        Cosigner,
        Assignment,
        Evaluation,
        KeySupervision,
        SuggestionEvent,
        ContactRecord,
        Reply,
        Commitment,
        CommitmentUpdate,
        SupervisionNote,
        SuggestionTerm,
    ]

    def __init__(self):
        self.rows: dict[type[models.Model], list] = {model: [] for model in self.ORDER}

    def add(self, obj) -> None:
        self.rows[type(obj)].append(obj)

    def write(self, counts: dict[str, int]) -> None:
        for model, objects in self.rows.items():
            if model is SuggestionTerm:
                objects += [
                    SuggestionTerm(suggestion_id=s.pk, year=s.year, term=term, weight=weight)
                    for s in self.rows[Suggestion]
                    for term, weight in term_vector(s.title, s.content).items()
                ]
            _insert(model, objects, keyed=model in self.KEYED)
            label = str(model._meta.verbose_name)
            counts[label] = counts.get(label, 0) + len(objects)
        if self.rows.get(Reply):  # what reply_send keeps on the case: one of its replies may be published
            published = Reply.objects.filter(assignment__suggestion=OuterRef("pk"), publishable=True)
            Suggestion.objects.filter(Exists(published), reply_published=False).update(reply_published=True)


class _Generator:
    def __init__(self, volume: Volume, seed: int, today: datetime.date, *, replay: bool = False):
        self.volume = volume
        self.replay = replay  # the year before today through the services (county scale)
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = today
        self.now = _at(today)
        self.counts: dict[str, int] = {}
        self.sequences: dict[str, int] = defaultdict(int)
        self.merges: list[tuple[Case, Case]] = []
        self.filed: dict[int, int] = defaultdict(int)  # cases per year
        # per year: answered cases a fund project could carry out
        self.fundable: dict[int, list[tuple]] = defaultdict(list)
        self.meetings: dict[int, AssignmentMeeting] = {}
        self.rules = {
            name: rule(name)
            for name in (
                "assignment_working_days",
                "reassignment_working_days",
                "contact_working_days",
                "joint_opinion_months",
                "evaluation_working_days",
                "rehandling_months",
                "separate_attitude_and_result",
                "every_signer_evaluates",
            )
        }

    def run(self) -> dict[str, int]:
        self.load()
        self.lists()
        years = HISTORY_YEARS + 1
        self.clock = _Clock(
            self.today - datetime.timedelta(days=365 * years + 30), self.today + datetime.timedelta(days=400)
        )
        if self.replay:
            from renda.core.models import Notification
            from renda.demo.replay import Accounts

            self.accounts = Accounts(self, self.seed + 1)
            self.messages_before = Notification.objects.aggregate(last=models.Max("pk"))["last"] or 0
        for k in reversed(range(years)):
            start = max(self.today - datetime.timedelta(days=365 * (k + 1)), self.term_start)
            self.period(start, self.today - datetime.timedelta(days=365 * k), current=k == 0)
        Suggestion.objects.bulk_update(
            [Suggestion(pk=case.pk, merged_into_id=into.pk) for case, into in self.merges], ["merged_into"]
        )
        numbered = set(NumberSequence.objects.values_list("scope", flat=True))  # by the services
        NumberSequence.objects.bulk_create(
            [
                NumberSequence(scope=scope, last=last)
                for scope, last in self.sequences.items()
                if scope not in numbered
            ]
        )
        for year, candidates in sorted(self.fundable.items()):
            if self.replay:
                from renda.demo.replay import fund_through_services

                label = str(FundProject._meta.verbose_name)
                made = fund_through_services(self, year, candidates, planned(self.clerk))
                self.counts[label] = self.counts.get(label, 0) + made
            else:
                self.fund(year, candidates)
        if self.replay:
            self.accounts.close()
        from renda.suggestions.platform import tick  # the daily job: overdue flags, reminders, closings

        tick(today=self.today)
        term_stats_refresh()
        if self.replay:
            from renda.demo.replay import read_handled

            read_handled(self.messages_before)
            for model in _Rows.ORDER:
                self.counts[str(model._meta.verbose_name)] = model._default_manager.count()
            self.counts["代表和承办单位经办账号"] = self.accounts.created
        return self.counts

    # ------------------------------------------------------------ what the jurisdiction has

    def load(self) -> None:
        """Deputies, townships and their villages, units, sessions, the chairpersons, the demo accounts."""
        rng = self.rng
        self.term_start = Term.objects.get(is_current=True).start_date
        current = CommitteeMembership.objects.filter(term__is_current=True)
        on_committee = set(current.values_list("deputy_id", flat=True))
        self.chairs = list(
            current.filter(
                position__in=[CommitteeMembership.Position.CHAIR, CommitteeMembership.Position.VICE_CHAIR]
            )
            .order_by("order")
            .values_list("pk", "deputy__name", "position")
        )
        self.townships = dict(Township.objects.order_by("pk").values_list("pk", "name"))
        county = Deputy.objects.filter(level=Level.COUNTY).order_by("pk")
        self.names, self.township_of = {}, {}
        self.leaving: dict[int, datetime.date] = {}  # deputy → the day they left
        for pk, name, township, status, day in county.values_list(
            "pk", "name", "township_id", "status", "status_date"
        ):
            self.names[pk], self.township_of[pk] = name, township
            if status != DeputyStatus.ACTIVE:
                self.leaving[pk] = planned(day)
        self.filers = [pk for pk in self.names if pk not in on_committee]
        self.cum_weights = list(accumulate(rng.choice([1, 1, 1, 2, 2, 3, 5]) for _ in self.filers))
        self.by_township = defaultdict(list)
        for pk in self.filers:
            self.by_township[self.township_of[pk]].append(pk)
        self.delegations = dict(
            Delegation.objects.filter(term__is_current=True).values_list("township_id", "pk")
        )
        self.villages = defaultdict(list)
        rooms = LiaisonStation.objects.filter(kind=StationKind.VILLAGE_ROOM).order_by("pk")
        for name, township in rooms.values_list("name", "township_id"):
            village = name.removeprefix(self.townships[township]).removesuffix("人大代表联络室")
            self.villages[township].append(village)
        self.sessions = list(CongressSession.objects.select_related("term").order_by("start_date"))
        units = HandlingUnit.objects.order_by("order", "pk").values_list("pk", "name", "township_id")
        self.unit_ids = {name: pk for pk, name, _ in units}
        self.unit_names = {pk: name for pk, name, _ in units}
        self.township_units = {township: pk for pk, _, township in units if township}
        self.heads = {pk: self.person() for pk in self.unit_names}  # who signs a unit's answers
        self.unit_contacts = {
            pk: (short or name, person, phone)
            for pk, name, short, person, phone in HandlingUnit.objects.values_list(
                "pk", "name", "short_name", "contact_person", "contact_phone"
            )
        }
        self.unit_townships = set(self.township_units.values())
        self.copy_to = ReplyLetterTemplate.current().copy_to  # the 抄送 the services would default to
        users = User.objects.filter(is_active=True).order_by("pk")
        self.clerk = users.filter(groups__name=Role.CLERK).first()
        deputy = planned(users.filter(groups__name=Role.DEPUTY, deputy__isnull=False).first())
        unit = planned(users.filter(groups__name=Role.UNIT, handling_unit__isnull=False).first())
        self.deputy_users = {planned(deputy.deputy_id): deputy}
        self.unit_users = {planned(unit.handling_unit_id): unit}

    def lists(self) -> None:
        """The configurable lists (left alone where a deployment entered them already) and keyword hints."""
        self.categories = {}
        for order, (name, children) in enumerate(CATEGORIES.items(), start=1):
            parent, _ = SuggestionCategory.objects.get_or_create(
                name=name, parent=None, defaults={"order": order}
            )
            self.categories[name] = parent.pk
            for position, child in enumerate(children, start=1):
                self.categories[f"{name}/{child}"] = SuggestionCategory.objects.get_or_create(
                    name=child, parent=parent, defaults={"order": position}
                )[0].pk
        self.results = {
            code: ResultCategory.objects.get_or_create(
                code=code,
                defaults={
                    "label": label,
                    "counts_as_resolved": resolved,
                    "needs_follow_up": follow,
                    "order": i,
                },
            )[0]
            for i, (code, label, resolved, follow) in enumerate(RESULT_CATEGORIES, start=1)
        }
        self.refusals = {
            label: RefusalReason.objects.get_or_create(label=label, defaults={"order": i})[0].pk
            for i, label in enumerate(REFUSALS, start=1)
        }
        for keyword, alias in KEYWORDS:
            UnitKeyword.objects.get_or_create(
                keyword=keyword, unit_id=self.unit_ids[UNIT_ALIASES[alias]], defaults={"weight": 3}
            )
        self.topics = {topic.key: topic for topic in TOPICS}

    def reply_text(
        self,
        rng: random.Random,
        case: Case,
        code: str,
        ask: str,
        promised: datetime.date,
        start: datetime.date,
        at: datetime.date,
    ) -> str:
        """The body of a reply, specific to the case's matter and place and varied by its generator."""
        studied = min(start + datetime.timedelta(days=rng.randint(2, 12)), at - datetime.timedelta(days=1))
        done = studied + datetime.timedelta(days=rng.randint(1, max(1, (at - studied).days)))
        asks = case.topic.asks
        i = rng.randrange(len(asks))
        other = self.fill(rng, asks[i], case)
        if other == ask and len(asks) > 1:
            other = self.fill(rng, asks[(i + 1) % len(asks)], case)
        values = {
            "k": case.topic.key,
            "p": case.place,
            "t": self.townships[case.township],
            "m": f"{studied.month}月{studied.day}日",
            "f": f"{done.year}年{done.month}月{done.day}日",
            "a": ask,
            "b": other,
            "d": f"{promised.year}年{promised.month}月",
            "y": promised.year,
            "x": rng.randint(12, 380),
            "n": rng.randint(2, 9),
        }
        parts = [rng.choice(REPLY_STEPS), rng.choice(REPLY_MEASURES[code]), rng.choice(REPLY_NEXT)]
        return "\n".join(part.format(**values) for part in parts if part)

    def letter_fields(self, rng: random.Random, unit: int, on: datetime.date) -> dict[str, str]:
        """文号, 联系人 and 联系电话 of a unit's letter (方交函〔2026〕37号; a township's 羊场镇府函〔…〕)."""
        short, person, phone = self.unit_contacts[unit]
        prefix = f"{short}府函" if unit in self.unit_townships else f"方{short[:1]}函"
        return {
            "document_number": f"{prefix}〔{on.year}〕{rng.randint(3, 160)}号",
            "contact_person": person,
            "contact_phone": phone,
        }

    def person(self) -> str:
        given = vocab.MALE_GIVEN if self.rng.random() < 0.7 else vocab.FEMALE_GIVEN
        surname = self.rng.choices(list(vocab.SURNAMES), weights=list(vocab.SURNAMES.values()))[0]
        return surname + "".join(self.rng.choice(given) for _ in range(self.rng.choice([1, 2, 2])))

    # ------------------------------------------------------------ planning a year

    def period(self, start: datetime.date, end: datetime.date, *, current: bool) -> None:
        """The cases filed in (start, end]: planned, reviewed, numbered, then played and written in chunks."""
        rng = self.rng
        sessions = [s for s in self.sessions if start < s.start_date <= end]
        pinned = self.pinned(sessions[-1] if sessions else None) if current else []
        natural = []
        for session in sessions:
            count = self.volume.during if current else self.jitter(self.volume.during)
            natural += self.session_cases(session, count - sum(c.session is session for c in pinned))
        busy = {s.start_date + datetime.timedelta(days=d) for s in sessions for d in range(3)}
        days = [d for d in self.clock.days if start < d < end and d not in busy]
        between = round(self.volume.between * (end - start).days / 365)
        between = (between if current else self.jitter(between)) - sum(c.session is None for c in pinned)
        for _ in range(between):
            case = self.case(_moment(rng, rng.choice(days), hours=(8, 22)))
            case.submitted = case.drafted + datetime.timedelta(minutes=rng.randint(10, 600))
            natural.append(case)
        for case in natural:
            self.schedule(case)
        self.outcomes(natural, pinned)
        cases = sorted(natural + pinned, key=lambda c: c.drafted)
        before = dict(self.sequences)  # the numbers the history gave, which the services continue
        self.number(cases)
        self.meetings = {
            s.pk: AssignmentMeeting(
                name=f"{s.short_name}代表建议交办会",
                date=self.clock.on_or_after(planned(s.end_date) + datetime.timedelta(days=20)),
            )
            for s in sessions
        }
        for meeting in self.meetings.values():
            meeting.created_at = meeting.updated_at = _moment(rng, meeting.date, hours=(8, 9))
        with _dated(AssignmentMeeting):
            AssignmentMeeting.objects.bulk_create(list(self.meetings.values()))
        if self.replay and current:
            NumberSequence.objects.bulk_create(
                [NumberSequence(scope=scope, last=last) for scope, last in before.items()]
            )
            self.play(cases)
            return
        for first in range(0, len(cases), CHUNK):
            rows = _Rows()
            stories = [_Story(self, case, rows) for case in cases[first : first + CHUNK]]
            for story in stories:
                story.tell()
            rows.write(self.counts)
            for story in stories:
                case, case.pk = story.case, story.s.pk
                self.filed[case.year] += 1
                self.fundable[case.year] += [
                    (story.s.pk, f"{case.place}{case.topic.key}项目", unit, day) for unit, day in story.funded
                ]

    def play(self, cases: list[Case]) -> None:
        """The year before today through the services, case by case in the order the office numbers them."""
        from renda.demo.replay import Replay, play_key, stamp_updated

        played: dict[int, Suggestion] = {}
        for case in sorted(cases, key=play_key):
            replay = Replay(self, case, self.accounts, played)
            suggestion = replay.play()
            case.pk = suggestion.pk
            self.filed[case.year] += 1
            self.fundable[case.year] += [
                (suggestion.pk, f"{case.place}{case.topic.key}项目", unit, day) for unit, day in replay.funded
            ]
        stamp_updated([s.pk for s in played.values()])

    def jitter(self, count: int) -> int:
        return round(count * (1 + self.rng.uniform(-self.volume.spread, self.volume.spread)))

    def serving(self, pk: int, on: datetime.date) -> bool:
        return pk not in self.leaving or self.leaving[pk] > on

    def filer(self, on: datetime.date) -> int:
        """A county deputy serving on `on` who is not on the standing committee; some file much more."""
        while True:
            pk = self.rng.choices(self.filers, cum_weights=self.cum_weights)[0]
            if self.serving(pk, on):
                return pk

    def village(self, township: int) -> str:
        names = self.villages[township]
        if not names:
            names += [
                self.rng.choice(vocab.PLACE_HEADS) + self.rng.choice(vocab.PLACE_TAILS) + "村"
                for _ in range(3)
            ]
        return self.townships[township] + self.rng.choice(names)

    def case(
        self, drafted: datetime.datetime, *, lead: int | None = None, topic: Topic | None = None, **fields
    ) -> Case:
        """A suggestion on a matter of the lead deputy's township; about half are co-signed by neighbours."""
        rng = self.rng
        lead = lead or self.filer(drafted.date())
        township = self.township_of[lead]
        topic = topic or rng.choices(TOPICS, cum_weights=TOPIC_WEIGHTS)[0]
        place = self.village(township)
        title = "关于" + topic.title.format(p=place, t=self.townships[township]) + "的建议"
        case = Case(rng.getrandbits(32), topic, lead, township, place, title, drafted, **fields)
        if rng.random() < 0.45:
            pool = [
                pk for pk in self.by_township[township] if pk != lead and self.serving(pk, drafted.date())
            ]
            chosen = {rng.choice(pool) for _ in range(rng.choice([1, 1, 2, 2, 3, 5]))} if pool else set()
            case.cosigners = [(pk, Cosigner.Status.CONFIRMED) for pk in sorted(chosen)]
        return case

    def session_cases(self, session: CongressSession, count: int) -> list[Case]:
        """Filed during the session (up to yesterday), most entered by the office from paper; the first few
        are motions."""
        rng = self.rng
        last = min(planned(session.end_date), self.today - datetime.timedelta(days=1))
        days = (last - session.start_date).days + 1
        if days < 1:
            return []
        decisions = list(PresidiumDecision)
        cases = []
        for i in range(count):
            drafted = _moment(
                rng, session.start_date + datetime.timedelta(days=rng.randrange(days)), hours=(8, 21)
            )
            case = self.case(drafted, session=session, paper=rng.random() < 0.6)
            case.submitted = drafted + datetime.timedelta(minutes=rng.randint(5, 240))
            if i < max(3, round(count * 0.03)):
                self.motion(case, decisions[i % len(decisions)])
            cases.append(case)
        return cases

    def motion(self, case: Case, decision: str) -> None:
        """A motion of the lead deputy's delegation, or of at least ten deputies (地方组织法)."""
        rng = self.rng
        title, key = rng.choice(MOTIONS)
        case.kind, case.topic, case.review = Kind.MOTION, self.topics[key], decision
        case.title = f"关于{title}的议案"
        if rng.random() < 0.5 and case.township in self.delegations:
            case.delegation = self.delegations[case.township]
        else:
            case.cosigners = self.signatures(case, 11)

    def signatures(self, case: Case, count: int) -> list[tuple[int, str]]:
        """`count` deputies serving when the case is drafted who co-sign it."""
        pool = [pk for pk in self.filers if pk != case.lead and self.serving(pk, case.drafted.date())]
        return [(pk, Cosigner.Status.CONFIRMED) for pk in sorted(self.rng.sample(pool, count))]

    def schedule(self, case: Case) -> None:
        """When the office reviews and accepts it: after the session, or within days of receipt; a motion
        goes to the presidium on the session's last day."""
        rng = self.rng
        if case.kind == Kind.MOTION:  # filed during a session
            end = planned(planned(case.session).end_date)
            case.review_at = _moment(rng, end, case.submitted, hours=(9, 12))
            if case.review == PresidiumDecision.AS_SUGGESTION:
                case.accepted_at = _moment(rng, self.clock.add(end, rng.randint(2, 6)))
            return
        start = planned(case.session.end_date) if case.session else planned(case.submitted).date()
        case.review_at = case.accepted_at = _moment(
            rng, self.clock.add(start, rng.randint(1, 5)), case.submitted
        )

    def outcomes(self, cases: list[Case], pinned: list[Case]) -> None:
        """Exact shares: refused, returned and resubmitted, merged session duplicates; among the accepted, the
        lead deputy's evaluations (the pinned cases' included: about 98% content in the end), late answers,
        complex matters, key supervision."""
        rng = self.rng
        pool = [c for c in cases if c.kind == Kind.SUGGESTION]
        rng.shuffle(pool)
        refused, returned = max(1, round(len(pool) * 0.015)), max(1, round(len(pool) * 0.01))
        for case in pool[:refused]:
            case.review, case.accepted_at = "reject", None
            case.refusal = rng.choice(list(REFUSALS))
            case.title = rng.choice(REFUSALS[case.refusal]).format(p=case.place)
        for case in pool[refused : refused + returned]:
            case.review = "return"
            case.resubmitted = planned(case.review_at) + datetime.timedelta(
                days=rng.randint(2, 10), hours=rng.randint(1, 5)
            )
            day = self.clock.add(case.resubmitted.date(), rng.randint(1, 3))
            case.accepted_at = _moment(rng, day, case.resubmitted)
        accepted = [c for c in pool[refused + returned :] if c.session]
        for into, case in zip(
            accepted[0::2], accepted[1::2][: max(1, round(len(accepted) * 0.012))], strict=False
        ):
            self.duplicate(case, of=into)
        accepted = [c for c in cases if c.accepted_at is not None]
        rng.shuffle(accepted)
        position = 0
        whole = len(accepted) + len(pinned)
        for fate, share in (("twice", 0.015), ("once", 0.03), ("silent", 0.015), ("basic", 0.14)):
            count = max(1, round(whole * share)) - sum(c.fate == fate for c in pinned)
            for case in accepted[position : position + count]:
                case.fate = fate
            position += count
        for case in accepted:
            case.late = rng.random() < 0.03
            case.complex = rng.random() < 0.08
            case.key = case.session is not None and rng.random() < 0.035

    def rewrite(self, case: Case, *, of: Case) -> None:
        """`case` raises the matter of `of` in other words (a near-duplicate)."""
        case.topic, case.township, case.place, case.dup_of = of.topic, of.township, of.place, of
        case.title = self.reword(of.title, self.rng)

    def duplicate(self, case: Case, *, of: Case) -> None:
        """A near-duplicate the office merges into `of` (并案) after accepting `of`."""
        self.rewrite(case, of=of)
        case.review, case.accepted_at = "merge", None
        day = self.clock.add(planned(of.accepted_at).date(), self.rng.randint(1, 3))
        case.review_at = _moment(self.rng, day, of.accepted_at)
        of.merged.append((case.review_at, case.title))
        of.merged_from.append(case)

    @staticmethod
    def reword(text: str, rng: random.Random) -> str:
        for old, new in REWORDINGS:
            if rng.random() < 0.6:
                text = text.replace(old, new)
        return text

    def number(self, cases: list[Case]) -> None:
        """立案 numbers per session or per year between sessions, in order of acceptance
        (services._next_number); a case not accepted by today waits in the review queue."""
        for case in cases:
            if case.accepted_at is not None and (case.accepted_at >= self.now or "review" in case.stops):
                case.accepted_at = None
        for case in sorted(
            (c for c in cases if c.accepted_at is not None), key=lambda c: planned(c.accepted_at)
        ):
            if case.session:
                scope, label = f"session-{case.session.pk}", case.session.short_name
            else:
                scope, label = f"year-{case.year}", f"{case.year}年闭会期间"
            self.sequences[scope] += 1
            case.serial = self.sequences[scope]
            case.number = f"{label}第{case.serial:03d}号"

    # ------------------------------------------------------------ what the demo accounts find

    def pinned(self, session: CongressSession | None) -> list[Case]:
        """The demo deputy's cases (one awaiting their evaluation, a draft, one returned, one in handling, an
        invitation to co-sign, two closed), the demo unit's open assignments (overdue, due soon, new, a
        reassignment request, one to support, one re-handled, an open commitment) and the office's queues
        (review, presidium, assignment, another unit's reassignment request, coordination)."""
        rng, clock, today = self.rng, self.clock, self.today
        deputy, unit = next(iter(self.deputy_users)), next(iter(self.unit_users))
        alias = next((a for a, name in UNIT_ALIASES.items() if self.unit_ids.get(name) == unit), "")
        own = [t for t in TOPICS if max(t.units, key=t.units.__getitem__) == alias] or TOPICS
        water, school, drains, farm = (
            self.topics[k] for k in ("安全饮水", "校舍维修", "排水管网改造", "产业路")
        )
        farming = self.unit_ids[UNIT_ALIASES["农业"]]

        def ago(days: int) -> datetime.datetime:
            return _moment(rng, today - datetime.timedelta(days=days), hours=(8, 22))

        def workdays_ago(n: int) -> datetime.date:
            return clock.back(today, n)

        def due_in(days: int) -> datetime.date:
            return clock.on_or_before(
                add_months(today + datetime.timedelta(days=days), -workflows.REPLY_MONTHS)
            )

        def ours() -> dict:
            return {"topic": rng.choices(own, weights=[t.weight for t in own])[0], "lead_unit": unit}

        handling = self.case(ago(45), lead=deputy, topic=water, stops={"reply"})
        neighbour = next(
            pk
            for pk in self.by_township[self.township_of[deputy]]
            if pk != deputy and self.serving(pk, today)
        )
        invitation = self.case(ago(3), lead=neighbour, stops={"submit"})
        invitation.cosigners = [(deputy, Cosigner.Status.INVITED)]
        duplicate = self.case(_moment(rng, workdays_ago(1)), stops={"review"})
        self.rewrite(duplicate, of=handling)
        motion = self.case(_moment(rng, workdays_ago(4)), kind=Kind.MOTION, stops={"presidium"})
        motion.title = f"关于{MOTIONS[0][0]}的议案"
        motion.cosigners = self.signatures(motion, 10)
        cases = [
            self.case(ago(110), lead=deputy, reply_on=workdays_ago(6), stops={"evaluate"}, **ours()),
            self.case(
                ago(9),
                lead=deputy,
                review="return",
                review_at=_moment(rng, workdays_ago(4)),
                stops={"resubmit"},
            ),
            self.case(ago(2), lead=deputy, stops={"submit"}),
            handling,
            invitation,
            self.case(ago(140), stops={"reply"}, **ours()),
            self.case(ago(1), assign_on=due_in(4), stops={"reply"}, **ours()),
            self.case(ago(1), assign_on=due_in(8), stops={"reply"}, **ours()),
            self.case(ago(1), assign_on=workdays_ago(1), stops={"sign"}, **ours()),
            self.case(
                ago(1), assign_on=workdays_ago(3), reassign_on=workdays_ago(1), stops={"decide"}, **ours()
            ),
            self.case(
                ago(1), topic=drains, assign_on=workdays_ago(4), reassign_on=workdays_ago(2), stops={"decide"}
            ),
            self.case(
                ago(1),
                topic=farm,
                lead_unit=farming,
                joint=unit,
                assign_on=workdays_ago(10),
                stops={"opinion", "reply"},
            ),
            duplicate,
            self.case(_moment(rng, workdays_ago(2)), stops={"review"}),
            self.case(_moment(rng, workdays_ago(3)), stops={"review"}),
            motion,
            self.case(
                _moment(rng, workdays_ago(5)), review_at=_moment(rng, workdays_ago(3)), stops={"assign"}
            ),
            self.case(
                _moment(rng, workdays_ago(14)), review_at=_moment(rng, workdays_ago(12)), stops={"assign"}
            ),
            self.case(ago(100), topic=school, reply_on=workdays_ago(4), stops={"evaluate"}),
        ]
        for case in cases:
            if case.assign_on:  # filed and accepted in the days before
                case.drafted = _moment(rng, clock.back(case.assign_on, 8), hours=(8, 22))
                case.review_at = _moment(rng, clock.back(case.assign_on, 4))
            if "submit" not in case.stops:
                case.submitted = case.drafted + datetime.timedelta(minutes=rng.randint(10, 300))
            if case.review_at is None and case.submitted is not None:
                case.review_at = _moment(
                    rng, clock.add(case.submitted.date(), rng.randint(1, 2)), case.submitted
                )
            if case.review == "accept" and case.kind == Kind.SUGGESTION:
                case.accepted_at = case.review_at
        if session is None:
            return cases
        during = [
            {"complex": True, "stops": {"reply"}, **ours()},
            {"fate": "once", "reply_on": workdays_ago(30), "stops": {"rehandle"}, **ours()},
            {"result": "B", "stops": {"commitment"}, **ours()},
            {"fate": "twice", "stops": {"coordination"}},
            {"lead": deputy, **ours()},
            {"lead": deputy, "topic": school, "fate": "basic"},
        ]
        for fields in during:
            case = self.case(_moment(rng, session.start_date, hours=(9, 20)), session=session, **fields)
            case.submitted = case.drafted + datetime.timedelta(minutes=30)
            self.schedule(case)
            cases.append(case)
        return cases

    # ------------------------------------------------------------ texts and units

    def fill(self, rng: random.Random, text: str, case: Case) -> str:
        return text.format(
            p=case.place, t=self.townships[case.township], n=rng.randint(2, 9), y=rng.randint(1978, 1999)
        )

    def content(self, case: Case) -> str:
        """An opening, three of the topic's facts and a detail of the place, two numbered asks, a closing; a
        duplicate rewords the case it copies."""
        source = case.dup_of or case
        rng = random.Random(source.seed)
        first, *others = source.topic.facts
        facts = [first, rng.choice(DETAILS), *sorted(rng.sample(others, 2), key=others.index)]
        facts = [self.fill(rng, fact, source) for fact in facts]
        asks = list(source.topic.asks)
        asks = [self.fill(rng, a, source) for a in sorted(rng.sample(asks, 2), key=asks.index)]
        opening, closing = rng.choice(OPENINGS), rng.choice(CLOSINGS)
        if case.dup_of is not None:
            rng = random.Random(case.seed)
            others = facts[1:]
            rng.shuffle(others)
            facts, opening, closing = [facts[0], *others[:2]], rng.choice(OPENINGS), rng.choice(CLOSINGS)
        numbered = "；".join(f"{ORDINALS[i]}是{ask}" for i, ask in enumerate(asks))
        text = f"{opening}{'，'.join(facts[:2])}。{'；'.join(facts[2:])}。为此建议：{numbered}。{closing}"
        return self.reword(text, rng) if case.dup_of is not None else text

    def unit_for(self, case: Case, rng: random.Random, exclude: Collection[int] = ()) -> int | None:
        """A unit for the case's matter by the topic's weights (a township's own matters go to that township);
        None when the topic names no other unit than those in `exclude` (the units on the case already: the
        office cannot hand it to one of them again)."""
        choices: dict[int, int] = {}
        for alias, weight in case.topic.units.items():
            if alias == TOWNSHIP:
                pk = self.township_units.get(case.township)
            else:
                pk = self.unit_ids[UNIT_ALIASES[alias]]
            if pk is not None and pk not in exclude:
                choices[pk] = choices.get(pk, 0) + weight
        return rng.choices(list(choices), weights=list(choices.values()))[0] if choices else None

    # ------------------------------------------------------------ the suggestion fund

    def fund(self, year: int, candidates: list[tuple]) -> None:
        """代表建议办理专项资金 of the year: projects carrying out answered suggestions (about 15 in 100 cases)."""
        rng = self.rng
        chosen = rng.sample(candidates, min(len(candidates), round(self.filed[year] * 0.15)))
        if not chosen:
            return
        created = _moment(rng, datetime.date(year, 3, 1))
        fund = SuggestionFund(
            year=year, name="代表建议办理专项资金", amount=0, created_at=created, updated_at=created
        )
        projects = []
        for _, name, unit, answered in chosen:
            done = answered + datetime.timedelta(days=rng.randint(30, 150))
            status = FundProject.Status.COMPLETED if done < self.today else FundProject.Status.IN_PROGRESS
            project = FundProject(
                fund=fund,
                name=name,
                unit_id=unit,
                amount=Decimal(rng.randrange(50, 600) * 1000),
                status=status,
                beneficiaries=rng.randrange(200, 6000, 10),
                completed_on=done if status == FundProject.Status.COMPLETED else None,
                created_at=created,
                updated_at=created,
            )
            projects.append(project)
        fund.amount = (sum(p.amount for p in projects) * Decimal("1.1") / 100_000).quantize(
            Decimal(1)
        ) * 100_000
        with _dated(SuggestionFund, FundProject):
            fund.save()
            FundProject.objects.bulk_create(projects, batch_size=BATCH)
        through = FundProject.suggestions.through
        through.objects.bulk_create(
            [
                through(fundproject_id=project.pk, suggestion_id=chosen[i][0])
                for i, project in enumerate(projects)
            ],
            batch_size=BATCH,
        )
        label = str(FundProject._meta.verbose_name)
        self.counts[label] = self.counts.get(label, 0) + len(projects)


OPEN = (AssignmentState.ASSIGNED, AssignmentState.ACCEPTED, AssignmentState.REASSIGN_REQUESTED)


class _Story:
    """One case played along its timeline up to today, as the rows the services would have written."""

    def __init__(self, gen: _Generator, case: Case, rows: _Rows):
        self.g, self.case, self.rows = gen, case, rows
        self.rng = random.Random(case.seed + 1)
        self.author = gen.deputy_users.get(case.lead)
        self.events: list[SuggestionEvent] = []
        self.assignments: list[Assignment] = []
        self.replies: dict[int, list[Reply]] = defaultdict(list)  # by id() of the assignment
        self.funded: list[tuple] = []
        self.signed: dict[int, str] = {}  # co-signers' answers as they turned out
        self.s = Suggestion(
            kind=case.kind,
            title=case.title,
            content=gen.content(case),
            category_id=gen.categories[case.topic.category],
            timing=case.timing,
            congress_session=case.session,
            lead_deputy_id=case.lead,
            delegation_id=case.delegation,
            entered_by=gen.clerk if case.paper else self.author,
            state=State.DRAFT,
            year=case.year,
            version=1,
            created_at=case.drafted,
        )

    def happens(self, when: datetime.datetime | None, step: str) -> TypeGuard[datetime.datetime]:
        """Whether a step took place before today (the stops of a pinned case never do)."""
        return when is not None and when < self.g.now and step not in self.case.stops

    def event(
        self, when: datetime.datetime, action: str, actor: User | None = None, note: str = "", frm="", to=""
    ) -> None:
        self.events.append(
            SuggestionEvent(
                suggestion=self.s,
                action=action,
                actor=actor,
                note=note,
                from_state=frm,
                to_state=to,
                created_at=when,
            )
        )

    def move(
        self, when: datetime.datetime, to: str, actor: User | None = None, note: str = "", **changes
    ) -> None:
        """A move of TRANSITIONS (an illegal one fails on the label lookup) and its event."""
        frm = self.s.state
        action = TRANSITIONS[frm][to]
        for name, value in changes.items():
            setattr(self.s, name, value)
        self.s.state, self.s.version = to, self.s.version + 1
        self.event(when, action, actor, note, frm, to)

    def tell(self) -> None:
        """Play the case and add its rows; `funded` keeps what a fund project could carry out: (unit, day
        answered)."""
        case, s, g = self.case, self.s, self.g
        self.event(case.drafted, "起草", s.entered_by, to=State.DRAFT)
        self.cosign()
        if self.happens(case.submitted, "submit"):
            self.file()
        self.record_results()
        s.is_overdue = s.state in (State.HANDLING, State.REHANDLING) and any(
            a.answers and a.state in OPEN and a.due < g.today for a in self.assignments
        )
        self.events.sort(key=lambda e: e.created_at)
        s.updated_at = self.events[-1].created_at
        self.rows.add(s)
        for obj in [*self.assignments, *self.events]:
            self.rows.add(obj)
        if case.review == "merge" and s.state == State.MERGED:
            g.merges.append((case, planned(case.dup_of)))

    def record_results(self) -> None:
        """What the statistics count, as services._record_result keeps it: each unit's final result and late
        answers; the suggestion's least favourable final result of its answering units; the suggestion's year
        and lead rating on its assignments."""
        answering = []
        for assignment in self.assignments:
            replies = self.replies[id(assignment)]
            if replies:
                assignment.result_category = max(replies, key=lambda r: r.round).result_category
                assignment.answered_late = any(not r.on_time for r in replies)
            if assignment.answers and assignment.state != AssignmentState.WITHDRAWN:
                answering.append(assignment)
        results = [a.result_category for a in answering if a.result_category is not None]
        self.s.result_category = max(results, key=lambda c: (c.order, c.code), default=None)
        self.s.answered_late = any(a.answered_late for a in answering)
        for assignment in self.assignments:  # copied for the units' statistics
            assignment.year, assignment.lead_rating = self.s.year, self.s.lead_rating

    def cosign(self) -> None:
        """Invitations and answers; on paper the signatures are confirmed when entered."""
        case, s, g, rng = self.case, self.s, self.g, self.rng
        if not case.cosigners:
            return
        invited = case.drafted + datetime.timedelta(minutes=rng.randint(1, 4))
        self.event(invited, "邀请附议", s.entered_by, "、".join(g.names[pk] for pk, _ in case.cosigners))
        for pk, status in case.cosigners:
            answered = None if status == Cosigner.Status.INVITED else invited
            if answered and not case.paper:  # online: each answers before the lead deputy submits
                until = case.submitted or invited + datetime.timedelta(hours=4)
                answered = invited + (until - invited) * rng.uniform(0.05, 0.95)
                if answered >= g.now:
                    status, answered = Cosigner.Status.INVITED, None
                else:
                    if case.kind == Kind.SUGGESTION and rng.random() < 0.05:
                        status = Cosigner.Status.DECLINED
                    label = "确认附议" if status == Cosigner.Status.CONFIRMED else "谢绝附议"
                    self.event(answered, label, g.deputy_users.get(pk), g.names[pk])
            self.signed[pk] = status
            self.rows.add(
                Cosigner(
                    suggestion=s,
                    deputy_id=pk,
                    status=status,
                    responded_at=answered,
                    created_at=invited,
                    updated_at=answered or invited,
                )
            )

    def file(self) -> None:
        """Submission, and the review by the presidium (motions) or the office."""
        case, s, g = self.case, self.s, self.g
        motion = case.kind == Kind.MOTION
        self.move(
            planned(case.submitted),
            State.PRESIDIUM_REVIEW if motion else State.SUBMITTED,
            s.entered_by,
            submitted_at=case.submitted,
            township_id=g.township_of[case.lead],
        )
        if motion:
            if not self.happens(case.review_at, "presidium"):
                return
            decision = PresidiumDecision(case.review)
            if decision == PresidiumDecision.ON_AGENDA:
                self.move(case.review_at, State.ON_AGENDA, g.clerk, decision.label)
                return
            if decision == PresidiumDecision.NOT_ACCEPTED:
                self.move(case.review_at, State.NOT_ACCEPTED, g.clerk, decision.label)
                return
            self.move(case.review_at, State.SUBMITTED, g.clerk, decision.label, kind=Kind.SUGGESTION)
        elif not self.happens(case.review_at, "review"):
            return
        elif case.review == "reject":
            self.move(
                case.review_at,
                State.REJECTED,
                g.clerk,
                f"{case.refusal} {REFUSAL_NOTE}",
                refusal_reason_id=g.refusals[case.refusal],
                refusal_note=REFUSAL_NOTE,
            )
            return
        elif case.review == "merge":
            into = planned(case.dup_of)
            self.move(case.review_at, State.MERGED, g.clerk, f"并入 {into.number or into.title}")
            return
        elif case.review == "return":
            reason = self.rng.choice(RETURN_REASONS)
            self.move(case.review_at, State.RETURNED, g.clerk, reason, return_reason=reason)
            if not self.happens(case.resubmitted, "resubmit"):
                return
            self.event(case.resubmitted - datetime.timedelta(minutes=3), "修改", s.entered_by)
            self.move(case.resubmitted, State.SUBMITTED, s.entered_by, submitted_at=case.resubmitted)
        if not self.happens(case.accepted_at, "review"):
            return
        due = None
        if not case.session:  # assigned within a window from receipt
            due = g.clock.add(planned(s.submitted_at).date(), g.rules["assignment_working_days"])
        self.move(
            case.accepted_at,
            State.ACCEPTED,
            g.clerk,
            case.number,
            serial=case.serial,
            number=case.number,
            accepted_at=case.accepted_at,
            assignment_due=due,
        )
        for when, title in case.merged:
            self.event(when, "并案", g.clerk, title)
        self.assign(due)

    # the units' work

    def assign(self, assignment_due: datetime.date | None) -> None:
        """交办: at the session's assignment meeting, or one by one within the window (a few late)."""
        case, g, rng = self.case, self.g, self.rng
        if case.assign_on:
            on = case.assign_on
        elif case.session:
            on = g.meetings[case.session.pk].date
        elif rng.random() < 0.05:
            on = g.clock.add(planned(assignment_due), rng.randint(1, 4))
        else:
            accepted = planned(case.accepted_at).date()
            days = g.clock.between(accepted, planned(assignment_due))
            on = g.clock.add(accepted, rng.randint(1, max(1, days)))
        at = _moment(rng, on, case.accepted_at)
        if not self.happens(at, "assign"):
            return
        lead = case.lead_unit or planned(g.unit_for(case, rng))
        roles = [(lead, AssignmentRole.LEAD)]
        split = (
            g.unit_for(case, rng, exclude={lead}) if case.lead_unit is None and rng.random() < 0.03 else None
        )
        if split is not None:
            roles = [(lead, AssignmentRole.SPLIT), (split, AssignmentRole.SPLIT)]
        elif case.joint or (case.topic.joint and rng.random() < 0.25):
            joint = case.joint or g.unit_ids[UNIT_ALIASES[case.topic.joint]]
            if joint != lead:
                roles.append((joint, AssignmentRole.JOINT))
        meeting = g.meetings.get(case.session.pk) if case.session and not case.assign_on else None
        self.assignments = [self.assignment(unit, role, on, at, meeting) for unit, role in roles]
        note = "；".join(f"{AssignmentRole(role).label}：{g.unit_names[unit]}" for unit, role in roles)
        self.move(
            at,
            State.HANDLING,
            g.clerk,
            note,
            assigned_on=on,
            reply_due=self.assignments[0].due,
            is_complex=case.complex,
        )
        if case.key:
            self.supervise(on)
        taken = [self.sign(assignment, on) for assignment in list(self.assignments)]  # all sign, then answer
        self.replied([self.answer(*pair, 1) for pair in taken if pair is not None and pair[0].answers], 1)

    def assignment(
        self, unit: int, role: str, on: datetime.date, at: datetime.datetime, meeting=None
    ) -> Assignment:
        g = self.g
        months = workflows.REPLY_MONTHS_COMPLEX if self.case.complex else workflows.REPLY_MONTHS
        return Assignment(
            suggestion=self.s,
            unit_id=unit,
            role=role,
            meeting=meeting,
            assigned_on=on,
            due=add_months(on, months),
            reassign_deadline=g.clock.add(on, g.rules["reassignment_working_days"]),
            contact_deadline=g.clock.add(on, g.rules["contact_working_days"]),
            opinion_due=add_months(on, g.rules["joint_opinion_months"])
            if role == AssignmentRole.JOINT
            else None,
            created_at=at,
            updated_at=at,
        )

    def sign(self, assignment: Assignment, on: datetime.date) -> tuple[Assignment, datetime.datetime] | None:
        """签收 — or, for a few lead units, a request for reassignment the office decides; returns the
        assignment that goes on and when its unit took the case on."""
        case, g, rng = self.case, self.g, self.rng
        user, name = g.unit_users.get(assignment.unit_id), g.unit_names[assignment.unit_id]
        other = None
        if assignment.role == AssignmentRole.LEAD and (
            case.reassign_on or (case.lead_unit is None and rng.random() < 0.03)
        ):
            on_case = {a.unit_id for a in self.assignments if a.state != AssignmentState.WITHDRAWN}
            other = g.unit_for(case, rng, exclude=on_case)
        if other is None:
            signed = _moment(rng, g.clock.add(on, rng.randint(1, 3)), assignment.created_at)
            if not self.happens(signed, "sign"):
                return None
            assignment.state, assignment.updated_at = AssignmentState.ACCEPTED, signed
            self.event(signed, "签收", user, name)
            if assignment.role == AssignmentRole.JOINT:
                self.opinion(assignment, signed)
            return assignment, signed
        day = case.reassign_on or g.clock.add(on, rng.randint(1, g.rules["reassignment_working_days"]))
        asked = _moment(rng, day, assignment.created_at)
        if not self.happens(asked, "sign"):
            return None
        reason = REASSIGN_REASON.format(u=g.unit_names[other])
        assignment.state, assignment.reassign_reason, assignment.updated_at = (
            AssignmentState.REASSIGN_REQUESTED,
            reason,
            asked,
        )
        self.event(asked, "申请调整", user, f"{name}：{reason}")
        decided = _moment(rng, g.clock.add(day, rng.randint(1, 4)), asked)
        if not self.happens(decided, "decide"):
            return None
        if rng.random() < 0.2:
            assignment.state, assignment.updated_at = AssignmentState.ACCEPTED, decided
            self.event(decided, "不同意调整", g.clerk, "该事项属于你单位职责范围，请按期办理。")
            return assignment, decided
        assignment.state, assignment.updated_at = AssignmentState.WITHDRAWN, decided
        replacement = self.assignment(other, assignment.role, decided.date(), decided)
        self.assignments.append(replacement)
        self.s.reply_due, self.s.is_overdue = replacement.due, False
        self.event(decided, "同意调整", g.clerk, f"{name} → {g.unit_names[other]}")
        return self.sign(replacement, decided.date())

    def opinion(self, assignment: Assignment, signed: datetime.datetime) -> None:
        """A joint unit's view to the lead unit, within the window (rule joint_opinion_months)."""
        g, rng = self.g, self.rng
        day = min(
            g.clock.add(signed.date(), rng.randint(3, 15)),
            g.clock.on_or_before(planned(assignment.opinion_due)),
        )
        sent = _moment(rng, day, signed)
        if self.happens(sent, "opinion"):
            assignment.state, assignment.opinion, assignment.opinion_sent_at = (
                AssignmentState.OPINION_SENT,
                OPINION,
                sent,
            )
            assignment.updated_at = sent
            self.event(
                sent, "提交会办意见", g.unit_users.get(assignment.unit_id), g.unit_names[assignment.unit_id]
            )

    def contact(
        self, assignment: Assignment, stage: str, day: datetime.date, after, method_summary
    ) -> datetime.datetime | None:
        g, rng = self.g, self.rng
        method, summary = method_summary
        summary = summary.format(d=g.names[self.case.lead], p=self.case.place)
        at = _moment(rng, day, after)
        if at >= g.now:
            return None
        user = g.unit_users.get(assignment.unit_id)
        record = ContactRecord(
            assignment=assignment,
            stage=stage,
            method=method,
            date=at.date(),
            summary=summary,
            recorded_by=user,
            created_at=at,
            updated_at=at,
        )
        self.rows.add(record)
        label = ContactRecord.Method(method).label
        self.event(at, "联系代表", user, f"{g.unit_names[assignment.unit_id]}（{label}）：{summary}")
        return at

    def answer(self, assignment: Assignment, started: datetime.datetime, round_: int) -> tuple | None:
        """Contact the deputy (代表法 Art. 51), answer by the due date (a few late); returns (when, who)."""
        case, g, rng = self.case, self.g, self.rng
        start = started.date()
        if round_ == 1 and case.reply_on:
            day = case.reply_on
        elif round_ == 1 and case.late:
            day = assignment.due + datetime.timedelta(days=rng.randint(3, 45))
        else:
            earliest = start + datetime.timedelta(days=10 if round_ > 1 else 25)
            day = earliest + datetime.timedelta(
                days=rng.randint(0, max(0, (assignment.due - earliest).days - 2))
            )
        stage = ContactRecord.Stage.BEFORE if round_ == 1 else ContactRecord.Stage.DURING
        contact_day = min(
            g.clock.add(start, rng.randint(1, 12)), g.clock.on_or_before(day - datetime.timedelta(days=1))
        )
        contacted = self.contact(
            assignment,
            stage,
            max(contact_day, start),
            started,
            rng.choice(CONTACTS_BEFORE) if round_ == 1 else CONTACT_DURING,
        )
        if contacted is None:
            return None
        if round_ == 1 and rng.random() < 0.4 and (day - contacted.date()).days > 20:
            self.contact(
                assignment,
                ContactRecord.Stage.DURING,
                contacted.date() + datetime.timedelta(days=10),
                contacted,
                CONTACT_DURING,
            )
        at = _moment(rng, max(day, contacted.date()), contacted)
        if not self.happens(at, "reply" if round_ == 1 else "rehandle"):
            return None
        user, name = g.unit_users.get(assignment.unit_id), g.unit_names[assignment.unit_id]
        category = g.results[self.category(round_)]
        ask = self.g.fill(rng, rng.choice(case.topic.asks), case)
        promised = at.date() + datetime.timedelta(days=rng.randint(60, 300))
        text = g.reply_text(rng, case, category.code, ask, promised, start, at.date())
        signers = [g.names[pk] for pk, status in self.signed.items() if status == Cosigner.Status.CONFIRMED]
        reply = Reply(
            assignment=assignment,
            round=round_,
            result_category=category,
            text=text,
            signer=g.heads[assignment.unit_id],
            copy_to=fill(g.copy_to, {"附议代表": signers_text(signers)}),
            **g.letter_fields(rng, assignment.unit_id, at.date()),
            publishable=rng.random() < 0.7,
            sent_at=at,
            on_time=at.date() <= assignment.due,
            sent_by=user,
            created_at=at,
            updated_at=at,
        )
        self.rows.add(reply)
        self.replies[id(assignment)].append(reply)
        assignment.state, assignment.updated_at = AssignmentState.REPLIED, at
        self.event(at, "答复", user, f"{name}：{category}")
        if category.needs_follow_up:
            self.commit(reply, ask, promised)
        if category.code in "AB" and round_ == 1 and case.topic.key not in NOT_FUNDED:
            self.funded.append((assignment.unit_id, at.date()))
        if rng.random() < 0.25:
            self.contact(
                assignment,
                ContactRecord.Stage.AFTER,
                g.clock.add(at.date(), rng.randint(3, 15)),
                at,
                CONTACT_AFTER,
            )
        return at, user

    def category(self, round_: int) -> str:
        """The result category: mostly A; worse where the deputy turns out dissatisfied."""
        case = self.case
        if case.result:
            return case.result
        weights = {
            1: {
                "satisfied": (88, 10, 2),
                "silent": (88, 10, 2),
                "basic": (55, 30, 15),
                "once": (20, 40, 40),
                "twice": (0, 50, 50),
            },
            2: {"once": (60, 40, 0), "twice": (0, 40, 60)},
        }[round_][case.fate]
        return self.rng.choices("ABC", weights=weights)[0]

    def commit(self, reply: Reply, ask: str, due: datetime.date) -> None:
        """承诺事项 of a B answer, followed up: most solved in time (some then raised to A), others reported on;
        the unsolved roll into the next year (tick)."""
        g, rng = self.g, self.rng
        commitment = Commitment(
            reply=reply,
            description=ask,
            due=due,
            year=due.year,
            created_at=reply.sent_at,
            updated_at=reply.sent_at,
        )
        self.rows.add(commitment)
        user = reply.sent_by
        if "commitment" not in self.case.stops and rng.random() < 0.75:
            day = max(
                reply.sent_at.date() + datetime.timedelta(days=20),
                due - datetime.timedelta(days=rng.randint(0, 40)),
            )
            text, solved = f"已{ask}。", True
        else:
            day, text, solved = (
                reply.sent_at.date() + datetime.timedelta(days=rng.randint(45, 90)),
                "正在推进，前期工作已完成。",
                False,
            )
        at = _moment(rng, day, reply.sent_at)
        if at >= g.now:
            return
        self.rows.add(
            CommitmentUpdate(
                commitment=commitment, text=text, solved=solved, posted_by=user, created_at=at, updated_at=at
            )
        )
        commitment.updated_at = at
        self.event(at, "承诺事项进展", user, f"{ask}：{text}")
        if solved:
            commitment.status = Commitment.Status.DONE
            if rng.random() < 0.5 and reply.result_category.code == "B":
                reply.result_category, reply.updated_at = g.results["A"], at
                self.event(at, "调整办理结果", user, "B类 → A类")

    def replied(self, answers: list, round_: int) -> None:
        """Once every answering unit has answered, the signers evaluate."""
        g = self.g
        answering = [a for a in self.assignments if a.answers and a.state != AssignmentState.WITHDRAWN]
        if not answers or None in answers or len(answers) < len(answering):
            return
        at, user = max(answers, key=lambda pair: pair[0])
        due = g.clock.add(at.date(), g.rules["evaluation_working_days"])
        self.move(at, State.REPLIED, user, evaluation_due=due, is_overdue=False)
        self.evaluate(at, round_)

    def evaluate(self, replied: datetime.datetime, round_: int) -> None:
        """满意 / 基本满意 close it; 不满意 → one re-handling round, then coordination; silence past the window
        closes it as 未反馈 (evaluations_expire, left out of the satisfaction rate)."""
        case, s, g, rng = self.case, self.s, self.g, self.rng
        evaluators = [case.lead]
        if g.rules["every_signer_evaluates"]:
            evaluators += [pk for pk, status in self.signed.items() if status == Cosigner.Status.CONFIRMED]
        if case.fate == "silent":
            at = _at(planned(s.evaluation_due) + datetime.timedelta(days=1), 2)  # the daily tick closes it
            if self.happens(at, "evaluate"):
                for pk in evaluators:
                    self.rows.add(
                        Evaluation(
                            suggestion=s,
                            deputy_id=pk,
                            round=round_,
                            rating=Rating.NO_FEEDBACK,
                            created_at=at,
                            updated_at=at,
                        )
                    )
                self.move(
                    at, State.CLOSED, None, "评价期限届满未反馈", closed_at=at, lead_rating=Rating.NO_FEEDBACK
                )
            return
        day = g.clock.add(replied.date(), rng.randint(1, g.rules["evaluation_working_days"] - 2))
        at = _moment(rng, day, replied, hours=(8, 22))
        if not self.happens(at, "evaluate"):
            return
        if case.fate in ("satisfied", "basic") or (case.fate == "once" and round_ == 2):
            rating = (
                Rating.SATISFIED
                if case.fate == "satisfied" or rng.random() < 0.5
                else Rating.BASICALLY_SATISFIED
            )
            comment = rng.choice(PRAISE)
        else:
            rating, comment = Rating.DISSATISFIED, rng.choice(COMPLAINTS)
        separate = rating if g.rules["separate_attitude_and_result"] else ""
        for pk in evaluators:  # co-signers (rule every_signer_evaluates) before the lead deputy decides
            when = at if pk == case.lead else replied + (at - replied) * rng.uniform(0.1, 0.9)
            self.rows.add(
                Evaluation(
                    suggestion=s,
                    deputy_id=pk,
                    round=round_,
                    rating=rating,
                    attitude=separate,
                    result=separate,
                    comment=comment if pk == case.lead else "",
                    created_at=when,
                    updated_at=when,
                )
            )
            note = f"{Rating(rating).label}。{comment if pk == case.lead else ''}".strip("。")
            self.event(when, "评价", g.deputy_users.get(pk), note)
        author = g.deputy_users.get(case.lead)
        s.lead_rating = rating
        if rating != Rating.DISSATISFIED:
            self.move(at, State.CLOSED, author, closed_at=at)
        elif round_ == 1:
            self.rehandle(at)
        else:
            self.move(at, State.COORDINATION, author, evaluation_due=None)
            closed = _moment(rng, g.clock.add(at.date(), rng.randint(5, 20)), at)
            if self.happens(closed, "coordination"):
                self.move(closed, State.CLOSED, g.clerk, OUTCOME, outcome=OUTCOME, closed_at=closed)

    def rehandle(self, at: datetime.datetime) -> None:
        """Dissatisfied: the answering units handle it once more (rule rehandling_months)."""
        g = self.g
        due = add_months(at.date(), g.rules["rehandling_months"])
        answering = [a for a in self.assignments if a.answers and a.state == AssignmentState.REPLIED]
        for assignment in answering:  # casework.reopen
            assignment.state, assignment.due, assignment.updated_at = AssignmentState.ACCEPTED, due, at
            self.event(at, "重新办理", self.author, g.unit_names[assignment.unit_id])
        self.move(
            at,
            State.REHANDLING,
            g.deputy_users.get(self.case.lead),
            round=2,
            reply_due=due,
            evaluation_due=None,
        )
        self.replied([self.answer(assignment, at, 2) for assignment in answering], 2)

    def supervise(self, on: datetime.date) -> None:
        """重点督办 chosen by the Council of Chairpersons after assignment (代表法 Art. 52), with its visits."""
        case, s, g, rng = self.case, self.s, self.g, self.rng
        decided = g.clock.add(on, rng.randint(5, 15))
        at = _moment(rng, decided)
        if not self.happens(at, "supervise"):
            return
        pk, name, position = rng.choice(g.chairs)
        leader = f"{name}{'主任' if position == CommitteeMembership.Position.CHAIR else '副主任'}"
        decision = SUPERVISION.format(leader=leader)
        supervision = KeySupervision(
            suggestion=s, decided_on=decided, decision=decision, leader_id=pk, created_at=at, updated_at=at
        )
        self.rows.add(supervision)
        self.event(at, "列为重点督办", g.clerk, f"领衔督办：{name}。{decision}".strip("。"))
        unit = g.unit_names[self.assignments[0].unit_id]
        for kind, text in rng.sample(SUPERVISION_NOTES, rng.randint(1, 3)):
            day = g.clock.on_or_after(decided + datetime.timedelta(days=rng.randint(15, 75)))
            when = _moment(rng, day)
            if when >= g.now:
                continue
            text = text.format(
                leader=leader,
                p=case.place,
                u=unit,
                a=g.fill(rng, case.topic.asks[0], case),
                n=rng.randint(3, 9),
            )
            self.rows.add(
                SupervisionNote(
                    supervision=supervision,
                    kind=kind,
                    date=day,
                    text=text,
                    recorded_by=g.clerk,
                    created_at=when,
                    updated_at=when,
                )
            )
            self.event(when, f"督办{SupervisionNote.Kind(kind).label}", g.clerk, text)
