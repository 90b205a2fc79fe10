"""Word lists the demo county is drawn from: places, names, posts and topics of 大方县 (Guizhou, 520521).

Place names follow the county's real townships where known; the rest are plausible. Topics are taken from
the county's published work reviews (视察、调研、执法检查 subjects of 2022–2023).
"""

# fmt: off

# (name, kind, relative population weight); kind is org.Township.Kind. The four streets form the county seat.
TOWNSHIPS = [
    ("顺德街道", "street", 2.2), ("红旗街道", "street", 2.0), ("东关街道", "street", 1.4), ("九驿街道", "street", 1.3),
    ("羊场镇", "town", 1.3), ("黄泥塘镇", "town", 1.2), ("六龙镇", "town", 1.1), ("达溪镇", "town", 1.1),
    ("瓢井镇", "town", 1.2), ("长石镇", "town", 1.0), ("对江镇", "town", 1.0), ("猫场镇", "town", 1.1),
    ("马场镇", "town", 1.0), ("东关乡", "township", 0.7), ("文阁乡", "township", 0.7), ("绿塘乡", "township", 0.7),
    ("小屯乡", "township", 0.6), ("果瓦乡", "township", 0.6), ("雨冲乡", "township", 0.6),
    ("鼎新彝族苗族乡", "ethnic_township", 0.7), ("牛场苗族彝族乡", "ethnic_township", 0.8),
    ("理化苗族彝族乡", "ethnic_township", 0.7), ("凤山彝族蒙古族乡", "ethnic_township", 0.7),
    ("安乐彝族仡佬族乡", "ethnic_township", 0.6), ("核桃彝族白族乡", "ethnic_township", 0.6),
    ("八堡彝族苗族乡", "ethnic_township", 0.7), ("兴隆苗族乡", "ethnic_township", 0.6),
    ("大山苗族彝族乡", "ethnic_township", 0.6), ("星宿苗族彝族仡佬族乡", "ethnic_township", 0.6),
]

# Syllables for further place names (townships at province scale, villages and communities everywhere).
PLACE_HEADS = (
    "安白宝碧长城大东凤高关官光桂海河红鸿虎花华黄吉金九兰乐黎莲林六龙鹿绿马茅梅猫牛平坪普七青清三沙山石双水松"
    "太桃天田铁王文五西溪仙响小新兴杏羊阳杨营永鱼玉云枣中竹紫"
)
PLACE_TAILS = "坝场冲堡关河口坪桥山寨溪屯塘营湾岩洞沟林井田江川窝坡箐"

# Surnames with rough weights for northwest Guizhou, including the Yi and Miao surnames of Bijie.
SURNAMES = {
    "王": 60, "李": 55, "张": 45, "陈": 40, "杨": 42, "刘": 35, "黄": 25, "赵": 22, "吴": 22, "周": 20, "罗": 22,
    "胡": 16, "徐": 12, "孙": 10, "马": 12, "朱": 14, "郭": 10, "何": 14, "高": 10, "林": 6, "郑": 8, "谢": 10,
    "宋": 8, "唐": 10, "许": 6, "韩": 5, "冯": 6, "邓": 10, "曹": 6, "彭": 8, "曾": 6, "肖": 8, "田": 10, "董": 6,
    "袁": 6, "潘": 6, "蒋": 6, "蔡": 5, "余": 8, "杜": 5, "叶": 4, "程": 5, "苏": 8, "魏": 5, "吕": 4, "丁": 5,
    "任": 5, "姚": 5, "卢": 6, "钟": 5, "谭": 5, "陆": 6, "范": 4, "石": 10, "廖": 5, "夏": 4, "韦": 4, "付": 6,
    "龙": 10, "熊": 6, "秦": 4, "江": 4, "尹": 4, "段": 4, "雷": 5, "侯": 3, "陶": 4, "顾": 2, "毛": 4, "龚": 4,
    "邹": 4, "文": 5, "安": 12, "禄": 5, "陇": 4, "卯": 3, "敖": 4, "穆": 3, "申": 4, "聂": 3, "颜": 3, "祝": 3,
    "焦": 3, "孔": 2, "向": 3, "况": 2, "喻": 3, "蔺": 2, "晏": 2,
}
MALE_GIVEN = "伟强军明华平刚勇杰涛斌超辉林鹏飞波宇浩俊峰磊东海亮松成坤建国兴旭昌龙德福贵荣发顺江川永忠文武富祥"
FEMALE_GIVEN = "芳丽娟敏静燕艳红霞玲琴梅英华秀兰萍莉婷雪琳颖慧倩洁丹蓉凤春美桂翠瑶茜娅芬菊"

