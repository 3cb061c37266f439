#!/usr/bin/env bash
# An S3-compatible server on 127.0.0.1 for tests: Versity Gateway (versitygw) with its
# posix backend, built from the Go module proxy with `go install` (no Docker).
#
#   s3.sh fetch   build the binary into ./.cache/bin (skipped when present)
#   s3.sh start   start a server in the background; stdout carries
#                 S3_ENDPOINT=http://127.0.0.1:<port>  S3_ACCESS_KEY=…  S3_SECRET_KEY=…
#   s3.sh stop    stop the server this script started (by PID, after checking its command line)
#   s3.sh status  exit 0 and say "running" if it runs, exit 3 otherwise
#
# Environment:
#   S3_PORT          listen port (default: a free one)
#   S3_RUN_DIR       run directory (data, log, pid); default ./run/current
#   S3_START_TIMEOUT seconds to wait for the port (default 60)
#
# Progress goes to stderr; stdout only carries KEY=value lines.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$SCRIPT_DIR/.cache"
BIN="$CACHE/bin/versitygw"
MODULE=github.com/versity/versitygw/cmd/versitygw
VERSION=v1.8.0
RUN_DIR="${S3_RUN_DIR:-$SCRIPT_DIR/run/current}"
HOST=127.0.0.1
ACCESS_KEY=jobgraph-test
SECRET_KEY=jobgraph-test-secret-key-0123456789

log() { printf '[s3] %s\n' "$*" >&2; }
die() { printf '[s3] error: %s\n' "$*" >&2; exit 1; }

cmd_fetch() {
  mkdir -p "$CACHE"
  (
    flock 9
    if [[ -x "$BIN" && -f "$CACHE/bin/.version" && "$(cat "$CACHE/bin/.version")" == "$VERSION" ]]; then
      log "versitygw $VERSION already built"
      exit 0
    fi
    command -v go >/dev/null || die "go not found on PATH"
    log "building $MODULE@$VERSION (first time only; a few minutes)"
    local started=$SECONDS
    GOBIN="$CACHE/bin" GOMODCACHE="$CACHE/gomod" GOCACHE="$CACHE/gobuild" GOFLAGS=-modcacherw \
      go install "$MODULE@$VERSION" >&2
    echo "$VERSION" >"$CACHE/bin/.version"
    log "built in $((SECONDS - started)) s"
  ) 9>"$CACHE/.fetch.lock"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

is_ours() { # <pid>: the process is a versitygw started from this cache
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q "^$BIN "
}

cmd_status() {
  if [[ -f "$RUN_DIR/pid" ]] && is_ours "$(cat "$RUN_DIR/pid")"; then
    echo running
    return 0
  fi
  echo stopped
  return 3
}

cmd_start() {
  cmd_fetch
  if cmd_status >/dev/null; then
    log "already running"
    cat "$RUN_DIR/env"
    return 0
  fi
  local port="${S3_PORT:-$(free_port)}"
  mkdir -p "$RUN_DIR/data"
  log "starting versitygw on $HOST:$port (data in $RUN_DIR/data)"
  ROOT_ACCESS_KEY="$ACCESS_KEY" ROOT_SECRET_KEY="$SECRET_KEY" \
    setsid "$BIN" --port "$HOST:$port" posix "$RUN_DIR/data" </dev/null >"$RUN_DIR/log" 2>&1 &
  echo $! >"$RUN_DIR/pid"
  local deadline=$((SECONDS + ${S3_START_TIMEOUT:-60}))
  until (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; do
    kill -0 "$(cat "$RUN_DIR/pid")" 2>/dev/null || { tail -n 20 "$RUN_DIR/log" >&2; die "versitygw exited"; }
    ((SECONDS < deadline)) || die "versitygw did not open $HOST:$port in time"
    sleep 0.2
  done
  printf 'S3_ENDPOINT=http://%s:%s\nS3_ACCESS_KEY=%s\nS3_SECRET_KEY=%s\n' "$HOST" "$port" "$ACCESS_KEY" "$SECRET_KEY" | tee "$RUN_DIR/env"
}

cmd_stop() {
  [[ -f "$RUN_DIR/pid" ]] || { log "not running"; return 0; }
  local pid
  pid="$(cat "$RUN_DIR/pid")"
  if is_ours "$pid"; then
    kill "$pid"
    for _ in $(seq 1 50); do is_ours "$pid" || break; sleep 0.1; done
    is_ours "$pid" && kill -9 "$pid"
    log "stopped $pid"
  fi
  rm -f "$RUN_DIR/pid" "$RUN_DIR/env"
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) die "usage: s3.sh fetch|start|stop|status" ;;
esac
