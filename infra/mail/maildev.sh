#!/usr/bin/env bash
# A real SMTP server with a web inbox and a REST API for the mail Jobgraph sends in
# development and tests: maildev from npm, installed into ./.tools (git-ignored).
#
#   maildev.sh fetch   install maildev (skipped when present)
#   maildev.sh start   start it on 127.0.0.1; stdout ends with
#                      SMTP_URL=smtp://127.0.0.1:<port> and MAIL_WEB_URL=http://127.0.0.1:<port>
#   maildev.sh stop    stop the one this script started (by its recorded PID)
#
# Environment: MAILDEV_SMTP_PORT (default: a free port), MAILDEV_WEB_PORT (likewise),
# MAILDEV_RUN_DIR (default ./run/current).
# Progress goes to stderr; stdout only carries KEY=value lines.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="$SCRIPT_DIR/.tools"
VERSION=3.0.0
BIN="$TOOLS/node_modules/maildev/dist/bin/maildev.js"
RUN_DIR="${MAILDEV_RUN_DIR:-$SCRIPT_DIR/run/current}"
HOST=127.0.0.1

log() { printf '[maildev] %s\n' "$*" >&2; }
die() { printf '[maildev] error: %s\n' "$*" >&2; exit 1; }

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

cmd_fetch() {
  mkdir -p "$TOOLS"
  (
    flock 9
    if [[ -f "$BIN" ]] && grep -q "\"version\": \"$VERSION\"" "$TOOLS/node_modules/maildev/package.json"; then
      log "maildev $VERSION already installed"
      exit 0
    fi
    log "installing maildev $VERSION from npm into $TOOLS ..."
    npm install --silent --no-audit --no-fund --prefix "$TOOLS" "maildev@$VERSION" >&2
  ) 9>"$TOOLS/.fetch.lock"
  [[ -f "$BIN" ]] || die "maildev missing after install"
}

live_pid() {
  [[ -f "$RUN_DIR/maildev.pid" ]] || return 0
  local pid
  pid="$(cat "$RUN_DIR/maildev.pid")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$BIN" || return 0
  printf '%s\n' "$pid"
}

cmd_start() {
  cmd_fetch
  mkdir -p "$RUN_DIR"
  if [[ -n "$(live_pid)" ]]; then
    log "already running"
    cat "$RUN_DIR/env"
    return 0
  fi
  local smtp="${MAILDEV_SMTP_PORT:-$(free_port)}" web="${MAILDEV_WEB_PORT:-$(free_port)}"
  nohup node "$BIN" --ip "$HOST" --smtp "$smtp" --web "$web" --web-ip "$HOST" >"$RUN_DIR/maildev.log" 2>&1 &
  echo $! >"$RUN_DIR/maildev.pid"
  for _ in $(seq 1 100); do
    if curl -sf "http://$HOST:$web/api/healthz" >/dev/null 2>&1; then
      printf 'SMTP_URL=smtp://%s:%s\nMAIL_WEB_URL=http://%s:%s\n' "$HOST" "$smtp" "$HOST" "$web" | tee "$RUN_DIR/env"
      return 0
    fi
    kill -0 "$(cat "$RUN_DIR/maildev.pid")" 2>/dev/null || { cat "$RUN_DIR/maildev.log" >&2; die "maildev exited"; }
    sleep 0.2
  done
  die "maildev did not answer on port $web"
}

cmd_stop() {
  local pid
  pid="$(live_pid)"
  [[ -n "$pid" ]] || { log "not running"; return 0; }
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$RUN_DIR/maildev.pid" "$RUN_DIR/env"
  log "stopped $pid"
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  *) die "usage: maildev.sh fetch|start|stop" ;;
esac
