"""Fixed vocabularies of the deputies' registry."""

from django.db import models

ETHNICITIES = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
    "其他",
]
ETHNICITY_CHOICES = [(name, name) for name in ETHNICITIES]


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class Level(models.TextChoices):
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"
    RESIDENT = "resident", "驻地上级代表"  # deputies of higher congresses living in the county


class Sector(models.TextChoices):
    """界别 / 代表结构."""

    WORKER = "worker", "工人"
    FARMER = "farmer", "农民"
    PROFESSIONAL = "professional", "专业技术人员"
    OFFICIAL = "official", "党政领导干部"
    BUSINESS = "business", "企业负责人"
    MILITARY = "military", "解放军和武警"
    RETURNED_OVERSEAS = "returned_overseas", "归侨"
    OTHER = "other", "其他"


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", "研究生"
    BACHELOR = "bachelor", "大学本科"
    JUNIOR_COLLEGE = "junior_college", "大学专科"
    SECONDARY = "secondary", "中专或高中"
    JUNIOR_HIGH = "junior_high", "初中及以下"


class Affiliation(models.TextChoices):
    CPC = "cpc", "中共党员"
    CPC_PROBATIONARY = "cpc_probationary", "中共预备党员"
    RCCK = "rcck", "民革"
    CDL = "cdl", "民盟"
    CDNCA = "cdnca", "民建"
    CAPD = "capd", "民进"
    CPWDP = "cpwdp", "农工党"
    CZGP = "czgp", "致公党"
    JS = "js", "九三学社"
    TDSGL = "tdsgl", "台盟"
    INDEPENDENT = "independent", "无党派人士"
    CYL = "cyl", "共青团员"
    MASSES = "masses", "群众"


class DeputyStatus(models.TextChoices):
    ACTIVE = "active", "在任"
    RESIGNED = "resigned", "辞职"  # resigned the mandate
    RECALLED = "recalled", "罢免"  # recalled by voters
    TERMINATED = "terminated", "终止代表资格"  # 代表法 Art. 49 cases
    DECEASED = "deceased", "去世"


class StationKind(models.TextChoices):
    TOWNSHIP_STATION = "township_station", "乡镇/街道代表联络站"
    VILLAGE_ROOM = "village_room", "村/社区代表联络室"
    INDUSTRY_STATION = "industry_station", "行业代表联络站"
    DEPUTIES_HOME = "deputies_home", "代表之家"
    ONLINE = "online", "网上代表联络站"


class ModelLevel(models.TextChoices):
    COUNTY = "county", "县级示范"
    CITY = "city", "市级示范"
    PROVINCE = "province", "省级示范"
    NATIONAL = "national", "全国示范"


class ActivityKind(models.TextChoices):
    ATTEND_COMMITTEE = "attend_committee", "列席常委会会议"
    VISIT = "visit", "视察"
    SURVEY = "survey", "调研"
    LAW_INSPECTION = "law_inspection", "执法检查"
    GROUP_ACTIVITY = "group_activity", "代表小组活动"
    RECEPTION = "reception", "接待选民"
    TRAINING = "training", "培训"
    OTHER = "other", "其他"


class GroupKind(models.TextChoices):
    TOWNSHIP = "township", "按乡镇（街道）"
    FIELD = "field", "按专业领域"
