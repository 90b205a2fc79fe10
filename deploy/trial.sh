#!/usr/bin/env bash
# The steps of docs/deploy.md, run on this machine as far as it allows: a PostgreSQL database of its own, the
# documented environment (deploy/renda.env.example, adapted only in the database, folders, host and mail),
# migrate, collectstatic, check --deploy, an administrator, gunicorn with deploy/gunicorn.conf.py, /health/
# through the proxy's headers, the daily tick, a backup, the health report naming it, a restore into a fresh
# database and media folder; and, where the tools are installed, nginx -t, systemd-analyze verify and
# logrotate -d on the shipped files. Run by .ci/run; TRIAL_PG (default postgres://postgres@127.0.0.1:5432)
# names the server, PY the interpreter (default .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PG=${TRIAL_PG:-postgres://postgres@127.0.0.1:5432}
PORT=${TRIAL_PORT:-8765}
HOST=renda.example.gov.cn
db="renda_trial_$$"
work=$(mktemp -d)
gunicorn_pid=""

step() { printf '\n== %s ==\n' "$*"; }
cleanup() {
  [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null
  psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP DATABASE IF EXISTS ${db}_restore WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT

step "1. PostgreSQL：新建数据库 $db"
command -v psql >/dev/null || { echo "缺少 psql：请安装 postgresql-client"; exit 1; }
psql -q "$PG/postgres" -c "CREATE DATABASE $db"

step "3. 环境变量（deploy/renda.env.example）"
set -a
# shellcheck source=renda.env.example
. deploy/renda.env.example
set +a
export DATABASE_URL="$PG/$db" MEDIA_ROOT="$work/media" BACKUP_DIR="$work/backups"
export ALLOWED_HOSTS="$HOST,127.0.0.1" EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS=2

step "4. 迁移、收集静态文件、部署检查、管理员"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py check --deploy --fail-level WARNING
DJANGO_SUPERUSER_PASSWORD="trial-$(date +%s)-Renda" "$PY" manage.py createsuperuser --noinput --username itadmin --email itadmin@example.gov.cn

step "5. gunicorn（deploy/gunicorn.conf.py）"
"$(dirname "$PY")/gunicorn" -c deploy/gunicorn.conf.py config.wsgi >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
get() { curl -s -o "$work/body" -w '%{http_code}' -H "Host: $HOST" -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT$1"; }
for _ in $(seq 1 60); do
  code=$(get /accounts/login/ || true)
  [ "$code" = 200 ] && break
  sleep 0.5
done
[ "$code" = 200 ] || { echo "gunicorn 未能启动："; cat "$work/gunicorn.log"; exit 1; }
echo "登录页 200"
code=$(get /static/core/charts.js); [ "$code" = 200 ] || { echo "静态文件 $code"; exit 1; }
echo "静态文件 200"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $HOST" "http://127.0.0.1:$PORT/health/")
[ "$code" = 301 ] || { echo "未经 HTTPS 的请求应转到 HTTPS，实为 $code"; exit 1; }
echo "HTTP → HTTPS 301"
code=$(get /health/); [ "$code" = 503 ] || { echo "尚未运行定时任务和备份时 /health/ 应为 503，实为 $code"; cat "$work/body"; exit 1; }
echo "/health/ 503（尚未运行定时任务和备份）"

step "7. 每日定时任务与夜间备份（deploy/renda.cron 中的命令）"
"$PY" manage.py renda_tick
"$PY" manage.py renda_backup
archive=$(ls "$BACKUP_DIR"/renda-backup-*.tar.gz)
code=$(get /health/); [ "$code" = 200 ] || { echo "/health/ 应为 200，实为 $code"; cat "$work/body"; exit 1; }
grep -q "$(basename "$archive")" "$work/body" || { echo "/health/ 没有报告最近的备份"; cat "$work/body"; exit 1; }
echo "/health/ 200，报告最近备份 $(basename "$archive")"

step "9. 恢复到新的空数据库"
psql -q "$PG/postgres" -c "CREATE DATABASE ${db}_restore"
DATABASE_URL="$PG/${db}_restore" MEDIA_ROOT="$work/media-restored" "$PY" manage.py renda_restore "$archive"

step "随附的 nginx、systemd、logrotate 配置"
if command -v nginx >/dev/null; then echo "nginx 已安装；deploy/nginx.conf 需要证书后才能 nginx -t：跳过"
else echo "未安装 nginx：跳过 nginx -t"; fi
if command -v systemd-analyze >/dev/null && [ -d /run/systemd/system ]; then
  systemd-analyze verify deploy/renda.service || echo "systemd-analyze 报告了问题（见上）"
else echo "systemd 未在运行：跳过 systemd-analyze verify"; fi
if command -v logrotate >/dev/null; then
  if logrotate -d deploy/logrotate.conf >"$work/logrotate.out" 2>&1; then echo "logrotate -d 通过"
  else echo "logrotate -d 报告（本机没有 renda 用户和 /var/log/renda 时属正常）："; tail -3 "$work/logrotate.out"; fi
else echo "未安装 logrotate：跳过 logrotate -d"; fi

step "完成"
