"""Personal-information helpers (个人信息保护法): mask by default."""


def mask_phone(phone: str) -> str:
    """138****5678 for mobiles; keep the first 3 and last 4 characters of anything long enough."""
    digits = (phone or "").strip()
    if not digits:
        return ""
    if len(digits) <= 7:
        return digits[:1] + "*" * (len(digits) - 1)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
