"""Renda settings: one file, driven by environment variables (see the README's configuration table)."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(int(default))).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def stored_secret_key(path: Path) -> str:
    """The secret key kept in `path` (mode 0600), generated on first use. The new key is written to a private
    file and hard-linked into place, which fails if another process got there first: processes started
    together (gunicorn's workers, test workers) all read the same key."""
    if not path.exists():
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.unlink(missing_ok=True)
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    key = path.read_text().strip()
    if len(key) < 50:
        raise ImproperlyConfigured(f"密钥文件 {path} 内容无效：请删除该文件，重新启动时将自动生成新密钥。")
    return key


# DEBUG is off unless asked for (DEBUG=1 while developing): error pages never show tracebacks or settings.
DEBUG = env_bool("DEBUG", False)
# SECRET_KEY from the environment, else one generated once into var/secret_key and kept.
SECRET_KEY = os.environ.get("SECRET_KEY") or stored_secret_key(VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "simple_history",
    "renda.accounts.axes_config.AxesConfig",  # django-axes, its admin section named in Chinese
    "renda.core",
    "renda.org",
    "renda.accounts",
    "renda.deputies",
    "renda.casework",
    "renda.suggestions",
    "renda.fund",
    "renda.opinions",
    "renda.duties",
    "renda.meetings",
    "renda.voting",
    "renda.appointments",
    "renda.livelihood",
    "renda.legislation",
    "renda.oversight",
    "renda.budget",
    "renda.ops",  # after the areas: its tick job records a complete run
    "renda.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "renda.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "renda.core.middleware.SecurityHeadersMiddleware",
    "renda.core.middleware.PrivateCacheMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renda.core.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.static", "renda.core.templatetags.renda"],
        },
    }
]

# The budget supervision's analytical store (renda/budget/store.py): DuckDB over Parquet files under
# var/budget/ by default; "postgres://…" (tables in schema BUDGET_STORE_SCHEMA) or "spark://local[*]" / a
# cluster's master URL.
BUDGET_STORE = os.environ.get("BUDGET_STORE", "")
BUDGET_STORE_SCHEMA = os.environ.get("BUDGET_STORE_SCHEMA", "budget")
# An import from the import page runs in a thread of the web process, its progress polled by the page; the
# uploaded file waits under BUDGET_UPLOAD_DIR (default var/budget-uploads/) until the import ends.
BUDGET_IMPORT_BACKGROUND = env_bool("BUDGET_IMPORT_BACKGROUND", True)
BUDGET_UPLOAD_DIR = os.environ.get("BUDGET_UPLOAD_DIR", "")

# SQLite under var/ by default; PostgreSQL (or any engine) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'renda.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    # The statistics' covering indexes (INCLUDE columns) are for PostgreSQL; SQLite keeps their keys alone.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
FILTERS_EMPTY_CHOICE_LABEL = "全部"  # a list filter left empty (django-filter)
LOCALE_PATHS = [BASE_DIR / "locale"]  # Chinese for libraries that ship none (locale/zh_Hans)
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "renda@localhost")

# Secure defaults; cookies are marked Secure when served over HTTPS (SECURE_COOKIES=1).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SESSION_COOKIE_AGE = 60 * 60 * 8
# An API token is refused this many days after it was issued; its user may revoke it sooner.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "30"))

