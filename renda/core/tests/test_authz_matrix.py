"""The authorization matrix: every role × every endpoint (pages, API and the admin site, read from the URL conf) ×
an object that is the role's own and one that is not, on the demo county. One table, MATRIX, states the outcome
of each cell.

Endpoints are read from `get_resolver().url_patterns` recursively, so an endpoint added without a row in MATRIX
fails test_every_endpoint_is_in_the_matrix ("new endpoint not in the matrix"), and its own test prints the row
observed now, to be checked against the policy before it is pasted.

A row: (object kind, GET cells, write cells or None for an endpoint that does not write). Cells are in ROLES
order: anonymous, admin, clerk, member, deputy, unit, keeper. A cell is an outcome, or `own/other` when the
role's own object and another one differ:
  ok      2xx                      login   redirect to a login page (the site's or the admin site's)
  302     another redirect         400, 401, 403, 404, 405, 415   that status
  -       (write cells) allowed: not sent, the matrix never performs an allowed write
  no      (write cells) refused with 403 or 404
Objects (class Objects) are chosen per kind and role: for a deputy their own suggestion and one of someone
else's that is not public; for a unit an assignment of theirs and one of another unit; for a keeper their
station… A role with no tie to an object kind (the office, anonymous) gets an ordinary object and a restricted
one (a draft, an unpublished case). What the demo lacks (attachments, reply letters, another deputy's draft, duty
entries and reports to voters) is made through the services first. A URL has one argument at most: the object's
pk, or, for the public endpoints that take another (a ballot's token, an opinion's tracking code), the value its
kind yields in place of a pk (a real one, and one that matches nothing).

GET is sent for every endpoint. The write cells are sent as POST (form-encoded, empty) to pages, and as each
write method the API view declares (POST, PUT, PATCH with `{}`, DELETE) to the API, only for the cells that must
refuse; the check is that the answer is that refusal and that the request wrote nothing (no INSERT, UPDATE or
DELETE but on the session and login-throttling tables). Each request runs in a savepoint that is rolled back,
and the client's cookies are restored after it.

A cell whose observed outcome is wrong keeps its correct value in MATRIX and is listed with the reason in
KNOWN_LEAKS (a role reads or writes what it should not) or KNOWN_LOOSE (refused, but too late to tell); its
test then requires the observed outcome to still be wrong, so the entry is removed with the fix.
"""

import copy
import fnmatch
import re
from dataclasses import dataclass
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from renda.conftest import ROLES

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")
# Tables a refused request may write: the session, the login throttle.
UNCHECKED_TABLES = re.compile(r"^(django_session|axes_\w+)$")
WRITE_SQL = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
WRITE_METHODS = ("post", "put", "patch", "delete")
OFFICE = ("admin", "clerk")


# ---------------------------------------------------------------------------------------------- the table

