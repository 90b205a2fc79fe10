"""What the kernel itself declares (core.registry): the platform-wide rules."""

from renda.core.registry import Platform
from renda.core.rules import Rule

PLATFORM = Platform(
    rules={
        "due_soon_days": Rule("临近期限提醒天数", 10, "自然日", "平台设置"),
    },
)