# Minority peoples of 大方县 with rough weights (彝族 and 苗族 are the largest).
MINORITIES = {"彝族": 38, "苗族": 34, "仡佬族": 9, "白族": 7, "布依族": 6, "蒙古族": 3, "满族": 2, "回族": 1}

# Sector (deputies.choices.Sector) shares by level. 党政领导干部 stays below a quarter.
SECTOR_SHARES = {
    "county": {"official": 22, "farmer": 22, "worker": 10, "professional": 20, "business": 14, "military": 1, "other": 11},
    "township": {"official": 15, "farmer": 44, "worker": 10, "professional": 14, "business": 10, "other": 7},
}
WOMEN_SHARE = {
    "official": 0.2, "farmer": 0.3, "worker": 0.28, "professional": 0.45, "business": 0.22, "military": 0.05, "other": 0.4,
}
AGE_RANGE = {  # age at the 2021 election, so everyone is 25–65 during the term
    "official": (33, 57), "farmer": (28, 60), "worker": (25, 55), "professional": (26, 58), "business": (30, 58),
    "military": (35, 50), "other": (25, 60),
}
EDUCATION = {  # deputies.choices.Education weights by sector
    "official": {"postgraduate": 15, "bachelor": 70, "junior_college": 15},
    "farmer": {"junior_college": 5, "secondary": 30, "junior_high": 65},
    "worker": {"junior_college": 15, "secondary": 45, "junior_high": 40},
    "professional": {"postgraduate": 8, "bachelor": 55, "junior_college": 30, "secondary": 7},
    "business": {"bachelor": 30, "junior_college": 35, "secondary": 25, "junior_high": 10},
    "military": {"bachelor": 80, "junior_college": 20},
    "other": {"bachelor": 25, "junior_college": 30, "secondary": 30, "junior_high": 15},
}
PARTIES = ["cdl", "capd", "cpwdp", "js", "cdnca"]  # 民盟 民进 农工党 九三学社 民建

# County posts held by official deputies, each once; "{t}" posts repeat per township.
COUNTY_POSTS = [
    "中共大方县委书记", "大方县人民政府县长", "中共大方县委副书记", "大方县人民政府常务副县长",
    "大方县人民政府副县长", "大方县人民政府副县长", "大方县监察委员会主任", "大方县人民法院院长",
    "大方县人民检察院检察长", "大方县发展和改革局局长", "大方县教育局局长", "大方县财政局局长",
    "大方县农业农村局局长", "大方县交通运输局局长", "大方县卫生健康局局长", "大方县自然资源局局长",
    "大方县水务局局长", "大方县民族宗教事务局局长", "大方县住房和城乡建设局局长", "大方县总工会常务副主席",
    "共青团大方县委书记", "大方县妇女联合会主席",
]
TOWNSHIP_POSTS_COUNTY = ["{t}党委书记", "{t}党委副书记、{head}", "{t}{congress}"]
TOWNSHIP_POSTS = ["{t}党委委员、副{head2}", "{t}党委委员、组织委员", "{t}党委委员、纪委书记", "{t}人大副主席", "{t}党政办主任"]
MILITARY_POSTS = ["大方县人民武装部部长", "大方县人民武装部政治委员", "武警大方县中队中队长"]

