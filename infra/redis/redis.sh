#!/usr/bin/env bash
# Run a Redis server from Debian's own packages on 127.0.0.1, without Docker or root.
#
#   redis.sh fetch    get redis-server: the one on PATH, else Debian's redis-tools
#                     package (+ libjemalloc2, liblzf1) via `apt-get download`,
#                     unpacked into ./cache (git-ignored; reused when present)
#   redis.sh start    start a server in the background; stdout carries
#                     REDIS_RUN_DIR=... and REDIS_URL=redis://127.0.0.1:<port>
#   redis.sh stop     stop the server of $REDIS_RUN_DIR (else the latest) by its PID,
#                     after checking that the PID is a redis-server
#
# Environment: REDIS_PORT (default: a free port), REDIS_RUN_DIR.
# Progress goes to stderr; stdout only carries KEY=value lines.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$SCRIPT_DIR/cache"
RUN_ROOT="$SCRIPT_DIR/run"
HOST=127.0.0.1

log() { printf '[redis] %s\n' "$*" >&2; }
die() { printf '[redis] error: %s\n' "$*" >&2; exit 1; }

server_binary() {
  if command -v redis-server >/dev/null; then command -v redis-server; return; fi
  [[ -x "$CACHE/root/usr/bin/redis-server" ]] && { echo "$CACHE/root/usr/bin/redis-server"; return; }
  return 1
}

cmd_fetch() {
  if server_binary >/dev/null; then log "redis-server: $(server_binary)"; return 0; fi
  command -v apt-get >/dev/null || die "neither redis-server nor apt-get is available"
  mkdir -p "$CACHE"
  (
    flock 9
    if [[ -x "$CACHE/root/usr/bin/redis-server" ]]; then exit 0; fi
    log "downloading Debian's redis-tools into $CACHE"
    local debs="$CACHE/debs"
    mkdir -p "$debs"
    (cd "$debs" && apt-get download redis-tools libjemalloc2 liblzf1 >&2) || die "apt-get download failed (run apt-get update once)"
    rm -rf "$CACHE/root"
    for deb in "$debs"/*.deb; do dpkg -x "$deb" "$CACHE/root"; done
    # Debian's redis-server is the same multi-call binary as redis-check-rdb, chosen by its name.
    ln -sf redis-check-rdb "$CACHE/root/usr/bin/redis-server"
  ) 9>"$CACHE/.fetch.lock"
  "$(server_binary)" --version >&2 || die "redis-server does not run"
}

export LD_LIBRARY_PATH="$CACHE/root/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

cmd_start() {
  cmd_fetch
  local binary port dir
  binary="$(server_binary)"
  port="${REDIS_PORT:-$(free_port)}"
  dir="${REDIS_RUN_DIR:-$RUN_ROOT/$(date +%Y%m%d-%H%M%S)-$$}"
  mkdir -p "$dir"
  nohup "$binary" --bind "$HOST" --port "$port" --save '' --appendonly no --dir "$dir" --protected-mode yes --logfile "$dir/redis.log" >/dev/null 2>&1 &
  echo $! >"$dir/pid"
  ln -sfn "$dir" "$RUN_ROOT/current"
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
      log "redis-server $port (pid $(cat "$dir/pid"))"
      echo "REDIS_RUN_DIR=$dir"
      echo "REDIS_URL=redis://$HOST:$port"
      return 0
    fi
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || die "redis-server exited; see $dir/redis.log"
    sleep 0.1
  done
  die "redis-server did not open port $port"
}

cmd_stop() {
  local dir="${REDIS_RUN_DIR:-$RUN_ROOT/current}"
  [[ -f "$dir/pid" ]] || { log "nothing to stop in $dir"; return 0; }
  local pid
  pid="$(cat "$dir/pid")"
  if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'redis'; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    log "stopped pid $pid"
  else
    log "pid $pid is not a redis-server; leaving it"
  fi
  rm -f "$dir/pid"
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  *) die "usage: redis.sh fetch|start|stop" ;;
esac
