#!/usr/bin/env bash
# Run stripe-mock (Stripe's own API mock: validates requests against Stripe's OpenAPI spec
# and answers with fixture objects), built from the Go module proxy, without Docker.
#
#   stripe-mock.sh fetch    go install the pinned version into ./bin (skipped when current)
#   stripe-mock.sh start    start it in the background on 127.0.0.1; last stdout line is
#                           STRIPE_API_BASE=http://127.0.0.1:<port>
#   stripe-mock.sh stop     stop it by its recorded PID (after checking its command line)
#   stripe-mock.sh status   exit 0 and say "running" if it runs, exit 3 otherwise
#
# Environment:
#   STRIPE_MOCK_PORT       HTTP port (default: a free port the script picks)
#   STRIPE_MOCK_RUN_DIR    run directory (pid, log). Default: a fresh run/<timestamp>-<pid>;
#                          stop/status act on it if set, else on the latest (run/current).
#   STRIPE_MOCK_VERSION    module version (default v0.203.0)
#
# Progress goes to stderr; stdout only carries KEY=value lines.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN_DIR="$SCRIPT_DIR/bin"
BIN="$BIN_DIR/stripe-mock"
VERSION="${STRIPE_MOCK_VERSION:-v0.203.0}"
MARKER="$BIN_DIR/.version"
RUN_ROOT="$SCRIPT_DIR/run"
CURRENT_LINK="$RUN_ROOT/current"
HOST=127.0.0.1

log() { printf '[stripe-mock] %s\n' "$*" >&2; }
die() { printf '[stripe-mock] error: %s\n' "$*" >&2; exit 1; }

is_fetched() { [[ -x "$BIN" && -f "$MARKER" && "$(cat "$MARKER")" == "$VERSION" ]]; }

cmd_fetch() {
  mkdir -p "$BIN_DIR"
  (
    flock 9
    if is_fetched; then log "stripe-mock $VERSION already built"; exit 0; fi
    command -v go >/dev/null || die "go not found on PATH (need Go 1.21+)"
    log "building github.com/stripe/stripe-mock@$VERSION from the Go module proxy ..."
    local started=$SECONDS
    GOBIN="$BIN_DIR" go install "github.com/stripe/stripe-mock@$VERSION" >&2 || die "go install failed"
    printf '%s\n' "$VERSION" >"$MARKER"
    log "built in $((SECONDS - started)) s"
  ) 9>"$BIN_DIR/.fetch.lock"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    # Below the kernel's ephemeral range (32768+), where outbound connections may hold a port unseen.
    port=$((20000 + RANDOM % 12000))
    port_open "$port" || { printf '%s\n' "$port"; return; }
  done
  die "no free port found"
}

target_run_dir() {
  if [[ -n "${STRIPE_MOCK_RUN_DIR:-}" ]]; then printf '%s\n' "$STRIPE_MOCK_RUN_DIR"
  elif [[ -L "$CURRENT_LINK" ]]; then (cd "$CURRENT_LINK" 2>/dev/null && pwd -P) || true
  fi
}

# PID from <dir>/stripe-mock.pid if alive AND its command line is our binary (guards PID reuse).
live_pid() {
  local dir="$1" pid
  [[ -n "$dir" && -f "$dir/stripe-mock.pid" ]] || return 0
  pid="$(cat "$dir/stripe-mock.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$BIN" || return 0
  fi
  printf '%s\n' "$pid"
}

cmd_start() {
  is_fetched || cmd_fetch
  mkdir -p "$RUN_ROOT"
  local dir
  if [[ -n "${STRIPE_MOCK_RUN_DIR:-}" ]]; then dir="$STRIPE_MOCK_RUN_DIR"; else dir="$RUN_ROOT/$(date +%Y%m%d-%H%M%S)-$$"; fi
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd -P)"
  local pid
  pid="$(live_pid "$dir")"
  if [[ -n "$pid" ]]; then
    log "already running (pid $pid)"
    printf 'STRIPE_MOCK_RUN_DIR=%s\nSTRIPE_API_BASE=http://%s:%s\n' "$dir" "$HOST" "$(cat "$dir/port")"
    return 0
  fi
  local port="${STRIPE_MOCK_PORT:-$(free_port)}"
  port_open "$port" && die "port $HOST:$port is already in use"
  # It also serves HTTPS, on 12112 unless told otherwise: a port of its own, so runs never collide.
  local https_port
  https_port="$(free_port)"
  [[ "$https_port" != "$port" ]] || https_port="$(free_port)"
  printf '%s\n' "$port" >"$dir/port"
  log "starting stripe-mock $VERSION on $HOST:$port (HTTPS on $HOST:$https_port)"
  setsid "$BIN" -http-addr "$HOST:$port" -https-addr "$HOST:$https_port" </dev/null >"$dir/stripe-mock.log" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" >"$dir/stripe-mock.pid"
  ln -sfn "$dir" "$CURRENT_LINK"
  local started=$SECONDS
  while ! port_open "$port"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$dir/stripe-mock.log" >&2; die "stripe-mock exited during startup"; }
    (( SECONDS - started < 60 )) || { kill "$pid" 2>/dev/null || true; die "stripe-mock did not listen within 60 s"; }
    sleep 0.1
  done
  log "ready (pid $pid, run dir $dir)"
  printf 'STRIPE_MOCK_RUN_DIR=%s\nSTRIPE_API_BASE=http://%s:%s\n' "$dir" "$HOST" "$port"
}

cmd_stop() {
  local dir pid
  dir="$(target_run_dir)"
  [[ -n "$dir" && -d "$dir" ]] || { log "no run directory; nothing to stop"; return 0; }
  pid="$(live_pid "$dir")"
  [[ -n "$pid" ]] || { log "not running ($dir)"; rm -f "$dir/stripe-mock.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/stripe-mock.pid"
  log "stopped pid $pid"
}

cmd_status() {
  local dir pid
  dir="$(target_run_dir)"
  pid="$(live_pid "$dir")"
  if [[ -n "$pid" ]]; then echo "running (pid $pid, http://$HOST:$(cat "$dir/port"))"; return 0; fi
  echo "not running"
  return 3
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 {fetch|start|stop|status}" >&2; exit 2 ;;
esac