MATRIX: dict[str, tuple[str, str, str | None]] = {
    # name: (object kind, GET cells, write cells)   cells: anonymous admin clerk member deputy unit keeper
    # The Django admin site: every page, unless a row below names it (a * matches any text).
    # The Django admin site: every page, unless a row below names it (a * matches any text; the first row that
    # matches is used). Everyone but the administrator is sent to the admin login page.
    "admin:login": (
        "",
        "ok      302     ok      ok      ok      ok      ok",
        "-       -       -       -       -       -       -",
    ),
    "admin:logout": (
        "",
        "302     405     302     302     302     302     302",
        "-       -       -       -       -       -       -",
    ),
    "admin:autocomplete": (
        "",
        "login   403     login   login   login   login   login",
        None,
    ),  # no field asked for
    "admin:view_on_site": (
        "",
        "login   404     login   login   login   login   login",
        None,
    ),  # no get_absolute_url
    "admin:admin/(?P<url>.*)$": (
        "",
        "login   404     login   login   login   login   login",
        None,
    ),  # no such page
    "admin:admin/*": (
        "",
        "login   302     login   login   login   login   login",
        None,
    ),  # <id>/ → <id>/change/
    # Records the admin site may not add (login records, suggestions go through the workflow).
    "admin:axes_*_add": ("", "login   403     login   login   login   login   login", None),
    "admin:suggestions_suggestion_add": ("", "login   403     login   login   login   login   login", None),
    # Tables the demo leaves empty: the first row asked for does not exist.
    **{
        f"admin:{model}_{page}": ("", "login   302     login   login   login   login   login", None)
        for model in (
            "authtoken_tokenproxy",
            "axes_accessattempt",
            "axes_accessfailurelog",
            "core_calendarday",
        )
        for page in ("change", "history")
    },
    "admin:*_simple_history": (
        "",
        "login   404     login   login   login   login   login",
        None,
    ),  # no history rows
    "admin:*": (
        "",
        "login   ok      login   login   login   login   login",
        "login   -       login   login   login   login   login",
    ),
    "about": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "accounts:login": (
        "",
        "ok      302     302     302     302     302     302",
        "-       -       -       -       -       -       -",
    ),
    "accounts:logout": (
        "",
        "405     405     405     405     405     405     405",
        "login   -       -       -       -       -       -",
    ),
    "accounts:password_change": (
        "",
        "login   ok      ok      ok      ok      ok      ok",
        "login   -       -       -       -       -       -",
    ),
    "accounts:password_change_done": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "accounts:manage": ("", "login   ok      ok      403     403     403     403", None),
    "accounts:bulk": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    # The clerk's other account is the administrator's: visible, but only an administrator may act on it.
    "accounts:account_detail": ("account", "login   ok      ok      403     403     403     403", None),
    "accounts:account_password_reset": (
        "account",
        "login   405     405     403     403     403     403",
        "login   -       -/403   403     403     403     403",
    ),
    "accounts:account_unlock": (
        "account",
        "login   405     405     403     403     403     403",
        "login   -       -/403   403     403     403     403",
    ),
    "accounts:account_deactivate": (
        "account",
        "login   405     405     403     403     403     403",
        "login   -       -/403   403     403     403     403",
    ),
    "accounts:account_reactivate": (
        "account",
        "login   405     405     403     403     403     403",
        "login   -       -/403   403     403     403     403",
    ),
    "accounts:tokens": (
        "",
        "login   ok      ok      ok      ok      ok      ok",
        "login   -       -       -       -       -       -",
    ),
    "accounts:tokens_revoke": (
        "",
        "login   405     405     405     405     405     405",
        "login   -       -       -       -       -       -",
    ),
    "api-about": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "api-activity-detail": (
        "activity",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     -/404",
    ),
    "api-activity-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     -",
    ),
    "api-committee-membership-detail": (
        "membership",
        "401     ok      ok      ok      ok      ok      ok",
        None,
    ),
    "api-committee-membership-end": (
        "membership",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403     403     403",
    ),
    "api-committee-membership-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-office-membership-detail": (
        "office_membership",
        "401     ok      ok      ok      ok      ok      ok",
        None,
    ),
    "api-office-membership-end": (
        "office_membership",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403     403     403",
    ),
    "api-office-membership-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-committee-office-detail": (
        "office",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-committee-office-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-congress-session-detail": ("session", "401     ok      ok      ok      ok      ok      ok", None),
    "api-congress-session-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-delegation-detail": (
        "delegation",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-delegation-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-deputy-detail": (
        "deputy",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       -/403   -/403   403     403",
    ),
    "api-deputy-group-detail": (
        "group",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-deputy-group-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-deputy-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-deputy-status-change": (
        "deputy",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403     403     403",
    ),
    "api-docs": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "api-handling-unit-detail": (
        "unit",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-handling-unit-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-jurisdiction-detail": (
        "jurisdiction",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-jurisdiction-list": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "api-me": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "api-casework-deputies": ("", "401     ok      403     403     403     ok      403", None),
    "api-casework-deputy-contact": (
        "deputy:contact",
        "401     405     405     405     405     405     405",
        "401     404     403     403     403     -/404   403",
    ),
    "api-reception-day-detail": ("reception", "401     ok      ok      ok      ok      ok      ok", None),
    "api-reception-day-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     -",
    ),
    "api-reception-day-record": (
        "reception",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403     403     -/404",
    ),
    "api-station-deputies-assign": (
        "station",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403     403     403",
    ),
    "api-station-detail": (
        "station",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-station-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-station-summary": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "api-term-detail": (
        "term",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-term-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-term-set-current": (
        "term",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403     403     403",
    ),
    "api-token": (
        "",
        "405     405     405     405     405     405     405",
        "-       -       -       -       -       -       -",
    ),
    "api-tokens": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       -       -       -       -",
    ),
    "api-township-detail": (
        "township",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "api-township-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "deputies:activity_create": (
        "",
        "login   ok      ok      403     403     403     ok",
        "login   -       -       403     403     403     -",
    ),
    "deputies:activity_edit": (
        "activity",
        "login   ok      ok      404     404     404     ok/404",
        "login   -       -       404     404     404     -/404",
    ),
    "deputies:activity_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "deputies:composition": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "deputies:delegation_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "deputies:delegation_detail": ("delegation", "login   ok      ok      ok      ok      ok      ok", None),
    "deputies:delegation_edit": (
        "delegation",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "deputies:delegation_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "deputies:deputy_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "deputies:deputy_detail": ("deputy", "login   ok      ok      ok      ok      ok      ok", None),
    "deputies:deputy_edit": (
        "deputy",
        "login   ok      ok      ok/403  ok/403  403     403",
        "login   -       -       -/403   -/403   403     403",
    ),
    "deputies:deputy_import": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "deputies:deputy_import_template": ("", "login   ok      ok      403     403     403     403", None),
    "deputies:deputy_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "deputies:deputy_pick": (
        "",
        "login   ok      ok      ok      ok      ok      ok",
        None,
    ),  # the registry's names
    "deputies:deputy_status": (
        "deputy",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "deputies:group_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "deputies:group_detail": ("group", "login   ok      ok      ok      ok      ok      ok", None),
    "deputies:group_edit": (
        "group",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "deputies:group_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "deputies:reception_create": (
        "",
        "login   ok      ok      403     403     403     ok",
        "login   -       -       403     403     403     -",
    ),
    "deputies:reception_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "deputies:reception_record": (
        "reception",
        "login   ok      ok      404     404     404     ok/404",
        "login   -       -       404     404     404     -/404",
    ),
    "deputies:station_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "deputies:station_deputies": (
        "station",
        "login   405     405     405     405     405     405",
        "login   -       -       403     403     403     403",
    ),
    "deputies:station_detail": ("station", "login   ok      ok      ok      ok      ok      ok", None),
    "deputies:station_edit": (
        "station",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "deputies:station_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "duties:entry_approve": (
        "duty_entry",
        "login   ok      ok      403     403/404 404     404",
        "login   -       -       403     403/404 404     404",
    ),
    "duties:entry_detail": ("duty_entry", "login   ok      ok      ok      ok/404  404     404", None),
    "duties:entry_edit": (
        "duty_entry",
        "login   403     403     403     ok/404  404     404",
        "login   403     403     403     -/404   404     404",
    ),
    "duties:entry_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "duties:entry_new": (
        "",
        "login   ok      ok      403     ok      403     403",
        "login   -       -       403     -       403     403",
    ),
    "duties:entry_proof": ("duty_entry", "login   ok      ok      ok      ok/404  404     404", None),
    "duties:entry_reject": (
        "duty_entry",
        "login   ok      ok      403     403/404 404     404",
        "login   -       -       403     403/404 404     404",
    ),
    "duties:entry_withdraw": (
        "duty_entry",
        "login   405     405     405     405     405     405",
        "login   403     403     403     -/404   404     404",
    ),
    "duties:mine": (
        "",
        "login   404     404     404     ok      404     404",
        None,
    ),  # the deputy's own record
    "duties:owing": ("", "login   ok      ok      ok      403     403     403", None),
    "duties:public_deputy": ("deputy:public", "ok/404  ok/404  ok/404  ok/404  ok/404  ok/404  ok/404", None),
    "duties:public_index": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "duties:ranking": ("", "login   ok      ok      ok      403     403     403", None),
    "duties:rate": (
        "ballot",
        "ok/404  ok/404  ok/404  ok/404  ok/404  ok/404  ok/404",
        "-/404   -/404   -/404   -/404   -/404   -/404   -/404",
    ),
    "duties:record": ("deputy", "login   ok      ok      ok      ok/404  404     404", None),
    "duties:record_docx": ("deputy", "login   ok      ok      ok      ok/404  404     404", None),
    "duties:report_ballot_sheet": (
        "duty_report:held",
        "login   ok      ok      403     403/404 404     ok/404",
        None,
    ),
    "duties:report_ballots": (
        "duty_report:held",
        "login   ok      ok      403     403/404 404     ok/404",
        "login   -       -       403     403/404 404     -/404",
    ),
    "duties:report_cancel": (
        "duty_report",
        "login   ok      ok      403     403/404 404     ok/404",
        "login   -       -       403     403/404 404     -/404",
    ),
    "duties:report_close": (
        "duty_report:held",
        "login   ok      ok      403     403/404 404     ok/404",
        "login   -       -       403     403/404 404     -/404",
    ),
    "duties:report_detail": ("duty_report", "login   ok      ok      ok      ok/404  404     ok/404", None),
    "duties:report_edit": (
        "duty_report",
        "login   ok      ok      403     403/404 404     ok/404",
        "login   -       -       403     403/404 404     -/404",
    ),
    "duties:report_hold": (
        "duty_report",
        "login   ok      ok      403     403/404 404     ok/404",
        "login   -       -       403     403/404 404     -/404",
    ),
    "duties:report_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "duties:report_new": (
        "",
        "login   ok      ok      403     403     403     ok",
        "login   -       -       403     403     403     -",
    ),
    "duties:report_ratings": (
        "duty_report:held",
        "login   ok      ok      403     403/404 404     ok/404",
        "login   -       -       403     403/404 404     -/404",
    ),
    "duty-ballot": (
        "ballot",
        "405     405     405     405     405     405     405",
        "-/404   -/404   -/404   -/404   -/404   -/404   -/404",
    ),
    # Meetings (meetings.selectors): the office and members see every meeting; a deputy the ones they attend.
    "meetings:list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "meetings:mine": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "meetings:create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "meetings:statistics": ("", "login   ok      ok      ok      403     403     403", None),
    "meetings:detail": ("meeting", "login   ok      ok      ok      ok/404  404     404", None),
    "meetings:screen": ("meeting", "login   ok      ok      ok      ok/404  404     404", None),
    "meetings:minutes": ("meeting", "login   ok      ok      ok      403/404 404     404", None),
    "meetings:convene": (
        "meeting",
        "405     405     405     405     405     405     405",
        "login   -       -       403     403/404 404     404",
    ),
    "meetings:close": (
        "meeting",
        "405     405     405     405     405     405     405",
        "login   -       -       403     403/404 404     404",
    ),
    # a member signs in or asks for leave themself; a deputy only where they are a member
    "meetings:sign_in": (
        "meeting",
        "405     405     405     405     405     405     405",
        "login   -       -       -       -/404   404     404",
    ),
    "meetings:leave": (
        "meeting",
        "login   ok      ok      ok      403/404 404     404",
        "login   -       -       -       403/404 404     404",
    ),
    "meetings:attendee_add": (
        "meeting",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "meetings:item_add": (
        "meeting",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "meetings:leave_decide": (
        "attendance",
        "405     405     405     405     405     405     405",
        "login   -       -       403     403     403     403",
    ),
    "meetings:item_record": (
        "agenda_item",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "meetings:resolution_draft": (
        "agenda_item",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "meetings:resolution_decide": (
        "resolution",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "meetings:paper_submit": (
        "paper",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "meetings:paper_file": ("paper", "login   ok      ok      ok      ok/404  404     404", None),
    # Posts only: every request sent is refused before the lookup.
    "meetings:item_vote": (
        "agenda_item",
        "405     405     405     405     405     405     405",
        "login   -       -       403     403     403     403",
    ),
    "meetings:vote_open": (
        "agenda_item",
        "405     405     405     405     405     405     405",
        "login   -       -       403     403     403     403",
    ),
    "meetings:vote_settle": (
        "agenda_item",
        "405     405     405     405     405     405     405",
        "login   -       -       403     403     403     403",
    ),
    "public_resolutions": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "meeting-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "meeting-detail": ("meeting", "401     ok      ok      ok      ok/404  404     404", None),
    "meeting-convene": (
        "meeting",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     404",
    ),
    "meeting-close": (
        "meeting",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     404",
    ),
    "meeting-sign-in": (
        "meeting",
        "401     405     405     405     405     405     405",
        "401     -       -       -       -/404   404     404",
    ),
    "meeting-leave": (
        "meeting",
        "401     405     405     405     405     405     405",
        "401     -       -       -       -/404   404     404",
    ),
    **{
        f"meeting-{name}": (
            "meeting",
            "401     405     405     405     405     405     405",
            "401     -       -       403     403     403     403",
        )
        for name in (
            "leave-decision",
            "items",
            "record",
            "attendees",
            "papers",
            "resolutions",
            "vote-result",
            "votes",
            "vote-open",
            "vote-settle",
        )
    },
    "public-resolutions": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    # Appointments (appointments.selectors): the office and the members of the standing committee see every
    # appointment, post and holder; the office alone acts; the public sees the published decisions only.
    "appointments:list": ("", "login   ok      ok      ok      403     403     403", None),
    "appointments:holders": ("", "login   ok      ok      ok      403     403     403", None),
    "appointments:posts": ("", "login   ok      ok      ok      403     403     403", None),
    "appointments:statistics": ("", "login   ok      ok      ok      403     403     403", None),
    "appointments:post_detail": (
        "appointment_post",
        "login   ok      ok      ok      403     403     403",
        None,
    ),
    **{
        f"appointments:{name}": (
            "",
            "login   ok      ok      403     403     403     403",
            "login   -       -       403     403     403     403",
        )
        for name in ("nominate", "person_create", "holding_create", "post_create")
    },
    **{
        f"appointments:{name}": (
            kind,
            "login   ok      ok      403     403     403     403",
            "login   -       -       403     403     403     403",
        )
        for name, kind in (("post_edit", "appointment_post"), ("person_edit", "appointment_person"))
    },
    "appointments:members": ("", "login   ok      ok      403     403     403     403", None),
    "appointments:member_vacate": (
        "committee_seat",
        "405     405     405     405     405     405     405",
        "login   -       -       403     403     403     403",
    ),
    "appointments:detail": ("appointment", "login   ok      ok      ok      404     404     404", None),
    # the steps with a form: the office gets the form where the state allows the step, else back to the page
    **{
        f"appointments:{name}": (
            "appointment",
            f"login   {get}  {get}  403     404     404     404",
            "login   -       -       403     404     404     404",
        )
        for name, get in (
            ("exam", "ok    "),
            ("schedule", "302   "),
            ("statement", "302   "),
            ("deliberate", "302   "),
            ("vote", "302   "),
            ("oath", "302   "),
            ("withdraw", "ok    "),
        )
    },
    **{
        f"appointments:{name}": (
            "appointment",
            "405     405     405     405     405     405     405",
            "login   -       -       403     404     404     404",
        )
        for name in ("papers", "announce", "letter", "publish")
    },
    "appointments:letter_file": (
        "appointment:published",
        "login   ok      ok      ok      404     404     404",
        None,
    ),
    # the nominee's own documents: none in the demo (tested in renda/appointments/tests)
    # the demo's nominations come with their letters and résumés (seen by the office and, before the vote, the
    # members); its exams have no scanned paper
    **{
        f"appointments:{name}": ("appointment", "login   ok      ok      ok      404     404     404", None)
        for name in ("resume_file", "nomination_file")
    },
    "appointments:exam_file": ("appointment", "login   404     404     404     404     404     404", None),
    "appointments:appraisals": ("", "login   ok      ok      ok      403     403     403", None),
    "appointments:appraisal_plan": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "appointments:appraisal_detail": (
        "appraisal",
        "login   ok      ok      ok      404     404     404",
        None,
    ),
    **{
        f"appointments:appraisal_{name}": (
            "appraisal",
            f"login   {get}  {get}  403     404     404     404",
            "login   -       -       403     404     404     404",
        )
        for name, get in (("report", "ok    "), ("rate", "302   "), ("follow_up", "302   "))
    },
    "public_appointments": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "appointment-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "appointment-detail": ("appointment", "401     ok      ok      ok      404     404     404", None),
    **{
        f"appointment-{name}": (
            "appointment",
            "401     405     405     405     405     405     405",
            "401     -       -       403     404     404     404",
        )
        for name in (
            "exam",
            "schedule",
            "papers",
            "statement",
            "deliberate",
            "vote",
            "announce",
            "letter",
            "oath",
            "publish",
            "withdraw",
        )
    },
    "appointment-post-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "appointment-post-detail": (
        "appointment_post",
        "401     ok      ok      ok      404     404     404",
        None,
    ),
    "appointment-person": ("appointment_person", "401     ok      ok      404     404     404     404", None),
    "appointment-people": (
        "",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403     403     403",
    ),
    "appointment-holders": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "appointment-statistics": ("", "401     ok      ok      ok      403     403     403", None),
    "appraisal-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     403",
    ),
    "appraisal-detail": ("appraisal", "401     ok      ok      ok      404     404     404", None),
    **{
        f"appraisal-{name}": (
            "appraisal",
            "401     405     405     405     405     405     405",
            "401     -       -       403     404     404     404",
        )
        for name in ("report", "rate", "follow-up")
    },
    "public-appointments": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "duty-entry-approve": (
        "duty_entry",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     404",
    ),
    "duty-entry-detail": (
        "duty_entry",
        "401     ok      ok      ok      ok/404  404     404",
        "401     403     403     403     -/404   404     404",
    ),
    "duty-entry-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     -       403     403",
    ),
    "duty-entry-proof": ("duty_entry", "401     ok      ok      ok      ok/404  404     404", None),
    "duty-entry-reject": (
        "duty_entry",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     404",
    ),
    "duty-entry-withdraw": (
        "duty_entry",
        "401     405     405     405     405     405     405",
        "401     403     403     403     -/404   404     404",
    ),
    "duty-ranking": ("", "401     ok      ok      ok      403     403     403", None),
    "duty-record": ("deputy", "401     ok      ok      ok      ok/404  404     404", None),
    "duty-report-ballots": (
        "duty_report:held",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     -/404",
    ),
    "duty-report-cancel": (
        "duty_report",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     -/404",
    ),
    "duty-report-close": (
        "duty_report:held",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     -/404",
    ),
    "duty-report-detail": (
        "duty_report",
        "401     ok      ok      ok      ok/404  404     ok/404",
        "401     -       -       403     403/404 404     -/404",
    ),
    "duty-report-hold": (
        "duty_report",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     -/404",
    ),
    "duty-report-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     403     403     -",
    ),
    "duty-report-ratings": (
        "duty_report:held",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     -/404",
    ),
    "fund-detail": (
        "fund",
        "401     ok      ok      ok      404     404     404",
        "401     -       -       no      404     404     404",
    ),
    "fund-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       no      no      no      no",
    ),
    "fund-project-detail": (
        "fund_project",
        "401     ok      ok      ok      404     404     404",
        "401     -       -       no      404     404     404",
    ),
    "fund-project-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       no      no      no      no",
    ),
    "fund:create": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "fund:detail": ("fund", "login   ok      ok      ok      404     404     404", None),
    "fund:edit": (
        "fund",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "fund:list": ("", "login   ok      ok      ok      404     404     404", None),
    "budget:execution": ("", "login   ok      ok      ok      404     404     404", None),
    "budget:revenue": ("", "login   ok      ok      ok      404     404     404", None),
    "budget:debt": ("", "login   ok      ok      ok      404     404     404", None),
    "budget:alerts": ("", "login   ok      ok      ok      404     ok      404", None),
    "budget:alert": ("budget_alert", "login   ok      ok      ok      404     ok/404  404", None),
    "budget:alert_dismiss": (
        "budget_alert",
        "login   ok      ok      403     404     403/404  404",
        "login   -       -       no      no      no      no",
    ),
    "budget:alert_inquire": (
        "budget_alert",
        "login   ok      ok      403     404     403/404  404",
        "login   -       -       no      no      no      no",
    ),
    "budget:alert_sign_for": (
        "budget_alert",
        "login   405     405     405     405     405     405",
        "login   no      no      no      no      -/no    no",
    ),
    "budget:alert_reply": (
        "budget_alert",
        "login   404     404     404     404     302/404  404",
        "login   no      no      no      no      -/no    no",
    ),
    "budget:alert_close": (
        "budget_alert",
        "login   302     302     403     404     403/404  404",
        "login   302     302     no      no      no      no",
    ),  # the office may close an answered alert: one still to review is refused with the reason (302)
    "budget:alert_escalate": (
        "budget_alert",
        "login   302     302     403     404     403/404  404",
        "login   302     302     no      no      no      no",
    ),
    "budget:imports": (
        "",
        "login   ok      ok      ok      404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "budget:import": ("budget_import", "login   ok      ok      ok      404     404     404", None),
    "budget:mappings": ("", "login   ok      ok      ok      404     404     404", None),
    "budget:mapping_edit": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "budget:calendar": ("", "login   ok      ok      ok      404     404     404", None),
    "budget:milestone_record": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "budget:adjustment_record": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "budget-alert-list": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "budget-alert-detail": ("budget_alert", "401     ok      ok      ok      404     ok/404  404", None),
    "budget-alert-dismiss": (
        "budget_alert",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "budget-alert-inquire": (
        "budget_alert",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "budget-alert-reply": (
        "budget_alert",
        "401     405     405     405     405     405     405",
        "401     no      no      no      no      -/no    no",
    ),
    "budget-alert-close": (
        "budget_alert",
        "401     405     405     405     405     405     405",
        "401     409     409     no      no      no      no",
    ),  # the office may close an answered alert: one still to review is a conflict of state
    "budget-alert-escalate": (
        "budget_alert",
        "401     405     405     405     405     405     405",
        "401     409     409     no      no      no      no",
    ),
    "budget-import-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       no      no      no      no",
    ),
    "budget-import-detail": ("budget_import", "401     ok      ok      ok      404     404     404", None),
    "budget-execution": ("", "401     ok      ok      ok      404     404     404", None),
    "livelihood:list": (
        "",
        "login   ok      ok      ok      ok      ok      404",
        None,
    ),
    "livelihood:project": (
        "livelihood_project",
        "login   ok      ok      ok/404  ok/404  ok/404  404",
        None,
    ),
    "livelihood:project_report": (
        "livelihood_project",
        "login   403     403     403/404  403/404  ok/404  404",
        "login   no      no      no      no      -/no    no",
    ),
    "livelihood:project_plan": (
        "livelihood_project",
        "login   ok/302  ok/302  403/404  403/404  ok/404  404",
        "login   -       -       no      no      -/no    no",
    ),
    "livelihood:project_complete": (
        "livelihood_project",
        "login   403     403     403/404  403/404  ok/404  404",
        "login   no      no      no      no      -/no    no",
    ),
    "livelihood:inspection_create": (  # the office, or a deputy following the project; not a candidate
        "livelihood_project",
        "login   ok/403  ok/403  403     ok/404  403     404",
        "login   -/403   -/403   403     -/404   403     404",
    ),
    "livelihood:findings": ("", "login   ok      ok      ok      ok      ok      404", None),
    "livelihood:finding": ("livelihood_finding", "login   ok      ok      ok      ok      ok/404  404", None),
    "livelihood:finding_forward": (
        "livelihood_finding",
        "login   405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    **{
        f"livelihood:finding_{name}": (
            "livelihood_finding",
            "login   302     302     403     403     403/404 404",
            "login   -       -       403     403     403/404 404",
        )
        for name in ("close", "rehandle")
    },
    "livelihood:finding_sign_for": (
        "livelihood_finding_assignment",
        "login   405     405     405     405     405     405",
        "login   no      no      no      no      -/no    no",
    ),
    "livelihood:finding_reply": (
        "livelihood_finding_assignment",
        "login   404     404     404     404     302/404 404",
        "login   404     404     404     404     -/404   404",
    ),
    "livelihood:project_follow": (
        "livelihood_project",
        "login   405     405     405     405     405     405",
        "login   no      no      -/no    -/no    no      no",
    ),
    "livelihood:project_carry": (
        "livelihood_project",
        "login   405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:project_oversee": (  # a 不满意 project into next year's oversight plan: the office
        "livelihood_project",
        "login   405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:projects_oversee": (
        "",
        "login   405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:inquiry": (  # the inquiry on lagging projects, an item of the oversight plan: the office
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:project_evaluate": (
        "livelihood_project",
        "login   ok/302  ok/302  403/404  403/404  403/404  404",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:photo": ("livelihood_report", "login   ok      ok      ok      ok      404     404", None),
    "livelihood:review": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:ballots": (
        "",
        "login   ok      ok      ok      ok      ok      404",
        None,
    ),
    "livelihood:ballot_create": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:ballot": (
        "livelihood_ballot",
        "login   ok      ok      ok/404  ok/404  ok/404  404",
        None,
    ),
    "livelihood:candidate_add": (
        "livelihood_ballot",
        "login   302/ok  302/ok  403/404  403/404  403/404  404",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:ballot_submit": (
        "livelihood_ballot",
        "login   405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:ballot_vote": (
        "livelihood_ballot",
        "login   405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:ballot_publish": (
        "livelihood_ballot",
        "login   405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:proposals": (
        "",
        "login   ok      ok      ok      ok      ok      404",
        None,
    ),
    "livelihood:proposal_create": (
        "",
        "login   ok      ok      ok      ok      ok      404",
        "login   -       -       -       -       -       no",
    ),
    "livelihood:proposal": (
        "livelihood_proposal",
        "login   ok      ok      404     ok/404  404     404",
        None,
    ),
    "livelihood:proposal_screen": (
        "livelihood_proposal",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "livelihood:statistics": (
        "",
        "login   ok      ok      ok      ok      ok      404",
        None,
    ),
    "oversight:items": (
        "",
        "login   ok      ok      ok      ok      ok      403",
        None,
    ),
    "oversight:plans": (
        "",
        "login   ok      ok      ok      ok      403     403",
        None,
    ),
    "oversight:plan_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       no      no      no      no",
    ),
    "oversight:plan": (
        "oversight_plan",
        "login   ok      ok      ok      ok      ok      404",
        None,
    ),
    "oversight:plan_adopt": (
        "oversight_plan",
        "login   302     302     403     403     403     404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:plan_publish": (
        "oversight_plan",
        "405     405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "oversight:item_add": (
        "oversight_plan",
        "login   ok      ok      403     403     403     404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:item": (
        "oversight_item",
        "login   ok      ok      ok      ok      ok/404  404",
        None,
    ),
    "oversight:item_schedule": (
        "oversight_item",
        "login   302     302     403     403     403/404 404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:item_inspect": (
        "oversight_item",
        "login   302     302     403     403     403/404 404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:item_question": (
        "oversight_item",
        "login   302     302     403     403     403/404 404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:item_finding": (
        "oversight_item",
        "login   302     302     403     403     403/404 404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:item_rating": (
        "oversight_item",
        "login   302     302     403     403     403/404 404",
        "login   -       -       no      no      no      no",
    ),
    "oversight-item-findings": (
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-item-ratings": (
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-item-inspect": (
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-item-questions": (
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight:item_deliberate": (
        "oversight_item",
        "login   302     302     403     403     403/404 404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:item_opinions": (
        "oversight_item",
        "login   302     302     403     403     403/404 404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:item_follow_up": (
        "oversight_item",
        "login   302     302     403     403     403/404 404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:item_rate": (
        "oversight_item",
        "login   ok      ok      403     403     403/404 404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:item_publish": (
        "oversight_item",
        "405     405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "oversight:rectification_add": (  # the body, or the office entering its paper submission
        "oversight_item",
        "login   302     302     403     403     302/404 404",
        "login   -       -       no      no      -/no    no",
    ),
    "oversight:item_report": (  # the body, or the office entering its paper submission
        "oversight_item",
        "login   302     302     403     403     302/404 404",
        "login   -       -       no      no      -/no    no",
    ),
    # The deliberation opinion's assignment (casework): only the body's own officers sign for it and report through
    # it; the demo unit's body has none, so every role (the unit included) meets another body's: 404.
    "oversight:opinion_sign_for": (
        "oversight_opinion_assignment",
        "405     405     405     405     405     405     405",
        "login   no      no      no      no      no      no",
    ),
    "oversight:opinion_reply": (
        "oversight_opinion_assignment",
        "login   404     404     404     404     404     404",
        "login   no      no      no      no      no      no",
    ),
    "oversight:rectifications": (
        "",
        "login   ok      ok      ok      ok      ok      403",
        None,
    ),
    "oversight:rectification_done": (  # the body, or the office entering its paper report of a measure done
        "oversight_rectification",
        "login   ok      ok      403     403     404     404",
        "login   ok      ok      no      no      no      no",
    ),
    "oversight:rectification_close": (
        "oversight_rectification",
        "405     405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "oversight:board": (
        "",
        "login   ok      ok      ok      ok      403     403",
        None,
    ),
    "oversight:interpellations": (
        "",
        "login   ok      ok      ok      ok      403     403",
        None,
    ),
    "oversight:interpellation_file": (
        "",
        "login   ok      ok      ok      403     403     403",
        "login   -       -       -       no      no      no",
    ),
    "oversight:interpellation": (
        "interpellation",
        "login   ok      ok      ok      ok      404     404",
        None,
    ),
    "oversight:interpellation_schedule": (
        "interpellation",
        "login   302     302     403     403     404     404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:interpellation_answer": (
        "interpellation",
        "login   ok      ok      403     403     404     404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:interpellation_assess": (
        "interpellation",
        "login   302     302     403     403     404     404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:filings": (
        "",
        "login   ok      ok      ok      ok      403     403",
        None,
    ),
    "oversight:filing_register": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       no      no      no      no",
    ),
    "oversight:filing_report_docx": (
        "",
        "login   ok      ok      ok      ok      403     403",
        None,
    ),
    "oversight:filing": (
        "filing",
        "login   ok      ok      ok      ok      404     404",
        None,
    ),
    "oversight:filing_review": (
        "filing",
        "login   302     302     403     403     404     404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:filing_decide": (
        "filing",
        "login   302     302     403     403     404     404",
        "login   -       -       no      no      no      no",
    ),
    "oversight:filing_corrected": (
        "filing",
        "login   302     302     403     403     404     404",
        "login   -       -       no      no      no      no",
    ),
    "oversight_public:index": (
        "",
        "ok      ok      ok      ok      ok      ok      ok",
        None,
    ),
    "oversight-plan-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       no      no      no      no",
    ),
    "oversight-plan-detail": (
        "oversight_plan",
        "401     ok      ok      ok      ok      ok      404",
        None,
    ),
    "oversight-item-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        None,
    ),
    "oversight-item-detail": (
        "oversight_item",
        "401     ok      ok      ok      ok      ok/404  404",
        None,
    ),
    "oversight-rectification-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        None,
    ),
    "oversight-rectification-detail": (
        "oversight_rectification",
        "401     ok      ok      ok      ok      404     404",
        None,
    ),
    "oversight-rectification-done": (
        "oversight_rectification",
        "401     405     405     405     405     405     405",
        "401     400     400     no      no      no      no",
    ),
    "oversight-rectification-close": (
        "oversight_rectification",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "filing-report": (
        "",
        "401     ok      ok      ok      ok      403     403",
        None,
    ),
    "oversight-board": (
        "",
        "401     ok      ok      ok      ok      403     403",
        None,
    ),
    "interpellation-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       -       no      no      no",
    ),
    "interpellation-detail": (
        "interpellation",
        "401     ok      ok      ok      ok      404     404",
        None,
    ),
    "filing-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       no      no      no      no",
    ),
    "filing-detail": (
        "filing",
        "401     ok      ok      ok      ok      404     404",
        None,
    ),
    "oversight-plan-adopt": (
        "oversight_plan",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-plan-publish": (
        "oversight_plan",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-plan-items": (
        "oversight_plan",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-item-schedule": (
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-item-deliberate": (
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-item-opinions": (
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-item-rate": (
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-item-follow-up": (
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-item-publish": (
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "oversight-item-rectifications": (  # the body, or the office (the demo item is not in handling: 409)
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     409     409     no      no      -/no    no",
    ),
    "oversight-item-report": (  # the body, or the office (the demo item is not in handling: 409)
        "oversight_item",
        "401     405     405     405     405     405     405",
        "401     409     409     no      no      -/no    no",
    ),
    # The body's steps on its deliberation opinion: the office and readers are refused (403), a unit its own
    # body's item without an open assignment (the demo unit's, planned: 403) and another body's (404).
    **{
        f"oversight-item-{name}": (
            "oversight_item",
            "401     405     405     405     405     405     405",
            "401     no      no      no      no      no      no",
        )
        for name in ("sign-for", "reply")
    },
    "interpellation-schedule": (
        "interpellation",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "interpellation-answer": (
        "interpellation",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "interpellation-assess": (
        "interpellation",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "filing-review": (
        "filing",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "filing-decide": (
        "filing",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "filing-corrected": (
        "filing",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "livelihood_public:projects": (
        "",
        "ok      ok      ok      ok      ok      ok      ok",
        None,
    ),
    "livelihood_public:propose": (
        "",
        "ok      ok      ok      ok      ok      ok      ok",
        "-       -       -       -       -       -       -",
    ),
    "livelihood_public:track": (
        "",
        "ok      ok      ok      ok      ok      ok      ok",
        None,
    ),
    "livelihood_public:photo": (
        "livelihood_report",
        "ok      ok      ok      ok      ok      ok      ok",
        None,
    ),
    "livelihood-proposal-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       -       -       -       no",
    ),
    "livelihood-proposal-detail": (
        "livelihood_proposal",
        "401     ok      ok      404     ok/404  404     404",
        None,
    ),
    "livelihood-proposal-screen": (
        "livelihood_proposal",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "livelihood-ballot-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       no      no      no      no",
    ),
    "livelihood-ballot-detail": (
        "livelihood_ballot",
        "401     ok      ok      ok/404  ok/404  ok/404  404",
        None,
    ),
    "livelihood-ballot-candidates": (
        "livelihood_ballot",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "livelihood-ballot-submit": (
        "livelihood_ballot",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "livelihood-ballot-vote": (
        "livelihood_ballot",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "livelihood-ballot-publish": (
        "livelihood_ballot",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "livelihood-project-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        None,
    ),
    "livelihood-project-detail": (
        "livelihood_project",
        "401     ok      ok      ok/404  ok/404  ok/404  404",
        None,
    ),
    "livelihood-project-plan": (
        "livelihood_project",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      -/no    no",
    ),
    "livelihood-project-report": (
        "livelihood_project",
        "401     405     405     405     405     405     405",
        "401     no      no      no      no      -/no    no",
    ),
    "livelihood-project-complete": (
        "livelihood_project",
        "401     405     405     405     405     405     405",
        "401     no      no      no      no      -/no    no",
    ),
    "livelihood-project-follow": (
        "livelihood_project",
        "401     405     405     405     405     405     405",
        "401     no      no      -/no    -/no    no      no",
    ),
    "livelihood-project-evaluate": (
        "livelihood_project",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "livelihood-project-oversee": (
        "livelihood_project",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "livelihood-project-oversee-all": (
        "",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),  # fmt: skip
    "livelihood-project-inquiry": (
        "",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),  # fmt: skip
    "livelihood-project-carry-over": (
        "livelihood_project",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "livelihood-finding-list": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "livelihood-finding-detail": (
        "livelihood_finding",
        "401     ok      ok      ok      ok      ok/404  404",
        None,
    ),
    **{
        f"livelihood-finding-{name}": (
            "livelihood_finding",
            "401     405     405     405     405     405     405",
            f"401     -       -       {member}",
        )
        for name, member in (
            ("forward", "no      no      no/no   no"),
            ("close", "no      no      no/no   no"),
            ("rehandle", "no      no      no/no   no"),
            ("sign-for", "no      no      -/no    no"),
            ("reply", "no      no      -/no    no"),
        )
    },
    "livelihood-project-inspect": (  # the office, or a deputy following the project
        "livelihood_project",
        "401     405     405     405     405     405     405",
        "401     -       -       no      -/no    no      no",
    ),
    "livelihood-statistics": (
        "",
        "401     ok      ok      ok      ok      ok      404",
        None,
    ),
    "livelihood-public-projects": (
        "",
        "ok      ok      ok      ok      ok      ok      ok",
        None,
    ),
    "legislation:list": (
        "",
        "login   ok      ok      ok      ok      404     ok",
        None,
    ),
    "legislation:create": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:draft": (
        "legislation_draft",
        "login   ok      ok      ok      ok      404     ok",
        None,
    ),
    "legislation:version_add": (
        "legislation_draft",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:open": (
        "legislation_draft",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:close": (
        "legislation_draft",
        "login   405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "legislation:comment_create": (
        "legislation_draft",
        "login   ok      ok      404     ok      404     ok",
        "login   -       -       no      -       no      -",
    ),
    "legislation:symposium_create": (
        "legislation_draft",
        "login   ok      ok      404     404     404     ok",
        "login   -       -       no      no      no      -",
    ),
    "legislation:opinion_create": (
        "legislation_draft",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:report": (
        "legislation_draft",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:report_docx": (
        "legislation_draft",
        "login   ok      ok      404     404     404     404",
        None,
    ),
    "legislation:final": (
        "legislation_draft",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:conclude": (
        "legislation_draft",
        "login   405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "legislation:article_edit": (
        "legislation_article",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:structure": (
        "legislation_draft",
        "login   ok      ok      404     404     404     404",
        None,
    ),
    "legislation:article_split": (
        "legislation_article",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:article_merge": (
        "legislation_article",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:comment_merge": (
        "legislation_comment",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:opinion_edit": (
        "legislation_opinion",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:opinion_adopt": (
        "legislation_opinion",
        "login   ok      ok      404     404     404     404",
        "login   -       -       no      no      no      no",
    ),
    "legislation:comments": (
        "",
        "login   ok      ok      ok      ok      404     ok",
        None,
    ),
    "legislation:work": (
        "",
        "login   ok      ok      ok      ok      404     ok",
        None,
    ),
    "legislation:liaisons": (
        "",
        "login   ok      ok      ok      ok      404     ok",
        None,
    ),
    "legislation:liaison_create": (
        "",
        "login   ok      ok      404     404     404     ok",
        "login   -       -       no      no      no      -",
    ),
    "legislation:liaison_edit": (
        "legislation_liaison",
        "login   ok      ok      404     404     404     ok/404",
        "login   -       -       no      no      no      -/no",
    ),
    "legislation:work_create": (
        "",
        "login   ok      ok      404     404     404     ok",
        "login   -       -       no      no      no      -",
    ),
    "legislation:statistics": (
        "",
        "login   ok      ok      ok      ok      404     ok",
        None,
    ),
    "legislation_public:drafts": (
        "",
        "ok      ok      ok      ok      ok      ok      ok",
        None,
    ),
    "legislation_public:track": (
        "",
        "ok      ok      ok      ok      ok      ok      ok",
        None,
    ),
    "legislation_public:draft": (
        "legislation_draft",
        "ok/404  ok/404  ok/404  ok/404  ok/404  ok/404  ok/404",
        "-/no    -/no    -/no    -/no    -/no    -/no    -/no",
    ),
    "legislation-draft-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       no      no      no      no",
    ),
    "legislation-draft-detail": (
        "legislation_draft",
        "401     ok      ok      ok      ok      404     ok",
        None,
    ),
    "legislation-draft-versions": (
        "legislation_draft",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-draft-open": (
        "legislation_draft",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-draft-close": (
        "legislation_draft",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-draft-opinions": (
        "legislation_draft",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-draft-report": (
        "legislation_draft",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-draft-final": (
        "legislation_draft",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-draft-conclude": (
        "legislation_draft",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-draft-comments": (
        "legislation_draft",
        "401     405     405     405     405     405     405",
        "401     -       -       no      -       no      -",
    ),
    "legislation-draft-symposiums": (
        "legislation_draft",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      -",
    ),
    "legislation-draft-report-document": (
        "legislation_draft",
        "401     ok      ok      404     404     404     404",
        None,
    ),
    "legislation-comment-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        None,
    ),
    "legislation-comment-detail": (
        "legislation_comment",
        "401     ok      ok      404     ok/404  404     ok/404",
        None,
    ),
    "legislation-comment-merge": (
        "legislation_comment",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-article-detail": (
        "legislation_article",
        "401     ok      ok      404     404     404     404",
        None,
    ),
    "legislation-article-correct": (
        "legislation_article",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-article-split": (
        "legislation_article",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-article-merge": (
        "legislation_article",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-opinion-adopt": (
        "legislation_opinion",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "legislation-liaison-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        None,
    ),
    "legislation-liaison-detail": (
        "legislation_liaison",
        "401     ok      ok      ok      ok      404     ok/404",
        None,
    ),
    "legislation-work-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       no      no      no      -",
    ),
    "legislation-statistics": (
        "",
        "401     ok      ok      ok      ok      404     ok",
        None,
    ),
    "legislation-public-drafts": (
        "",
        "ok      ok      ok      ok      ok      ok      ok",
        None,
    ),
    "legislation-public-comment": (
        "legislation_draft",
        "405     405     405     405     405     405     405",
        "-/no    -/no    -/no    -/no    -/no    -/no    -/no",
    ),
    "legislation-public-comment-status": (
        "legislation_tracking_code",
        "ok/404  ok/404  ok/404  ok/404  ok/404  ok/404  ok/404",
        None,
    ),
    "fund:project_create": (
        "fund",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "fund:project_edit": (
        "fund_project",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "favicon": ("", "302     302     302     302     302     302     302", None),
    # The monitoring's health report, the same to everyone: 503 here, where no tick or backup has run yet.
    "health": ("", "503     503     503     503     503     503     503", None),
    "home": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "inbox": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "inbox_read": (
        "notification",
        "login   405     405     405     405     405     405",
        "login   -/404   -/404   -/404   -/404   -/404   -/404",
    ),
    "inbox_read_all": (
        "",
        "login   405     405     405     405     405     405",
        "login   -       -       -       -       -       -",
    ),
    "notification-list": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "notification-read": (
        "notification",
        "401     405     405     405     405     405     405",
        "401     -/404   -/404   -/404   -/404   -/404   -/404",
    ),
    "notification-read-all": (
        "",
        "401     405     405     405     405     405     405",
        "401     -       -       -       -       -       -",
    ),
    "opinion-answer-on-spot": (
        "opinion",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 403/404 -/404",
    ),
    "opinion-assignment-decide-reassignment": (
        "opinion_assignment:reassign",
        "401     405     405     405     405     405     405",
        "401     -       -       403     404     403/404 404",
    ),
    "opinion-assignment-detail": (
        "opinion_assignment",
        "401     ok      ok      ok      ok/404  ok/404  ok/404",
        None,
    ),
    "opinion-assignment-list": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "opinion-assignment-reply": (
        "opinion_assignment",
        "401     405     405     405     405     405     405",
        "401     403     403     403     403/404 -/404   403/404",
    ),
    "opinion-assignment-request-reassignment": (
        "opinion_assignment",
        "401     405     405     405     405     405     405",
        "401     403     403     403     403/404 -/404   403/404",
    ),
    "opinion-assignment-send-opinion": (
        "opinion_assignment",
        "401     405     405     405     405     405     405",
        "401     403     403     403     403/404 -/404   403/404",
    ),
    "opinion-assignment-sign-for": (
        "opinion_assignment:assigned",
        "401     405     405     405     405     405     405",
        "401     403     403     403     404     -/404   404",
    ),
    "opinion-close-escalated": (
        "opinion:escalated",
        "401     405     405     405     405     405     405",
        "401     -       -       403     404     404     404",
    ),
    "opinion-detail": (
        "opinion",
        "401     ok      ok      ok      ok/404  ok/404  ok/404",
        "401     -       -       403     403/404 403/404 -/404",
    ),
    "opinion-feedback": (
        "opinion:informed",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     -/404",
    ),
    "opinion-forward": (
        "opinion",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 403/404 -/404",
    ),
    "opinion-inform": (
        "opinion:answered",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 404     -/404",
    ),
    "opinion-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       403     -       403     -",
    ),
    "opinion-merge": (
        "opinion",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 403/404 -/404",
    ),
    "opinion-raise": (
        "opinion",
        "401     405     405     405     405     405     405",
        "401     -       -       403     -/404   403/404 403/404",
    ),
    "opinion-redirect": (
        "opinion",
        "401     405     405     405     405     405     405",
        "401     -       -       403     403/404 403/404 -/404",
    ),
    "opinion-redirect-reasons": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "opinions:answer_on_spot": (
        "opinion",
        "login   ok      ok      403     403/404 403/404 ok/404",
        "login   -       -       403     403/404 403/404 -/404",
    ),
    "opinions:close_escalated": (
        "opinion:escalated",
        "login   ok      ok      403     404     404     404",
        "login   -       -       403     404     404     404",
    ),
    "opinions:decide_reassignment": (
        "opinion_assignment:reassign",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "opinions:detail": ("opinion", "login   ok      ok      ok      ok/404  ok/404  ok/404", None),
    "opinions:edit": (
        "opinion",
        "login   ok      ok      403     403/404 403/404 ok/404",
        "login   -       -       403     403/404 403/404 -/404",
    ),
    "opinions:feedback": (
        "opinion:informed",
        "login   ok      ok      403     403/404 404     ok/404",
        "login   -       -       403     403/404 404     -/404",
    ),
    "opinions:forward": (
        "opinion",
        "login   ok      ok      403     403/404 403/404 ok/404",
        "login   -       -       403     403/404 403/404 -/404",
    ),
    "opinions:import": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "opinions:inform": (
        "opinion:answered",
        "login   ok      ok      403     403/404 404     ok/404",
        "login   -       -       403     403/404 404     -/404",
    ),
    "opinions:list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "opinions:merge": (
        "opinion",
        "login   ok      ok      403     403/404 403/404 ok/404",
        "login   -       -       403     403/404 403/404 -/404",
    ),
    "opinions:raise": (
        "opinion",
        "login   ok      ok      403     ok/404  403/404 403/404",
        "login   -       -       403     -/404   403/404 403/404",
    ),
    "opinions:redirect": (
        "opinion",
        "login   ok      ok      403     403/404 403/404 ok/404",
        "login   -       -       403     403/404 403/404 -/404",
    ),
    "opinions:reply": (
        "opinion_assignment",
        "login   404     404     404     404     ok/404  404",
        "login   404     404     404     404     -/404   404",
    ),
    "opinions:request_reassignment": (
        "opinion_assignment",
        "login   404     404     404     404     ok/404  404",
        "login   404     404     404     404     -/404   404",
    ),
    "opinions:send_opinion": (
        "opinion_assignment",
        "login   404     404     404     404     ok/404  404",
        "login   404     404     404     404     -/404   404",
    ),
    "opinions:sign_for": (
        "opinion_assignment:assigned",
        "login   405     405     405     405     405     405",
        "login   404     404     404     404     -/404   404",
    ),
    "opinions:submit": (
        "",
        "ok      ok      ok      ok      ok      ok      ok",
        "-       -       -       -       -       -       -",
    ),
    "opinions:take": (
        "",
        "login   ok      ok      403     ok      403     ok",
        "login   -       -       403     -       403     -",
    ),
    "opinions:topics": ("", "login   ok      ok      ok      403     403     ok", None),
    "opinions:track": (
        "",
        "ok      ok      ok      ok      ok      ok      ok",
        "-       -       -       -       -       -       -",
    ),
    "org:committee": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "org:jurisdiction": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "org:jurisdiction_edit": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:membership_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:membership_end": (
        "membership",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:office_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:office_edit": (
        "office",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:office_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "org:office_membership_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:office_membership_end": (
        "office_membership",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:session_create": (
        "term",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:special_committees": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "org:term_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:term_detail": ("term", "login   ok      ok      ok      ok      ok      ok", None),
    "org:term_edit": (
        "term",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:term_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "org:term_set_current": (
        "term",
        "login   405     405     403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:township_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:township_edit": (
        "township",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:unit_create": (
        "",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:unit_detail": ("unit", "login   ok      ok      ok      ok      ok      ok", None),
    "org:unit_edit": (
        "unit",
        "login   ok      ok      403     403     403     403",
        "login   -       -       403     403     403     403",
    ),
    "org:unit_list": ("", "login   ok      ok      ok      ok      ok      ok", None),
    "public-opinion-challenge": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "public-opinion-feedback": (
        "tracking_code",
        "405     405     405     405     405     405     405",
        "-/404   -/404   -/404   -/404   -/404   -/404   -/404",
    ),
    "public-opinion-status": (
        "tracking_code",
        "ok/404  ok/404  ok/404  ok/404  ok/404  ok/404  ok/404",
        None,
    ),
    "public-opinion-submit": (
        "",
        "405     405     405     405     405     405     405",
        "-       -       -       -       -       -       -",
    ),
    "public_replies": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "schema": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "suggestion-accept": (
        "suggestion:submitted",
        "401     405     405     405     405     405     405",
        "401     -       -       403     404     404     404",
    ),
    "suggestion-assign": (
        "suggestion:accepted",
        "401     405     405     405     405     405     405",
        "401     -       -       403     404     404     404",
    ),
    "suggestion-assign-batch": (
        "",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "suggestion-assignment-accept": (
        "assignment:assigned",
        "401     405     405     405     405     405     405",
        "401     403     403     403     404     -/404   404",
    ),
    "suggestion-assignment-contacts": (
        "assignment",
        "401     405     405     405     405     405     405",
        "401     no      no      no      no/404  -/404   404",
    ),
    "suggestion-assignment-joint-opinion": (
        "assignment",
        "401     405     405     405     405     405     405",
        "401     no      no      no      no/404  -/404   404",
    ),
    "suggestion-assignment-list": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "suggestion-assignment-reassignment-decision": (
        "assignment:reassign",
        "401     405     405     405     405     405     405",
        "401     -       -       no      404     no/404  404",
    ),
    "suggestion-assignment-reassignment-request": (
        "assignment",
        "401     405     405     405     405     405     405",
        "401     no      no      no      no/404  -/404   404",
    ),
    "suggestion-assignment-reply": (
        "assignment",
        "401     405     405     405     405     405     405",
        "401     no      no      no      no/404  -/404   404",
    ),
    "suggestion-assignment-sign-for": (
        "assignment:assigned",
        "401     405     405     405     405     405     405",
        "401     403     403     403     404     -/404   404",
    ),
    "suggestion-attachment-file": ("attachment", "401     ok      ok      404     ok/404  404     404", None),
    "suggestion-attachments": (
        "suggestion:draft",
        "401     405     405     405     405     405     405",
        "401     -/no    -/no    404     -/404   404     404",
    ),
    "suggestion-categories": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "suggestion-commitment-list": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "suggestion-commitment-updates": (
        "commitment",
        "401     405     405     405     405     405     405",
        "401     404     404     404     404     -/404   404",
    ),
    "suggestion-coordination-close": (
        "suggestion:coordination",
        "401     405     405     405     405     405     405",
        "401     -       -       no      404     404     404",
    ),
    "suggestion-cosigner-detail": (
        "cosigner",
        "401     405     405     405     405     405     405",
        "401     no      no      404     403/404 404     404",
    ),
    "suggestion-cosigner-respond": (
        "cosigner",
        "401     405     405     405     405     405     405",
        "401     no      no      404     -/404   404     404",
    ),
    "suggestion-cosigners": (
        "suggestion:draft",
        "401     405     405     405     405     405     405",
        "401     -/no    -/no    404     -/404   404     404",
    ),
    "suggestion-dashboard": ("", "401     ok      ok      ok      403     403     403", None),
    "suggestion-detail": (
        "suggestion",
        "401     ok/404  ok/404  ok/404  ok/404  ok/404  404",
        "401     -/no    -/no    no/404  -/404   no/404  404",
    ),
    "suggestion-evaluations": (
        "suggestion:replied",
        "401     405     405     405     405     405     405",
        "401     no      no      no      -/404   no/404  404",
    ),
    "suggestion-events": ("suggestion:public", "401     ok      ok      ok      ok/404  ok/404  404", None),
    "suggestion-key-supervision": (
        "suggestion",
        "401     405     405     405     405     405     405",
        "401     -/no    -/no    no/404  no/404  no/404  404",
    ),
    "suggestion-list": (
        "",
        "401     ok      ok      ok      ok      ok      ok",
        "401     -       -       no      -       no      no",
    ),
    "suggestion-merge": (
        "suggestion:submitted",
        "401     405     405     405     405     405     405",
        "401     -       -       no      404     404     404",
    ),
    "suggestion-presidium-decision": (
        "suggestion:presidium",
        "401     405     405     405     405     405     405",
        "401     -       -       no      404     404     404",
    ),
    "suggestion-public-replies": ("", "ok      ok      ok      ok      ok      ok      ok", None),
    "suggestion-ranking": ("", "401     ok      ok      ok      403     403     403", None),
    "suggestion-reassignment-requests": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "suggestion-recommended-units": (
        "suggestion",
        "401     ok/404  ok/404  403/404 403/404 403/404 404",
        None,
    ),
    "suggestion-refusal-reasons": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "suggestion-register": (
        "suggestion:submitted",
        "401     405     405     405     405     405     405",
        "401     -       -       403     404     404     404",
    ),
    "suggestion-reject": (
        "suggestion:submitted",
        "401     405     405     405     405     405     405",
        "401     -       -       no      404     404     404",
    ),
    "suggestion-reply-letter": ("reply", "401     ok      ok      ok      404     ok/404  404", None),
    "suggestion-result-categories": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "suggestion-return": (
        "suggestion:submitted",
        "401     405     405     405     405     405     405",
        "401     -       -       no      404     404     404",
    ),
    "suggestion-similar": ("suggestion", "401     ok/404  ok/404  ok/404  ok/404  ok/404  404", None),
    "suggestion-statistics": ("", "401     ok      ok      ok      403     403     403", None),
    "suggestion-submit": (
        "suggestion:draft",
        "401     405     405     405     405     405     405",
        "401     -/no    -/no    404     -/404   404     404",
    ),
    "suggestion-supervision-notes": (
        "suggestion:supervised",
        "401     405     405     405     405     405     405",
        # a unit may be handling the supervised case (403) or not (404): refused either way
        "401     -       -       no      404     no      404",
    ),
    "suggestions:accept": (
        "suggestion:submitted",
        "login   405     405     405     405     405     405",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:assign": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:assignment_accept": (
        "assignment:assigned",
        "login   405     405     405     405     405     405",
        "login   404     404     404     404     -/404   404",
    ),
    "suggestions:attachment": ("attachment", "login   ok      ok      404     ok/404  404     404", None),
    "suggestions:attachments": (
        "suggestion:draft",
        "login   405     405     405     405     405     405",
        "login   -/no    -/no    404     -/404   404     404",
    ),
    "suggestions:board": ("", "login   ok      ok      ok      404     404     404", None),
    "casework:units": ("", "login   ok      ok      ok      403     403     403", None),
    "casework:deputies": ("", "login   ok      403     403     403     ok      403", None),
    # A unit's own deputy is one on its open cases; any other is a 404 (the administrator has no unit).
    "casework:deputy_contact": (
        "deputy:contact",
        "login   404     403     403     403     ok/404  403",
        "login   404     403     403     403     -/404   403",
    ),
    "casework:contact_views": ("", "login   ok      ok      403     403     403     403", None),
    "suggestions:commitment_update": (
        "commitment",
        "login   404     404     404     404     ok/404  404",
        "login   404     404     404     404     -/404   404",
    ),
    "suggestions:contact": (
        "assignment",
        "login   404     404     404     404     ok/404  404",
        "login   404     404     404     404     -/404   404",
    ),
    "suggestions:coordination": (
        "suggestion:coordination",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:cosigner_drop": (
        "cosigner",
        "login   405     405     405     405     405     405",
        "login   no      no      404     403/404 404     404",
    ),
    "suggestions:cosigner_respond": (
        "cosigner",
        "login   405     405     405     405     405     405",
        "login   404     404     404     -/404   404     404",
    ),
    "suggestions:cosigners": (
        "suggestion:draft",
        "login   ok/404  ok/404  404     ok/404  404     404",
        "login   -/no    -/no    404     -/404   404     404",
    ),
    "suggestions:create": (
        "",
        "login   ok      ok      404     ok      404     404",
        "login   -       -       404     -       404     404",
    ),
    "suggestions:dashboard": ("", "login   ok      ok      ok      404     404     404", None),
    "suggestions:detail": ("suggestion", "login   ok/404  ok/404  ok/404  ok/404  ok/404  404", None),
    "suggestions:edit": (
        "suggestion:draft",
        "login   ok/404  ok/404  404     ok/404  404     404",
        "login   -/no    -/no    404     -/404   404     404",
    ),
    "suggestions:evaluate": (
        "suggestion:replied",
        "login   404     404     404     ok/404  404     404",
        "login   404     404     404     -/404   404     404",
    ),
    "suggestions:key_supervision": (
        "suggestion",
        "login   ok/404  ok/404  404     404     404     404",
        "login   -/no    -/no    404     404     404     404",
    ),
    "suggestions:keyword_create": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:keyword_edit": (
        "keyword",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:history_import": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:history_import_template": ("", "login   ok      ok      404     404     404     404", None),
    "suggestions:keywords": ("", "login   ok      ok      404     404     404     404", None),
    "suggestions:letter_template": (
        "",
        "login   ok      ok      404     404     404     404",
        "login   ok      ok      404     404     404     404",
    ),
    "suggestions:list": ("", "login   ok      ok      ok      404     404     404", None),
    "suggestions:merge": (
        "suggestion:submitted",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:mine": ("", "login   ok      404     404     ok      404     404", None),
    "suggestions:opinion": (
        "assignment",
        "login   404     404     404     404     ok/404  404",
        "login   404     404     404     404     -/404   404",
    ),
    "suggestions:presidium": (
        "suggestion:presidium",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:print": ("suggestion", "login   ok/404  ok/404  ok/404  ok/404  ok/404  404", None),
    "suggestions:ranking": ("", "login   ok      ok      ok      404     404     404", None),
    "suggestions:reassign": (
        "assignment",
        "login   404     404     404     404     ok/404  404",
        "login   404     404     404     404     -/404   404",
    ),
    "suggestions:reassignment_decide": (
        "assignment:reassign",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:reassignments": ("", "login   ok      ok      404     404     404     404", None),
    "suggestions:recommended_units": (
        "suggestion",
        "login   ok/404  ok/404  404     404     404     404",
        None,
    ),
    "suggestions:reject": (
        "suggestion:submitted",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:reply": (
        "assignment",
        "login   404     404     404     404     ok/404  404",
        "login   404     404     404     404     -/404   404",
    ),
    "suggestions:reply_letter": ("reply", "login   ok      ok      ok      404     ok/404  404", None),
    "suggestions:return": (
        "suggestion:submitted",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:review": ("", "login   ok      ok      404     404     404     404", None),
    "suggestions:similar": ("suggestion", "login   ok/404  ok/404  404     404     404     404", None),
    "suggestions:stats": ("", "login   ok      ok      ok      404     404     404", None),
    "suggestions:submit": (
        "suggestion:draft",
        "login   405     405     405     405     405     405",
        "login   -/no    -/no    404     -/404   404     404",
    ),
    "suggestions:supervision_note": (
        "suggestion:supervised",
        "login   ok      ok      404     404     404     404",
        "login   -       -       404     404     404     404",
    ),
    "suggestions:todo": ("", "login   ok      404     404     404     ok      404", None),
    # Voting: the office runs votes; a voter sees the opened votes they may vote in and casts their own ballot.
    "voting:list": ("", "login   ok      ok      403     403     403     403", None),
    "voting:vote": (
        "vote",
        "login   302     302     ok/404  ok/404  404     404",
        "login   no      no      -/no    -/no    no      no",
    ),
    "voting:control": ("vote", "login   ok      ok      404     404     404     404", None),
    "voting:open": (
        "vote",
        "405     405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "voting:close": (
        "vote",
        "405     405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "voting:tally": (
        "vote",
        "405     405     405     405     405     405     405",
        "login   -       -       no      no      no      no",
    ),
    "voting:screen": ("vote", "login   ok      ok      ok/404  ok/404  404     404", None),
    "voting:screen_live": ("vote", "login   ok      ok      ok/404  ok/404  404     404", None),
    **{
        f"voting:result_{kind}": ("vote:closed", "login   ok      ok      ok/404  ok/404  404     404", None)
        for kind in ("docx", "pdf")
    },
    "vote-list": ("", "401     ok      ok      ok      ok      ok      ok", None),
    "vote-detail": ("vote", "401     ok      ok      ok/404  ok/404  404     404", None),
    "vote-open": (
        "vote",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "vote-close": (
        "vote",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "vote-cast": (
        "vote",
        "401     405     405     405     405     405     405",
        "401     no      no      -/no    -/no    no      no",
    ),
    "vote-tally": (
        "vote",
        "401     405     405     405     405     405     405",
        "401     -       -       no      no      no      no",
    ),
    "vote-result": ("vote", "401     ok      ok      ok/404  ok/404  404     404", None),
}


# (name, role) → why the observed outcome is wrong although nothing leaks. The cell in MATRIX keeps the right value.
KNOWN_LEAKS: dict[tuple[str, str], str] = {}

LOOSE_API_WRITE = (
    "the API validates the request body before it checks the actor (the service refuses later, with 403): a role "
    "that may not act gets 400 for an empty body, so the refusal is not established (nothing is written)"
)
# (name, role) → a write refused too late (not a leak: nothing is read or written). Kept apart from KNOWN_LEAKS.
KNOWN_LOOSE: dict[tuple[str, str], str] = {
    (name, role): LOOSE_API_WRITE
    for name, roles in {
        "fund-detail": "member",
        "fund-list": "member deputy unit keeper",
        "fund-project-detail": "member",
        "fund-project-list": "member deputy unit keeper",
    }.items()
    for role in roles.split()
}


# ---------------------------------------------------------------------------------------------- endpoints


@dataclass(frozen=True)
class Endpoint:
    name: str
    route: str
    kwargs: tuple[str, ...]
    positional: int  # unnamed groups (django-simple-history's admin URLs)
    api: bool
    methods: frozenset[str] | None  # declared by DRF and class-based views; None for a function view


def _methods(callback) -> frozenset[str] | None:
    actions = getattr(callback, "actions", None)
    if actions:
        return frozenset(actions)
    view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view is None:
        return None
    return frozenset(m for m in ("get", *WRITE_METHODS) if hasattr(view, m))


def _walk(patterns, prefix: str, namespace: str):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = ":".join(filter(None, [namespace, entry.name or route]))
            yield Endpoint(
                name=name,
                route=route,
                kwargs=tuple(entry.pattern.regex.groupindex),
                positional=entry.pattern.regex.groups - len(entry.pattern.regex.groupindex),
                api=route.startswith("api/"),
                methods=_methods(entry.callback),
            )


@cache
def endpoints() -> dict[str, Endpoint]:
    found: dict[str, Endpoint] = {}
    for endpoint in _walk(get_resolver().url_patterns, "", ""):
        assert endpoint.name not in found, f"two URL patterns named {endpoint.name}"
        found[endpoint.name] = endpoint
    return found


def site_endpoints() -> list[str]:
    return sorted(name for name in endpoints() if not name.startswith("admin:"))


def admin_endpoints() -> list[str]:
    return sorted(name for name in endpoints() if name.startswith("admin:"))


# ---------------------------------------------------------------------------------------------- cells


@dataclass(frozen=True)
class Cell:
    own: str
    other: str

    @classmethod
    def parse(cls, text: str) -> "Cell":
        own, _, other = text.partition("/")
        return cls(own, other or own)

    def __str__(self) -> str:
        return self.own if self.own == self.other else f"{self.own}/{self.other}"


def _same(expected: str, observed: str) -> bool:
    return expected == observed or (expected == "no" and observed in ("403", "404"))


def matches(expected: Cell, observed: Cell) -> bool:
    return _same(expected.own, observed.own) and _same(expected.other, observed.other)


def parse_row(text: str) -> dict[str, Cell]:
    cells = text.split()
    assert len(cells) == len(ROLES), f"a row has {len(ROLES)} cells ({' '.join(ROLES)}): {text!r}"
    return {role: Cell.parse(cell) for role, cell in zip(ROLES, cells, strict=True)}


def format_row(cells: dict[str, Cell]) -> str:
    return "  ".join(f"{cell!s:8}" for cell in (cells[role] for role in ROLES)).rstrip()


def outcome(response) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        return "login" if response["Location"].split("?")[0].endswith(LOGIN_PATHS) else "302"
    return "ok" if 200 <= code < 300 else str(code)


# ---------------------------------------------------------------------------------------------- the demo's objects


def _first(queryset):
    return queryset.order_by("pk").values_list("pk", flat=True).first()


def _any(*querysets):
    """The first object of the first queryset that has one (a preferred choice, then fallbacks)."""
    return next((pk for pk in map(_first, querysets) if pk is not None), None)


def _pair(own, other) -> tuple[int, int]:
    assert other is not None, "no object for the other side of a pair"
    return (own if own is not None else other, other)


class Objects:
    """(own pk, other pk) per object kind and role, chosen from the demo county."""

    def __init__(self, users: dict):
        from renda.casework.models import AssignmentState
        from renda.core.models import Notification
        from renda.deputies.choices import DeputyStatus
        from renda.deputies.models import (
            Activity,
            Delegation,
            Deputy,
            DeputyGroup,
            LiaisonStation,
            ReceptionDay,
        )
        from renda.duties.models import Ballot, DutyEntry, DutyReport, EntryState, ReportState
        from renda.fund.models import FundProject, SuggestionFund
        from renda.opinions.models import Opinion, OpinionAssignment
        from renda.opinions.models import State as OpinionState
        from renda.org.models import (
            CommitteeMembership,
            CommitteeOffice,
            CommitteeOfficeMembership,
            CongressSession,
            HandlingUnit,
            Jurisdiction,
            Term,
            Township,
        )
        from renda.suggestions.models import (
            Assignment,
            Commitment,
            Cosigner,
            Reply,
            State,
            Suggestion,
            UnitKeyword,
        )

        self.users = users
        self.attachments = self._setup(users)
        self._setup_opinions(users)
        self._setup_duties(users)
        votes = self._setup_voting(users)
        deputy = users["deputy"].deputy
        member = users["member"].deputy
        unit = users["unit"].handling_unit
        station = users["keeper"].station
        office = users["clerk"].office
        public = Exists(Reply.objects.filter(assignment__suggestion=OuterRef("pk"), publishable=True))
        # A case tied to the deputy (led, co-signed, theirs merged into it) or to the unit (assigned).
        tied = (
            Q(lead_deputy=deputy)
            | Q(cosigners__deputy=deputy)
            | Q(merged_cases__lead_deputy=deputy)
            | Q(assignments__unit=unit)
        )

        def suggestions(*states):
            return Suggestion.objects.filter(state__in=states)

        def suggestion_kind(*states):
            pool = suggestions(*states)
            strange = _any(pool.exclude(tied).exclude(public), pool.exclude(tied), pool)
            pairs = {
                "deputy": _pair(
                    _any(pool.filter(lead_deputy=deputy).exclude(public), pool.filter(lead_deputy=deputy)),
                    strange,
                ),
                "unit": _pair(
                    _first(
                        pool.filter(assignments__unit=unit).exclude(
                            assignments__state=AssignmentState.WITHDRAWN
                        )
                    ),
                    strange,
                ),
            }
            default = _pair(_first(pool.filter(public)), strange)
            return {role: pairs.get(role, default) for role in ROLES}

        def by_role(default, **pairs):
            return {role: pairs.get(role, default) for role in ROLES}

        kinds: dict[str, dict[str, tuple[int | str, int | str]]] = {}
        # A filed case in handling; for roles without a tie, the other one is someone else's draft — for the
        # office a deputy's own draft (the deputy's until submitted; not one the office entered for them).
        filed = suggestion_kind(State.HANDLING)
        deputys_draft = _first(suggestions(State.DRAFT).filter(entered_by__deputy=F("lead_deputy")))
        draft_of_other = _first(suggestions(State.DRAFT).exclude(tied))
        for role in ("anonymous", "admin", "clerk", "member", "keeper"):
            filed[role] = (filed[role][0], deputys_draft if role in OFFICE else draft_of_other)
        kinds["suggestion"] = filed
        # For the office: a draft it holds (entered on a deputy's behalf, or returned for changes), and a
        # deputy's own draft.
        held = suggestions(State.DRAFT, State.RETURNED).exclude(
            state=State.DRAFT, entered_by__deputy=F("lead_deputy")
        )
        kinds["suggestion:draft"] = suggestion_kind(State.DRAFT, State.RETURNED)
        for role in OFFICE:
            kinds["suggestion:draft"][role] = _pair(_first(held), deputys_draft)
        # Under key supervision (重点督办), for the supervision notes.
        supervised = suggestion_kind(State.HANDLING, State.REPLIED, State.REHANDLING, State.CLOSED)
        pool = Suggestion.objects.filter(key_supervision__isnull=False)
        supervised = {
            role: _pair(_first(pool.filter(pk=own)) or _first(pool), _any(pool.exclude(tied), pool))
            for role, (own, _) in supervised.items()
        }
        kinds["suggestion:supervised"] = supervised
        # The other one is public (a reply published) but not the role's: what the public page shows, no more.
        published = suggestions(State.CLOSED).filter(public).exclude(tied)
        kinds["suggestion:public"] = {
            role: (own, _first(published))
            for role, (own, _) in suggestion_kind(State.HANDLING, State.CLOSED).items()
        }
        kinds["suggestion:submitted"] = suggestion_kind(State.SUBMITTED)
        kinds["suggestion:accepted"] = suggestion_kind(State.ACCEPTED)
        kinds["suggestion:presidium"] = suggestion_kind(State.PRESIDIUM_REVIEW)
        kinds["suggestion:replied"] = suggestion_kind(State.REPLIED)
        kinds["suggestion:coordination"] = suggestion_kind(State.COORDINATION)

        def assignment_kind(state):
            pool = Assignment.objects.filter(state=state)
            untied = pool.exclude(suggestion__in=Suggestion.objects.filter(tied))
            strange = _any(untied.exclude(suggestion__in=Suggestion.objects.filter(public)), untied)
            default = _pair(_first(pool.filter(unit=unit)), strange)
            return by_role(
                default, deputy=_pair(_first(pool.filter(suggestion__lead_deputy=deputy)), strange)
            )

        kinds["assignment"] = assignment_kind(AssignmentState.ACCEPTED)
        kinds["assignment:assigned"] = assignment_kind(AssignmentState.ASSIGNED)
        kinds["assignment:reassign"] = assignment_kind(AssignmentState.REASSIGN_REQUESTED)

        commitments = Commitment.objects.filter(status=Commitment.Status.OPEN)
        kinds["commitment"] = by_role(
            _pair(
                _first(commitments.filter(reply__assignment__unit=unit)),
                _first(
                    commitments.exclude(reply__assignment__suggestion__in=Suggestion.objects.filter(tied))
                ),
            )
        )
        invited = Cosigner.objects.filter(suggestion__state__in=[State.DRAFT, State.RETURNED])
        kinds["cosigner"] = by_role(
            _pair(
                _first(invited.filter(deputy=deputy)),
                _first(invited.exclude(suggestion__in=Suggestion.objects.filter(tied))),
            )
        )
        kinds["attachment"] = by_role(self.attachments)
        replies = Reply.objects.exclude(letter="")
        strange_reply = _first(
            replies.filter(publishable=False).exclude(
                assignment__suggestion__in=Suggestion.objects.filter(tied)
            )
        )
        kinds["reply"] = by_role(
            _pair(_first(replies.filter(assignment__unit=unit)), strange_reply),
            deputy=_pair(_first(replies.filter(assignment__suggestion__lead_deputy=deputy)), strange_reply),
            unit=_pair(_first(replies.filter(assignment__unit=unit)), strange_reply),
        )

        others = Deputy.objects.exclude(pk__in=[deputy.pk, member.pk]).exclude(station=station)
        kinds["deputy"] = by_role(
            _pair(deputy.pk, _first(others)),
            member=_pair(member.pk, _first(others)),
            keeper=_pair(_first(Deputy.objects.filter(station=station)), _first(others)),
        )
        from renda.casework.selectors import deputies_contactable_by

        contactable = deputies_contactable_by(users["unit"])
        kinds["deputy:contact"] = by_role(
            _pair(_first(contactable), _first(Deputy.objects.exclude(pk__in=contactable.values("pk"))))
        )
        kinds["account"] = by_role(_pair(users["deputy"].pk, users["admin"].pk))
        other_station = _first(
            LiaisonStation.objects.exclude(pk=station.pk)
            .exclude(parent=station)
            .exclude(pk=deputy.station_id)
        )
        kinds["station"] = by_role(
            _pair(station.pk, other_station), deputy=_pair(deputy.station_id, other_station)
        )
        for kind, model in (("group", DeputyGroup), ("delegation", Delegation)):
            kinds[kind] = by_role(
                _pair(
                    _first(model.objects.filter(members=deputy)),
                    _first(model.objects.exclude(members=deputy).exclude(members=member)),
                ),
                member=_pair(
                    _first(model.objects.filter(members=member)),
                    _first(model.objects.exclude(members=deputy).exclude(members=member)),
                ),
            )
        for kind, model in (("reception", ReceptionDay), ("activity", Activity)):
            elsewhere = _first(model.objects.exclude(station=station).exclude(deputies=deputy))
            kinds[kind] = by_role(
                _pair(_first(model.objects.filter(station=station)), elsewhere),
                deputy=_pair(_first(model.objects.filter(deputies=deputy)), elsewhere),
            )
        kinds["unit"] = by_role(_pair(unit.pk, _first(HandlingUnit.objects.exclude(pk=unit.pk))))
        kinds["office"] = by_role(_pair(office.pk, _first(CommitteeOffice.objects.exclude(pk=office.pk))))
        memberships = CommitteeMembership.objects.all()
        kinds["membership"] = by_role(
            _pair(_first(memberships.filter(deputy=member)), _first(memberships.exclude(deputy=member)))
        )
        seats = CommitteeOfficeMembership.objects.order_by("pk")  # special committees' seats: the office's
        kinds["office_membership"] = by_role(_pair(_first(seats), seats.values_list("pk", flat=True).last()))
        kinds["term"] = by_role(
            _pair(_first(Term.objects.filter(is_current=True)), _first(Term.objects.filter(is_current=False)))
        )
        kinds["session"] = by_role(
            _pair(
                _first(CongressSession.objects.all()),
                CongressSession.objects.order_by("-pk").values_list("pk", flat=True).first(),
            )
        )
        kinds["township"] = by_role(
            _pair(deputy.township_id, _first(Township.objects.exclude(pk=deputy.township_id)))
        )
        only = _first(Jurisdiction.objects.all())
        kinds["jurisdiction"] = by_role((only, only))
        kinds["fund"] = by_role(
            _pair(
                _first(SuggestionFund.objects.all()),
                SuggestionFund.objects.order_by("-pk").values_list("pk", flat=True).first(),
            )
        )
        kinds["fund_project"] = by_role(
            _pair(
                _first(FundProject.objects.filter(unit=unit)), _first(FundProject.objects.exclude(unit=unit))
            )
        )
        kinds["keyword"] = by_role(
            _pair(
                _first(UnitKeyword.objects.filter(unit=unit)), _first(UnitKeyword.objects.exclude(unit=unit))
            )
        )

        # Citizens' opinions (opinions.selectors): the office and members see every one, a keeper their
        # station's, a deputy those they collected and their station's, a unit those forwarded to it. The other
        # one is seen by none of them.
        to_unit = OpinionAssignment.objects.filter(unit=unit).exclude(state=AssignmentState.WITHDRAWN)
        seen = (
            Q(station=station)
            | Q(station_id=deputy.station_id)
            | Q(deputy=deputy)
            | Q(pk__in=to_unit.values("citizen_opinion"))
        )

        def opinion_kind(*states, unit_states=()):
            """Opinions in `states`; the unit's own is one forwarded to it (in `unit_states`, else `states`)."""
            pool = Opinion.objects.filter(state__in=states)
            strange = _first(pool.exclude(seen))
            forwarded = Opinion.objects.filter(
                state__in=unit_states or states, pk__in=to_unit.values("citizen_opinion")
            )
            return by_role(
                (strange, strange),
                keeper=_pair(_first(pool.filter(station=station)), strange),
                deputy=_pair(
                    _any(pool.filter(deputy=deputy), pool.filter(station_id=deputy.station_id)), strange
                ),
                unit=_pair(_first(forwarded), strange),
            )

        # To triage (received); for the unit, one forwarded to it (none is received).
        kinds["opinion"] = opinion_kind(OpinionState.RECEIVED, unit_states=[OpinionState.HANDLING])
        kinds["opinion:answered"] = opinion_kind(OpinionState.ANSWERED)
        kinds["opinion:informed"] = opinion_kind(OpinionState.INFORMED)
        kinds["opinion:escalated"] = opinion_kind(OpinionState.ESCALATED)

        def opinion_assignment_kind(state):
            pool = OpinionAssignment.objects.filter(state=state)
            strange = _first(pool.exclude(citizen_opinion__in=Opinion.objects.filter(seen)))
            return by_role(
                _pair(_first(pool.filter(unit=unit)), strange),
                keeper=_pair(_first(pool.filter(citizen_opinion__station=station)), strange),
                deputy=_pair(
                    _any(
                        pool.filter(citizen_opinion__deputy=deputy),
                        pool.filter(citizen_opinion__station_id=deputy.station_id),
                    ),
                    strange,
                ),
            )

        kinds["opinion_assignment"] = opinion_assignment_kind(AssignmentState.ACCEPTED)
        kinds["opinion_assignment:assigned"] = opinion_assignment_kind(AssignmentState.ASSIGNED)
        kinds["opinion_assignment:reassign"] = opinion_assignment_kind(AssignmentState.REASSIGN_REQUESTED)
        # The public endpoints take a tracking code: one of an opinion waiting for the citizen's say, and one
        # that matches nothing (0 is never drawn).
        told = Opinion.objects.filter(state=OpinionState.INFORMED).order_by("pk").first()
        assert told is not None, "no opinion waiting for the citizen's say"
        kinds["tracking_code"] = by_role((told.tracking_code, "00000000"))

        # Duty records (duties.selectors): the office and members read every deputy's, entry and report; a
        # deputy their own record and entries and the reports they give; a keeper their station's reports.
        entries = DutyEntry.objects.filter(state=EntryState.SUBMITTED)
        strange_entry = _first(entries.exclude(deputy=deputy))
        kinds["duty_entry"] = by_role(
            (strange_entry, strange_entry), deputy=_pair(_first(entries.filter(deputy=deputy)), strange_entry)
        )

        def report_kind(state):
            pool = DutyReport.objects.filter(state=state)
            strange = _first(pool.exclude(station=station).exclude(deputies=deputy))
            own = _pair(_first(pool.filter(station=station, deputies=deputy)), strange)
            return by_role((strange, strange), keeper=own, deputy=own)

        kinds["duty_report"] = report_kind(ReportState.SCHEDULED)
        kinds["duty_report:held"] = report_kind(ReportState.HELD)
        # A voter's ballot by its token: an unused one of a report open for rating, and one that matches nothing.
        unused = Ballot.objects.filter(report__state=ReportState.HELD, rating="").order_by("pk").first()
        assert unused is not None, "no ballot to cast"
        kinds["ballot"] = by_role((unused.token, "no-such-ballot"))
        # A deputy's public page: one in office, and one no longer (not shown).
        kinds["deputy:public"] = by_role(
            _pair(deputy.pk, _first(Deputy.objects.exclude(status=DeputyStatus.ACTIVE)))
        )
        # Meetings (meetings.selectors): the office and members see every meeting; a deputy the ones they attend
        # (列席) — the other is the latest standing-committee meeting they have no tie to (the demo deputy is
        # invited to the next one, where the project they follow is inquired into).
        from renda.meetings.models import AgendaItem, Attendance, Meeting, MeetingState, Paper, Resolution

        planned = Meeting.objects.filter(state=MeetingState.PLANNED, kind="standing")
        attended = Meeting.objects.filter(attendees__deputy=deputy)
        nxt = _first(planned)
        untied = (
            Meeting.objects.filter(kind="standing")
            .exclude(attendees__deputy=deputy)
            .exclude(attendances__deputy=deputy)
            .order_by("-date")
        )
        kinds["meeting"] = by_role(
            (nxt, nxt), deputy=_pair(_first(attended), untied.values_list("pk", flat=True).first())
        )
        leave = _first(Attendance.objects.filter(meeting__in=planned, status="leave_requested"))
        kinds["attendance"] = by_role((leave, leave))
        item = _first(AgendaItem.objects.filter(meeting__in=planned))
        kinds["agenda_item"] = by_role(
            (item, item),
            deputy=_pair(
                _first(AgendaItem.objects.filter(meeting__in=attended)),
                _first(AgendaItem.objects.filter(meeting__in=untied.values("pk"))),
            ),
        )
        draft = _first(Resolution.objects.filter(item__meeting__in=planned))
        kinds["resolution"] = by_role(
            (draft, draft), deputy=_pair(_first(Resolution.objects.filter(item__meeting__in=attended)), draft)
        )
        papers = Paper.objects.exclude(file="")
        paper = _first(papers.filter(item__meeting__in=planned))
        own_paper = _first(papers.filter(item__meeting__in=attended))
        kinds["paper"] = by_role(
            (paper, paper),
            deputy=_pair(own_paper, _first(papers.filter(item__meeting__in=untied.values("pk")))),
        )
        # The demo's files were stored under another MEDIA_ROOT: these two are put back in this module's.
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        for stored in Paper.objects.filter(pk__in=[paper, own_paper]):
            default_storage.save(stored.file.name, ContentFile(b"%PDF-1.4 paper"))
        notes = {
            role: Notification.objects.create(recipient=user, title=f"{role} 的消息").pk
            for role, user in users.items()
        }
        kinds["notification"] = {
            role: (notes.get(role, notes["admin"]), notes["admin" if role != "admin" else "clerk"])
            for role in ROLES
        }
        # Appointments: one scheduled on the next meeting (its steps), one published (its letter), a post, a seat.
        from renda.appointments.models import Appointment, Person, Post
        from renda.org.models import CommitteeMembership

        scheduled = _first(Appointment.objects.filter(state="scheduled", kind="appoint"))
        kinds["appointment"] = by_role((scheduled, scheduled))
        nominated = Appointment.objects.select_related("person").get(pk=scheduled)
        for stored in (nominated.letter, nominated.person.resume):  # back in this module's MEDIA_ROOT
            default_storage.save(stored.name, ContentFile(b"%PDF-1.4 paper"))
        published = _first(Appointment.objects.filter(state="published", kind="appoint"))
        kinds["appointment:published"] = by_role((published, published))
        post = _first(Post.objects.all())
        kinds["appointment_post"] = by_role((post, post))
        person = _first(Person.objects.all())
        kinds["appointment_person"] = by_role((person, person))
        seat = _first(CommitteeMembership.objects.all())
        kinds["committee_seat"] = by_role((seat, seat))
        from renda.appointments.models import Appraisal

        planned_appraisal = _first(Appraisal.objects.filter(state="planned"))
        kinds["appraisal"] = by_role((planned_appraisal, planned_appraisal))
        # Livelihood projects (livelihood.selectors): the office sees everything; members, deputies and units the
        # lists once submitted (a unit only its own projects); the other one is a candidate of next year's list,
        # still drawn up. Proposals: the office every one, a deputy their own (the other a citizen's).
        from renda.livelihood.models import LivelihoodProject, ProgressReport, ProjectBallot, ProjectProposal

        draft_candidate = _first(LivelihoodProject.objects.filter(ballot__state="draft"))
        adopted = LivelihoodProject.objects.filter(state="adopted", ballot__isnull=False)
        kinds["livelihood_project"] = by_role(
            _pair(_first(adopted.filter(unit=unit)), draft_candidate),
            unit=_pair(
                _first(adopted.filter(unit=unit)),
                _first(LivelihoodProject.objects.filter(ballot__state="published").exclude(unit=unit)),
            ),
        )
        published_ballot = _first(ProjectBallot.objects.filter(state="published"))
        kinds["livelihood_ballot"] = by_role(
            _pair(published_ballot, _first(ProjectBallot.objects.filter(state="draft")))
        )
        citizens = _first(ProjectProposal.objects.filter(source="citizen"))
        kinds["livelihood_proposal"] = by_role(
            (citizens, citizens),
            deputy=_pair(_first(ProjectProposal.objects.filter(deputy=deputy)), citizens),
        )
        # Findings of deputies' inspections: the demo unit's own is with it (办理中); another unit's is answered.
        from renda.livelihood.models import Finding, FindingAssignment

        own_finding = _first(Finding.objects.filter(state="handling", inspection__project__unit=unit))
        other_finding = _first(
            Finding.objects.filter(state="answered").exclude(inspection__project__unit=unit)
        )
        kinds["livelihood_finding"] = by_role((own_finding, other_finding), unit=(own_finding, other_finding))
        kinds["livelihood_finding_assignment"] = by_role(
            _pair(
                _first(FindingAssignment.objects.filter(finding=own_finding)),
                _first(FindingAssignment.objects.filter(finding=other_finding)),
            )
        )
        photographed = ProgressReport.objects.exclude(photo="").order_by("-month", "pk")
        report = _first(photographed.exclude(project__unit=users["unit"].handling_unit_id))  # another unit's
        kinds["livelihood_report"] = by_role((report, report))
        photo = ProgressReport.objects.get(pk=report).photo  # back in this module's MEDIA_ROOT
        default_storage.save(photo.name, ContentFile(b"\x89PNG\r\n\x1a\n"))
        # Legislative outreach (legislation.selectors): every reader sees every draft (one open for comment, one
        # just received); comments: the office every one, a deputy their own, a keeper their station's (the other
        # a citizen's from the public page).
        from renda.legislation.models import ArticleText, Comment, ConsolidatedOpinion, Draft

        consulting = _first(Draft.objects.filter(state="consulting"))
        kinds["legislation_draft"] = by_role(
            _pair(consulting, _first(Draft.objects.filter(state="received")))
        )
        text = _first(ArticleText.objects.filter(version__draft__state="consulting"))
        kinds["legislation_article"] = by_role((text, text))
        public_comment = _first(Comment.objects.filter(channel="public"))
        kinds["legislation_comment"] = by_role(
            (public_comment, public_comment),
            deputy=_pair(_first(Comment.objects.filter(deputy=deputy)), public_comment),
            keeper=_pair(_first(Comment.objects.filter(station=station)), public_comment),
        )
        reported = _first(ConsolidatedOpinion.objects.filter(draft__state="reported"))
        kinds["legislation_opinion"] = by_role((reported, reported))
        # 信息员, 联络员 and experts: every reader sees every record, a keeper their station's.
        from renda.legislation.models import Liaison

        own_liaison = _first(Liaison.objects.filter(station=station))
        other_liaison = _first(Liaison.objects.exclude(station=station).exclude(station=None))
        kinds["legislation_liaison"] = by_role(
            (other_liaison, other_liaison), keeper=_pair(own_liaison, other_liaison)
        )
        # A public comment's tracking code (a real one, one that matches nothing).
        kinds["legislation_tracking_code"] = by_role(
            (Comment.objects.get(pk=public_comment).tracking_code, "00000000")
        )
        # Oversight (oversight.selectors): the office, members and deputies see every item; a unit the items of its
        # own body (the demo unit's law inspection; the other one a report of another body); the published plan.
        from renda.oversight.models import (
            FilingDocument,
            Interpellation,
            OversightItem,
            OversightPlan,
            Rectification,
        )

        reported_item = _first(OversightItem.objects.filter(state="reported").exclude(body=unit))
        kinds["oversight_item"] = by_role(
            (reported_item, reported_item),
            unit=_pair(_first(OversightItem.objects.filter(body=unit)), reported_item),
        )
        plan = _first(OversightPlan.objects.all())
        kinds["oversight_plan"] = by_role((plan, plan))
        rectification = _first(Rectification.objects.filter(state="open").exclude(item__body=unit))
        kinds["oversight_rectification"] = by_role((rectification, rectification))
        # Deliberation opinions' assignments: a unit its own body's (the demo unit's body has none: the other's),
        # the other one another body's, still to be signed for.
        from renda.oversight.models import DeliberationOpinionAssignment

        kinds["oversight_opinion_assignment"] = by_role(
            _pair(
                _first(DeliberationOpinionAssignment.objects.filter(unit=unit)),
                _first(DeliberationOpinionAssignment.objects.filter(state="assigned").exclude(unit=unit)),
            )
        )
        interpellation = _first(Interpellation.objects.exclude(body=unit))
        kinds["interpellation"] = by_role((interpellation, interpellation))
        filing = _first(FilingDocument.objects.exclude(issuer=unit))
        kinds["filing"] = by_role((filing, filing))
        # Budget alerts (budget.selectors): the office and members see every one; a unit the alerts sent to it (its
        # own: one inquired of it; the other: one still to review). Imports: the office and members.
        from renda.budget.models import Alert, BudgetImport

        to_review = _first(Alert.objects.filter(state="new"))
        kinds["budget_alert"] = by_role(
            (to_review, to_review),
            unit=_pair(_first(Alert.objects.filter(assignments__unit=unit)), to_review),
        )
        first_import = _first(BudgetImport.objects.all())
        kinds["budget_import"] = by_role((first_import, first_import))
        # Votes (voting.selectors): the office sees every vote; a voter the opened votes they may vote in.
        for kind, (own, other) in votes.items():
            kinds[kind] = by_role((other, other), deputy=(own, other), member=(own, other))
        self.kinds = kinds

    @staticmethod
    def _setup(users) -> tuple[int, int]:
        """What the demo lacks: a draft of a deputy without an account (entered by the office) with a co-signer
        invited; a case just assigned to another unit than the demo unit; attachments (one on the demo deputy's
        own draft, one on that other draft); reply letters (below). Returns the attachments' pks (own, other)."""
        from django.utils import timezone

        from renda.accounts.services import user_create
        from renda.casework.models import AssignmentRole, AssignmentState
        from renda.core.roles import Role
        from renda.deputies.models import Deputy
        from renda.org.models import HandlingUnit
        from renda.suggestions.models import (
            Assignment,
            ResultCategory,
            State,
            Suggestion,
        )
        from renda.suggestions.services import (
            attachments_add,
            cosigners_invite,
            reply_send,
            suggestion_assign,
            suggestion_create,
        )

        deputy, member = users["deputy"].deputy, users["member"].deputy
        strangers = Deputy.objects.filter(level=deputy.level, status=deputy.status, user__isnull=True)
        lead, cosigner = strangers.exclude(pk__in=[deputy.pk, member.pk]).order_by("pk")[:2]
        other = suggestion_create(
            lead_deputy=lead, title="修缮村道的建议", content="村道年久失修，建议修缮。", actor=users["clerk"]
        )
        cosigners_invite(suggestion=other, deputies=[cosigner], actor=users["clerk"])
        accepted = (
            Suggestion.objects.filter(state=State.ACCEPTED).exclude(lead_deputy=deputy).order_by("pk").last()
        )
        unit = HandlingUnit.objects.exclude(pk=users["unit"].handling_unit_id).order_by("pk").first()
        suggestion_assign(suggestion=accepted, on=timezone.localdate(), lead=unit, actor=users["clerk"])

        def pdf():
            content = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
            return SimpleUploadedFile("说明.pdf", content, "application/pdf")

        own = Suggestion.objects.filter(state=State.DRAFT, lead_deputy=deputy).order_by("pk").first()
        attachments = [
            *attachments_add(suggestion=own, files=[pdf()], actor=users["deputy"]),
            *attachments_add(suggestion=other, files=[pdf()], actor=users["clerk"]),
        ]

        # Reply letters: the demo's replies have none. The demo unit answers one of its cases with a letter, and
        # so does an officer of another unit on a case the demo deputy and unit have no tie to.
        category = ResultCategory.objects.filter(active=True, needs_follow_up=False).order_by("pk").first()
        answerable = Assignment.objects.filter(
            state=AssignmentState.ACCEPTED,
            role__in=[AssignmentRole.LEAD, AssignmentRole.SPLIT],
            contacts__isnull=False,
        ).order_by("pk")
        mine = answerable.filter(unit=users["unit"].handling_unit).first()
        theirs = (
            answerable.exclude(unit=users["unit"].handling_unit)
            .exclude(suggestion__lead_deputy=deputy)
            .exclude(suggestion__cosigners__deputy=deputy)
            .first()
        )
        officer = user_create(
            username="officer-elsewhere",
            password="renda-matrix-2024",
            full_name="他单位经办人",
            roles=[Role.UNIT],
            handling_unit=theirs.unit,
            actor=users["admin"],
        )
        for assignment, actor in ((mine, users["unit"]), (theirs, officer)):
            letter = SimpleUploadedFile("答复函.pdf", pdf().read(), "application/pdf")
            reply_send(
                assignment=assignment,
                result_category=category,
                text="经研究，已按建议办理。",
                signer="李明",
                letter=letter,
                actor=actor,
            )
        return attachments[0].pk, attachments[1].pk

    @staticmethod
    def _setup_opinions(users) -> None:
        """Open departments' assignments of opinions none of the demo roles sees (the demo's open ones are all the
        demo unit's): the office takes two opinions at a station of neither the keeper nor the demo deputy and
        forwards them to two other departments. The lead of the first signs for it and its joint department asks
        to be replaced; the second waits to be signed for."""
        from renda.accounts.services import user_create
        from renda.casework import services as casework
        from renda.core.roles import Role
        from renda.deputies.models import LiaisonStation
        from renda.opinions.models import Channel
        from renda.opinions.services import opinion_forward, opinion_take
        from renda.org.models import HandlingUnit

        clerk, deputy, keeper = users["clerk"], users["deputy"].deputy, users["keeper"]
        station = (
            LiaisonStation.objects.exclude(pk__in=[keeper.station_id, deputy.station_id or 0])
            .order_by("pk")
            .first()
        )
        lead, joint = HandlingUnit.objects.exclude(pk=users["unit"].handling_unit_id).order_by("pk")[:2]
        officer = {
            unit: user_create(
                username=f"opinion-officer-{n}",
                password="renda-matrix-2024",
                full_name="他单位经办人",
                roles=[Role.UNIT],
                handling_unit=unit,
                actor=users["admin"],
            )
            for n, unit in enumerate((lead, joint))
        }
        forwarded = [
            opinion_forward(
                opinion=opinion_take(
                    actor=clerk,
                    channel=Channel.VISIT,
                    title="村口道路雨后积水",
                    content="村口道路雨后积水严重，群众出行不便。",
                    station=station,
                ),
                lead=lead,
                joint=joint_units,
                actor=clerk,
            )
            for joint_units in ([joint], [])
        ]
        casework.sign_for(assignment=forwarded[0].assignments.get(unit=lead), actor=officer[lead])
        casework.request_reassignment(
            assignment=forwarded[0].assignments.get(unit=joint),
            reason="不属于本单位职责。",
            actor=officer[joint],
        )

    @staticmethod
    def _setup_voting(users) -> dict[str, tuple[int, int]]:
        """Votes besides the demo's (its meetings' votes are all closed, and the demo deputy, no member, is a
        voter of none): per kind, one the demo deputy and member vote in and one they do not; "vote" open,
        "vote:closed" closed with the demo deputy's ballot."""
        from renda.deputies.models import Deputy
        from renda.voting.models import VoteEvent
        from renda.voting.services import ballot_cast, vote_close, vote_event_create, vote_open

        deputy, member, clerk = users["deputy"].deputy, users["member"].deputy, users["clerk"]
        others = list(Deputy.objects.exclude(pk__in=[deputy.pk, member.pk]).order_by("pk")[:3])
        votes: dict[str, tuple[int, int]] = {}
        for kind in ("vote", "vote:closed"):
            pair = []
            for electorate in ([deputy, member, *others], others):
                event = vote_event_create(
                    subject=None,
                    title="关于开展法治宣传教育的决议（草案）",
                    method=VoteEvent.Method.NAMED,
                    threshold=VoteEvent.Threshold.ALL_MAJORITY,
                    entitled=15,
                    electorate=electorate,
                    actor=clerk,
                )
                event = vote_open(event=event, actor=clerk)
                if kind == "vote:closed":
                    if deputy in electorate:
                        ballot_cast(event=event, deputy=deputy, choice="yes", actor=users["deputy"])
                    event = vote_close(event=event, actor=clerk)
                pair.append(event.pk)
            votes[kind] = (pair[0], pair[1])
        return votes

    @staticmethod
    def _setup_duties(users) -> None:
        """Duty records, of which the demo has none: an entry the demo deputy reports and one the office enters
        for another deputy, both to decide; reports to voters at the keeper's station with the demo deputy and
        at another station without them, one of each scheduled for today and one of each held with ballots
        issued."""
        from django.utils import timezone

        from renda.deputies.models import Deputy, LiaisonStation
        from renda.duties.models import EntryKind
        from renda.duties.services import (
            duty_entry_submit,
            duty_report_ballots_issue,
            duty_report_hold,
            duty_report_schedule,
        )

        deputy, member = users["deputy"].deputy, users["member"].deputy
        keeper, clerk = users["keeper"], users["clerk"]
        other = (
            Deputy.objects.filter(status=deputy.status, user__isnull=True)
            .exclude(pk__in=[deputy.pk, member.pk])
            .order_by("pk")
            .first()
        )
        today = timezone.localdate()

        def proof():
            content = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
            return SimpleUploadedFile("证明.pdf", content, "application/pdf")

        for who, actor in ((deputy, users["deputy"]), (other, clerk)):
            duty_entry_submit(
                deputy=who,
                kind=EntryKind.CONTACT_VOTERS,
                title="走访联系选民",
                date=today,
                description="走访村民小组，听取意见。",
                proof=proof(),
                actor=actor,
            )
        elsewhere = (
            LiaisonStation.objects.exclude(pk__in=[keeper.station_id, deputy.station_id or 0])
            .order_by("pk")
            .first()
        )
        for station, who, actor in ((keeper.station, deputy, keeper), (elsewhere, other, clerk)):
            for held in (False, True):
                report = duty_report_schedule(
                    station=station, date=today, place="联络站会议室", deputies=[who], actor=actor
                )
                if held:
                    report = duty_report_hold(
                        report=report, voters_present=30, report_text="一年来的履职情况。", actor=actor
                    )
                    duty_report_ballots_issue(report=report, count=2, actor=actor)

    def pair(self, kind: str, role: str) -> tuple[int | str, int | str]:
        return self.kinds[kind][role]


# ---------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def world(demo, django_db_blocker, tmp_path_factory):
    """Signed-in clients of the demo roles and the objects of each kind; rolled back after the module."""
    from django.test import override_settings

    from renda.accounts.models import User

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        users = {role: User.objects.get(pk=pk) for role, pk in demo.users.items()}
        clients = {"anonymous": Client()}
        for role, user in users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        objects = Objects(users)
        connection.check_constraints()  # once for the rows made here (see the demo fixture in conftest.py)
        yield objects, clients
        transaction.set_rollback(True)


# ---------------------------------------------------------------------------------------------- observing


def _url(endpoint: Endpoint, value: int | str | None) -> str:
    """The endpoint's URL for one object: its pk, or the one other argument its kind yields."""
    return reverse(endpoint.name, kwargs={endpoint.kwargs[0]: value} if endpoint.kwargs else None)


def _request(client: Client, method: str, url: str, api: bool) -> tuple[str, list[str]]:
    """(outcome, tables written) of one request, rolled back, the client's cookies kept (a logout or a
    password change would otherwise end its session for the next requests)."""
    cookies = copy.deepcopy(client.cookies)
    kwargs = {}
    if method != "get" and method != "delete":
        kwargs = {"data": "{}", "content_type": "application/json"} if api else {"data": {}}
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(url, **kwargs)
            transaction.set_rollback(True)
    except Exception as exc:  # what a view raised: a 500 in production
        return f"500 ({type(exc).__name__})", []
    finally:
        client.cookies = cookies
    written = [
        match.group(1)
        for query in queries.captured_queries
        if (match := WRITE_SQL.match(query["sql"])) and not UNCHECKED_TABLES.match(match.group(1))
    ]
    return outcome(response), written


def _write_methods(endpoint: Endpoint) -> list[str]:
    if endpoint.methods is None:
        return ["post"]
    return [m for m in WRITE_METHODS if m in endpoint.methods]


@dataclass
class Observed:
    get: dict[str, Cell]
    write: dict[str, Cell] | None
    writes_done: list[str]  # refused requests that wrote anyway


def observe(
    name: str, world, expected: tuple[str, str, str | None] | None = None, kind: str = ""
) -> Observed:
    """What each role gets. With the expected row, writes are sent only where they must be refused, and each
    single-valued cell is checked on one object (the other one for an `ok`, the own one for a refusal)."""
    objects, clients = world
    endpoint = endpoints()[name]
    kind = expected[0] if expected else kind
    assert bool(endpoint.kwargs) == bool(kind), (
        f"{name}: the object kind must be given exactly for URLs with an argument"
    )
    assert len(endpoint.kwargs) <= 1, f"{name}: one URL argument at most ({endpoint.kwargs})"
    want_get = parse_row(expected[1]) if expected else None
    want_write = parse_row(expected[2]) if expected and expected[2] else None
    get: dict[str, Cell] = {}
    write: dict[str, Cell] = {}
    writes_done: list[str] = []
    for role in ROLES:
        own, other = objects.pair(kind, role) if kind else (None, None)
        urls = {"own": _url(endpoint, own), "other": _url(endpoint, other)}

        def probe(cell: Cell | None, send) -> Cell:
            """Send to the sides the cell needs: both for an own/other cell (or when recording), for one value
            the other object when it is `ok` and the own one when it is a refusal; a `-` side is not sent."""
            if not kind:
                wanted = ["own"]
            elif cell is None or cell.own != cell.other:
                wanted = ["own", "other"]
            else:
                wanted = ["other"] if cell.own == "ok" else ["own"]
            seen = {}
            for side in wanted:
                expect = None if cell is None else (cell.own if side == "own" else cell.other)
                seen[side] = "-" if expect == "-" else send(urls[side], expect)
            return Cell(seen.get("own", seen.get("other")), seen.get("other", seen.get("own")))

        def send_get(url: str, expect: str | None) -> str:
            return _request(clients[role], "get", url, endpoint.api)[0]

        def send_writes(url: str, expect: str | None) -> str:
            results = []
            for method in _write_methods(endpoint):
                result, written = _request(clients[role], method, url, endpoint.api)
                results.append(result)
                if written and expect is not None:
                    writes_done.append(
                        f"{role} {method.upper()} {url}: {result}, wrote {sorted(set(written))}"
                    )
            return results[0] if len(set(results)) == 1 else "|".join(results)

        get[role] = probe(want_get[role] if want_get else None, send_get)
        if expected is None or want_write is not None:
            write[role] = probe(want_write[role] if want_write else None, send_writes)
    return Observed(get, write or None, writes_done)


def _suggested(name: str, observed: Observed, kind: str) -> str:
    write = f'"{format_row(observed.write)}"' if observed.write else "None"
    return f'    "{name}": ("{kind}", "{format_row(observed.get)}", {write}),'


# ---------------------------------------------------------------------------------------------- the admin site


@cache
def _admin_models() -> dict[str, type]:
    """ "deputies_deputy" → Deputy, for every model registered with the admin site."""
    from django.contrib import admin

    return {f"{model._meta.app_label}_{model._meta.model_name}": model for model in admin.site._registry}


def _admin_url(endpoint: Endpoint) -> str:
    """The admin URL with its arguments filled from the demo: a model's first row, its app."""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse as reverse_path

    model = None
    route_model = re.match(r"admin/(\w+)/(\w+)/", endpoint.route)
    if route_model:
        model = _admin_models().get("_".join(route_model.groups()))
    else:
        model = next(
            (m for key, m in _admin_models().items() if endpoint.name.startswith(f"admin:{key}_")), None
        )

    def first(queryset) -> str:
        return str(queryset.order_by("pk").values_list("pk", flat=True).first() or 999999)

    kwargs: dict[str, str] = {}
    args: list[str] = []
    if "content_type_id" in endpoint.kwargs:  # view on site
        from renda.deputies.models import Deputy

        kwargs = {"content_type_id": str(ContentType.objects.get_for_model(Deputy).pk)}
        kwargs["object_id"] = first(Deputy.objects.all())
    for name in set(endpoint.kwargs) - set(kwargs):
        if name in ("object_id", "id"):
            kwargs[name] = first(model._default_manager.all())
        elif name == "app_label":
            kwargs[name] = model._meta.app_label if model else "deputies"
        elif name == "url":
            kwargs[name] = "no-such-page/"
        else:
            raise AssertionError(f"{endpoint.name}: argument {name} of an admin URL")
    if endpoint.positional == 2:  # django-simple-history: (object id, history id)
        record = model.history.order_by("history_id").first()
        args = [str(record.pk if record else 999999), str(record.history_id if record else 999999)]
        return reverse_path(endpoint.name, args=args)
    if endpoint.name.startswith("admin:admin/"):  # unnamed: resolve by its route
        route = endpoint.route.removeprefix("admin/")
        for name, value in kwargs.items():
            route = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", value, route)
        return "/admin/" + route.lstrip("^").rstrip("$")
    return reverse_path(endpoint.name, kwargs=kwargs)


def admin_row(name: str) -> tuple[str, str, str | None]:
    """The row of an admin URL: its own, else the first matching pattern of MATRIX's admin keys, else admin:*."""
    if name in MATRIX:
        return MATRIX[name]
    for key, row in MATRIX.items():
        if key != "admin:*" and key.startswith("admin:") and fnmatch.fnmatchcase(name, key):
            return row
    return MATRIX["admin:*"]


# ---------------------------------------------------------------------------------------------- tests


def test_every_endpoint_is_in_the_matrix():
    missing = [name for name in site_endpoints() if name not in MATRIX]
    assert not missing, "new endpoints not in the matrix (add a row to MATRIX):\n" + "\n".join(missing)
    admin = admin_endpoints()
    stale = sorted(
        key
        for key in set(MATRIX) - set(site_endpoints())
        if not any(fnmatch.fnmatchcase(name, key) for name in admin)
    )
    assert not stale, f"rows of MATRIX without an endpoint: {stale}"
    stale_leaks = sorted({name for name, _ in [*KNOWN_LEAKS, *KNOWN_LOOSE]} - set(MATRIX))
    assert not stale_leaks, f"KNOWN_LEAKS entries without a row: {stale_leaks}"


@pytest.mark.parametrize("name", site_endpoints())
def test_endpoint(name, world, db):
    if name not in MATRIX:
        observed = observe(name, world, None)
        pytest.fail(
            f"{name} is not in the matrix; what each role gets now:\n{_suggested(name, observed, '?')}"
        )
    kind, get_row, write_row = MATRIX[name]
    observed = observe(name, world, MATRIX[name])
    expected_get = parse_row(get_row)
    expected_write = parse_row(write_row) if write_row else None
    wrong, fixed = [], []
    for role in ROLES:
        right = matches(expected_get[role], observed.get[role]) and (
            expected_write is None or matches(expected_write[role], observed.write[role])
        )
        known = KNOWN_LEAKS.get((name, role)) or KNOWN_LOOSE.get((name, role))
        if known:
            if right:
                fixed.append(f"{role}: {known}")
        elif not right:
            got = f"GET {observed.get[role]}" + (f", write {observed.write[role]}" if expected_write else "")
            want = f"GET {expected_get[role]}" + (f", write {expected_write[role]}" if expected_write else "")
            wrong.append(f"{role}: expected {want}, got {got}")
    assert not observed.writes_done, f"{name}: refused requests wrote:\n" + "\n".join(observed.writes_done)
    assert not wrong, f"{name}:\n" + "\n".join(wrong) + f"\nobserved row:\n{_suggested(name, observed, kind)}"
    assert not fixed, f"{name}: KNOWN_* entries now behave as MATRIX says, remove them:\n" + "\n".join(fixed)


@pytest.mark.parametrize("name", admin_endpoints())
def test_admin_site(name, world, db):
    """Only the administrator enters the Django admin site; everyone else is sent to its login page, reads and
    writes alike. One object per page (a model's first row); the administrator's delete confirmations are not
    opened (they collect every cascaded row)."""
    objects, clients = world
    endpoint = endpoints()[name]
    url = _admin_url(endpoint)
    kind, get_row, write_row = admin_row(name)
    expected_get = parse_row(get_row)
    expected_write = parse_row(write_row) if write_row else None
    observed_get, observed_write, written = {}, {}, []
    for role in ROLES:
        skip = role == "admin" and name.endswith("_delete")
        observed_get[role] = "-" if skip else _request(clients[role], "get", url, False)[0]
        if expected_write is None:
            continue
        if expected_write[role].own == "-":
            observed_write[role] = "-"
            continue
        observed_write[role], tables = _request(clients[role], "post", url, False)
        if tables:
            written.append(f"{role} POST {url}: wrote {sorted(set(tables))}")
    wrong = [
        f"{role} {method} {url}: expected {want[role].own}, got {got[role]}"
        for method, want, got in (
            ("GET", expected_get, observed_get),
            ("POST", expected_write, observed_write),
        )
        if want
        for role in ROLES
        if got[role] != "-" and not _same(want[role].own, got[role])
    ]
    assert not written, "refused requests wrote:\n" + "\n".join(written)
    row = "  ".join(f"{observed_get[role]:7}" for role in ROLES)
    write = "  ".join(f"{observed_write.get(role, '-'):7}" for role in ROLES) if expected_write else None
    assert not wrong, "\n".join(wrong) + f'\nobserved row:\n    "{name}": ("", "{row}", "{write}"),'