WORKER_JOBS = [
    "贵州大方煤业有限公司采煤工", "大方县供电局线路工", "{t}环卫工人", "大方发电有限公司运行值班员",
    "贵州大方漆器有限公司技术工人", "大方县自来水公司维修工", "{t}农民工", "大方县公交公司驾驶员", "{t}建筑工人",
    "大方县邮政分公司投递员",
]
FARMER_JOBS = [
    "{t}{v}村村民", "{t}{v}村党支部书记、村委会主任", "{t}{v}村村委会副主任", "{t}{v}村种植大户",
    "{t}{v}村天麻种植户", "{t}{v}村养殖户", "{t}{v}村监委会主任", "{t}{v}村党支部书记",
]
PROFESSIONAL_JOBS = [  # (job, professional title)
    ("大方县人民医院医师", "主治医师"), ("大方县中医医院医师", "副主任医师"), ("{t}卫生院医师", "执业医师"),
    ("{t}卫生院护士", "主管护师"), ("大方县第一中学教师", "高级教师"), ("大方县第二中学教师", "一级教师"),
    ("{t}中心学校教师", "一级教师"), ("{t}小学教师", "二级教师"), ("大方县农业技术推广站农艺师", "高级农艺师"),
    ("{t}农业服务中心技术员", "助理农艺师"), ("大方县林业局工程师", "工程师"), ("贵州某律师事务所律师", "律师"),
    ("大方县职业技术学校教师", "讲师"), ("{t}兽医站兽医", "执业兽医师"),
]
BUSINESS_JOBS = [
    "贵州大方{p}有限公司董事长", "大方县{p}有限责任公司总经理", "{t}{p}专业合作社理事长",
    "贵州{p}产业发展有限公司总经理", "大方县{p}开发有限公司董事长",
]
PRODUCTS = ["天麻", "漆器", "豆干", "皱椒", "茶叶", "猕猴桃", "冷水鱼", "食用菌", "建材", "煤业", "生态养殖", "中药材"]
OTHER_JOBS = [
    "{t}{c}社区党支部书记、居委会主任", "{t}{c}社区工作者", "大方县工商业联合会副主席", "{t}个体工商户",
    "大方县残疾人联合会理事长", "大方县红十字会常务副会长", "{t}{v}村退休教师", "大方县作家协会会员",
]

# 常委会工作机构: (name, short name, kind, handles deputies' affairs).
COMMITTEE_OFFICES = [
    ("大方县人大常委会办公室", "办公室", "general", False),
    ("法制委员会", "法制委", "special", False),
    ("财政经济委员会", "财经委", "special", False),
    ("法制工作委员会", "法工委", "working", False),
    ("财政经济工作委员会", "财经工委", "working", False),
    ("代表和选举任免工作委员会", "代表工委", "working", True),
    ("教科文卫工作委员会", "教科文卫工委", "working", False),
    ("农业农村工作委员会", "农业农村工委", "working", False),
    ("社会建设工作委员会", "社会建设工委", "working", False),
    ("监察和司法工作委员会", "监察司法工委", "working", False),
    ("大方县人大常委会研究室", "研究室", "general", False),
]

# 承办单位: county government departments, then the court, procuratorate and supervisory commission.
DEPARTMENTS = [
    "县人民政府办公室", "县发展和改革局", "县教育局", "县科学技术局", "县工业和信息化局", "县民族宗教事务局",
    "县公安局", "县民政局", "县司法局", "县财政局", "县人力资源和社会保障局", "县自然资源局", "县住房和城乡建设局",
    "县交通运输局", "县水务局", "县农业农村局", "县林业局", "县商务局", "县文体广电旅游局", "县卫生健康局",
    "县退役军人事务局", "县应急管理局", "县审计局", "县市场监督管理局", "县医疗保障局", "县乡村振兴局",
    "县综合行政执法局", "毕节市生态环境局大方分局",
]
JUDICIAL_UNITS = [
    ("大方县人民法院", "县法院", "court"),
    ("大方县人民检察院", "县检察院", "procuratorate"),
    ("大方县监察委员会", "县监委", "supervisory"),
]

