"""Every read of deputies and stations that applies visibility or aggregates."""

from django.db.models import QuerySet
from django.http import Http404

from renda.deputies.models import Deputy, LiaisonStation

# ---------------------------------------------------------------- visibility (shared by pages and API)


def deputies_visible_to(user) -> QuerySet[Deputy]:
    """The registry is readable by every signed-in role (代表法 Art. 58 publishes deputies' basic
    information); phones are masked unless `can_view_phone`. Anonymous users see nothing."""
    if not getattr(user, "is_authenticated", False):
        return Deputy.objects.none()
    return Deputy.objects.all()


def deputy_get_for_user(user, pk) -> Deputy:
    try:
        return deputies_visible_to(user).get(pk=pk)
    except (Deputy.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该代表。") from None


def can_view_phone(user, deputy: Deputy) -> bool:
    """Full phone numbers: office staff with the permission, and the deputy themself."""
    return user.has_perm("deputies.view_deputy_phone") or (deputy.pk is not None and user.deputy_id == deputy.pk)


def can_edit_deputy(user, deputy: Deputy) -> bool:
    """Office staff edit every field; a deputy edits only their own contact details (DEPUTY_SELF_FIELDS)."""
    return user.has_perm("deputies.change_deputy") or (deputy.pk is not None and user.deputy_id == deputy.pk)


def stations_visible_to(user) -> QuerySet[LiaisonStation]:
    if not getattr(user, "is_authenticated", False):
        return LiaisonStation.objects.none()
    return LiaisonStation.objects.all()


def station_get_for_user(user, pk) -> LiaisonStation:
    try:
        return stations_visible_to(user).get(pk=pk)
    except (LiaisonStation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该联络站。") from None


# ---------------------------------------------------------------- deputies, groups, delegations, composition


# ---------------------------------------------------------------- liaison stations, reception days, activities