REST_FRAMEWORK = {
    # Token first, so an anonymous request gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "renda.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "renda.core.api.PageNumberPagination",  # ?page_size= up to 200
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "renda.core.api.FilterBackend",  # django-filter, refusing junk booleans and repeated parameters
        "rest_framework.filters.OrderingFilter",
    ],
    "EXCEPTION_HANDLER": "renda.core.api.exception_handler",  # a stable `code` beside every error message
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Renda 人大履职平台 API",
    "DESCRIPTION": "县级人大及其常委会日常工作的接口。认证：POST /api/v1/auth/token/ 取得令牌，请求头 Authorization: Token <令牌>；令牌有效期见 expires_at，可随时撤销（DELETE /api/v1/auth/tokens/）。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `kind`; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "HandlingUnitKindEnum": "renda.org.models.HandlingUnit.Kind",
        "StationKindEnum": "renda.deputies.choices.StationKind",
        "TownshipKindEnum": "renda.org.models.Township.Kind",
        "CommitteeOfficeKindEnum": "renda.org.models.CommitteeOffice.Kind",
        "PositionEnum": "renda.org.models.CommitteeMembership.Position",  # the name it had before the next one
        "CommitteeOfficePositionEnum": "renda.org.models.CommitteeOfficeMembership.Position",
        "DeputyGroupKindEnum": "renda.deputies.choices.GroupKind",
        "ActivityKindEnum": "renda.deputies.choices.ActivityKind",
        "DeputyStatusEnum": "renda.deputies.choices.DeputyStatus",
        "RoleEnum": "renda.core.roles.Role",
        "MeetingKindEnum": "renda.meetings.models.MeetingKind",
        "MeetingStateEnum": "renda.meetings.models.MeetingState",
        "AgendaItemKindEnum": "renda.meetings.models.ItemKind",
        "PaperStageEnum": "renda.meetings.models.PaperStage",
        "StageEnum": "renda.casework.models.CaseContact.Stage",  # the names they had before meetings and votes
        "MethodEnum": "renda.casework.models.CaseContact.Method",
        "VoteMethodEnum": "renda.voting.models.VoteEvent.Method",
        "ResolutionKindEnum": "renda.meetings.models.ResolutionKind",
        "ResolutionStateEnum": "renda.meetings.models.ResolutionState",
        "SuggestionKindEnum": "renda.suggestions.models.Kind",
        "SuggestionStateEnum": "renda.suggestions.models.State",
        "AssignmentRoleEnum": "renda.casework.models.AssignmentRole",
        "AssignmentStateEnum": "renda.casework.models.AssignmentState",
        "CosignerStatusEnum": "renda.suggestions.models.Cosigner.Status",
        "CommitmentStatusEnum": "renda.suggestions.models.Commitment.Status",
        "SupervisionNoteKindEnum": "renda.suggestions.models.SupervisionNote.Kind",
        "DutyEntryKindEnum": "renda.duties.models.EntryKind",
        "RatingEnum": "renda.suggestions.models.Rating",
        "FundProjectStatusEnum": "renda.fund.models.FundProject.Status",
        "EvaluationRatingEnum": "renda.suggestions.api.common.RATINGS",
        "OpinionStateEnum": "renda.opinions.models.State",
        "LivelihoodBallotStateEnum": "renda.livelihood.models.BallotState",
        "LivelihoodProjectStateEnum": "renda.livelihood.models.ProjectState",
        "LegislationDraftStateEnum": "renda.legislation.models.DraftState",
        "LegislationDraftLevelEnum": "renda.legislation.models.DraftLevel",
        "DeputyLevelEnum": "renda.deputies.choices.Level",
        "LegislationWorkKindEnum": "renda.legislation.models.WorkKind",
        "OversightItemKindEnum": "renda.oversight.models.ItemKind",
        "OversightItemStateEnum": "renda.oversight.models.ItemState",
        "OversightPlanStateEnum": "renda.oversight.models.PlanState",
        "InterpellationStateEnum": "renda.oversight.models.InterpellationState",
        "FilingStateEnum": "renda.oversight.models.FilingState",
        "RectificationStateEnum": "renda.oversight.models.RectificationState",
        "BudgetAlertStateEnum": "renda.budget.models.AlertState",
        "OpinionChannelEnum": "renda.opinions.models.Channel",
        "VoteStateEnum": "renda.voting.models.State",
        "AppointmentKindEnum": "renda.appointments.models.AppointmentKind",
        "AppointmentStateEnum": "renda.appointments.models.AppointmentState",
        "PostKindEnum": "renda.appointments.models.PostKind",
        "NominatorEnum": "renda.appointments.models.Nominator",
        "AppraisalStateEnum": "renda.appointments.models.AppraisalState",
    },
}

# Rules of RULES.md marked 【地】 follow a named preset; single values can be overridden (see renda/core/rules.py).
RENDA_RULE_PRESET = os.environ.get("RENDA_RULE_PRESET", "default")
RENDA_RULE_OVERRIDES: dict[str, int] = {}
RENDA_PAGE_SIZE = 25

# Excel import bounds (renda/core/imports.py): a workbook is refused before it can exhaust memory or time.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "20000"))  # data rows under the header
IMPORT_MAX_COLUMNS = 100
IMPORT_MAX_CELL_CHARS = 32767  # Excel's own limit per cell
IMPORT_MAX_UNZIPPED_BYTES = 64 * 1024 * 1024

# Backups (manage.py renda_backup, nightly by cron; docs/deploy.md) and the health endpoint (/health/).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "14"))  # newest archives kept; 0 keeps all
HEALTH_TICK_MAX_HOURS = int(os.environ.get("HEALTH_TICK_MAX_HOURS", "26"))  # daily tick older than this: 503
HEALTH_BACKUP_MAX_HOURS = int(os.environ.get("HEALTH_BACKUP_MAX_HOURS", "26"))  # last backup older: 503
HEALTH_DISK_MIN_FREE_MB = int(os.environ.get("HEALTH_DISK_MIN_FREE_MB", "1024"))  # under data, media, backups
HEALTH_RATE = os.environ.get("HEALTH_RATE", "30/min")  # requests per client address (per server process)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