OPENING_HOURS = ["工作日 9:00-12:00，14:00-17:30", "每月10日、25日 9:00-17:00", "每周三 9:00-17:00", "每月逢5、逢10日 9:00-16:00"]
STATION_ADDRESSES = ["{t}人民政府院内", "{t}便民服务中心二楼", "{t}新时代文明实践所一楼", "{t}综合服务楼三楼"]

RECEPTION_TOPICS = [
    "巩固拓展脱贫攻坚成果", "农村人居环境整治", "义务教育", "医疗保障", "农村公路建设", "就业创业", "农村饮水安全",
    "居家养老服务", "优化营商环境", "矛盾纠纷化解", "惠民政策宣传", "移风易俗", "耕地保护", "安全生产",
]
VISITS = [
    "视察全县农村公路建设情况", "视察重点项目建设情况", "视察农村饮水安全工程", "视察城区学校建设情况",
    "视察乡村振兴示范点建设", "视察依法行政和公正司法工作", "视察医疗卫生服务体系建设", "视察棚户区改造项目盘活情况",
]
SURVEYS = [
    "调研巩固拓展脱贫攻坚成果同乡村振兴有效衔接情况", "调研民办义务教育工作", "调研医疗救助工作",
    "调研人才服务保障体系建设", "调研石漠化综合治理", "调研居家养老服务", "调研闲置煤炭资源开发利用",
    "调研安全生产“行刑衔接”机制落实情况", "调研赤水河流域生态环境保护", "调研全县就业促进工作",
]
INSPECTIONS = [
    "《中华人民共和国乡村振兴促进法》贯彻实施情况执法检查", "《贵州省政务服务条例》贯彻实施情况执法检查",
    "未成年人保护“两法两条例”贯彻实施情况执法检查", "《毕节市献血条例》贯彻实施情况执法检查",
    "《中华人民共和国食品安全法》贯彻实施情况执法检查",
]
GROUP_ACTIVITIES = [
    "集中学习党的二十大精神", "开展“高质量发展，代表在行动”主题活动", "走访联系选民", "开展“四个表率四个一”履职活动",
    "参与人居环境卫生整治", "宣讲惠民政策", "收集整理群众意见建议",
]
TRAININGS = ["全县人大代表履职能力提升培训班", "代表建议撰写专题培训", "新任乡镇人大主席业务培训", "人大代表依法履职专题辅导"]
OTHERS = ["参加民生实事项目代表票决", "参加代表建议办理情况座谈会", "参加“人大代表活动日”"]

# Field groups (代表小组 by field): name and the sectors they draw members from.
FIELD_GROUPS = [
    ("财经组", ["business", "official"]),
    ("农业组", ["farmer"]),
    ("教科文卫组", ["professional"]),
    ("法制组", ["official", "other"]),
    ("社会建设组", ["worker", "other"]),
]

RESIGN_REASONS = [
    "因工作调动离开本行政区域，辞去{level}人大代表职务", "因个人原因申请辞去{level}人大代表职务",
    "因工作变动辞去{level}人大代表职务",
]
DEATH_REASONS = ["因病医治无效去世", "因意外事故去世"]
PHONE_PREFIXES = [
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "170",
    "173", "177", "180", "181", "182", "183", "185", "187", "188", "189", "198", "199",
]

# The demo's uploaded papers (会议材料, 提请函, 简历): a minimal PDF, as the upload check accepts it.
PDF = b"%PDF-1.4\n% demo paper\n"


def photo_png(width: int = 320, height: int = 200, *, seed: int = 0) -> bytes:
    """A site photo for the demo's progress reports: a real PNG (sky above, a grey road and a yellow barrier
    below), written with the standard library; `seed` shifts the colours so photos differ."""
    import struct
    import zlib

    sky = (120 + seed % 40, 170 + seed % 30, 220)
    rows = []
    for y in range(height):
        if y < height * 0.45:
            colour = sky
        elif y < height * 0.55:
            colour = (230, 190, 40) if (y // 4) % 2 else (40, 40, 40)  # the barrier's stripes
        else:
            colour = (110, 110, 110) if (y // 6) % 7 else (240, 240, 240)  # the road and its markings
        rows.append(b"\x00" + bytes(colour) * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b"")
