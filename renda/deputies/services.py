"""Every write on deputies, groups, delegations, liaison stations, reception days and activities."""

from pypinyin import Style, lazy_pinyin


def name_index(name: str) -> tuple[str, str]:
    """Pinyin initials and full pinyin of a name, lower case: 张三 → ("zs", "zhangsan")."""
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    full = "".join(lazy_pinyin(name)).lower()
    return initials[:30], full[:120]


# Fields a deputy may change on their own record; everything else is the office's.
DEPUTY_SELF_FIELDS = ("phone", "occupation", "title")


# ---------------------------------------------------------------- deputies, groups, delegations, import


# ---------------------------------------------------------------- liaison stations, reception days, activities
