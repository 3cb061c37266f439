#!/usr/bin/env bash
# Run a single-node Apache Kafka (KRaft, broker+controller) from Maven Central
# artifacts, without Docker. See README.md in this directory.
#
#   broker.sh fetch    download the broker jars into ./libs (skipped when current)
#   broker.sh start    start a broker in the background; last stdout line is
#                      KAFKA_BROKERS=127.0.0.1:<port>
#   broker.sh stop     stop the broker by its recorded PID (TERM, then KILL after 30 s)
#   broker.sh stop --all   stop every broker this script started (any run dir)
#   broker.sh status   exit 0 and say "running" if it runs, exit 3 otherwise
#   broker.sh logs     tail the broker log
#
# Environment:
#   KAFKA_PORT              client listener port      (default 9092, or the port
#                           recorded in a reused KAFKA_RUN_DIR)
#   KAFKA_CONTROLLER_PORT   KRaft controller port     (default 9093, likewise)
#   KAFKA_RUN_DIR           run directory (config, data, logs, pid). If unset,
#                           `start` creates a fresh infra/kafka/run/<timestamp>-<pid>.
#                           If set and already formatted, `start` REUSES it
#                           (topics and offsets survive stop/start).
#                           stop/status/logs act on $KAFKA_RUN_DIR if set,
#                           otherwise on the most recently started run
#                           (infra/kafka/run/current).
#   KAFKA_START_TIMEOUT     seconds to wait for the port (default 120)
#   KAFKA_HEAP_OPTS         JVM heap flags (default "-Xms256m -Xmx512m")
#   JAVA_HOME               Java 17+ to use (default: java on PATH)
#
# Progress goes to stderr; stdout only carries KEY=value lines.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/pom.xml"
LIBS="$SCRIPT_DIR/libs"
MARKER="$LIBS/.fetched"
RUN_ROOT="$SCRIPT_DIR/run"
CURRENT_LINK="$RUN_ROOT/current"
REGISTRY="$RUN_ROOT/started" # one run dir per line, for `stop --all`
HOST=127.0.0.1
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="$(command -v java || true)"
fi

log() { printf '[kafka] %s\n' "$*" >&2; }
die() { printf '[kafka] error: %s\n' "$*" >&2; exit 1; }

pom_property() { # <name>: value of <name>...</name> in pom.xml
  sed -n "s:.*<$1>\\([^<]*\\)</$1>.*:\\1:p" "$POM" | head -n 1
}

kafka_version() { pom_property kafka.version; }

fetch_stamp() { # changes whenever pom.xml changes
  printf 'kafka=%s pom-sha256=%s\n' "$(kafka_version)" "$(sha256sum "$POM" | cut -d' ' -f1)"
}

is_fetched() {
  [[ -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "$(fetch_stamp)" ]]
}

cmd_fetch() {
  command -v mvn >/dev/null || die "mvn not found on PATH"
  mkdir -p "$RUN_ROOT"
  # Serialise concurrent fetches (e.g. parallel test workers). The lock fd only
  # lives in this subshell, so the broker started afterwards does not inherit it.
  (
    flock 9
    fetch_locked
  ) 9>"$RUN_ROOT/.fetch.lock"
}

fetch_locked() {
  if is_fetched; then
    log "libs already fetched for Kafka $(kafka_version)"
    return 0
  fi
  local tmp="$SCRIPT_DIR/.libs.tmp.$$" started=$SECONDS
  rm -rf "$tmp"
  log "fetching Kafka $(kafka_version) from Maven Central into $LIBS ..."
  # -U: do not trust a cached "not found" (e.g. a release still being synced).
  # Debian's Maven 3.8 prints bare ANSI resets even with -B -q; strip them.
  if ! mvn -B -q -U -f "$POM" "$DEPENDENCY_PLUGIN:copy-dependencies" \
      -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 |
      sed -e $'s/\x1b\\[[0-9;]*m//g' -e '/^$/d' >&2; then
    rm -rf "$tmp"
    die "maven could not fetch the broker (see output above)"
  fi
  [[ -n "$(ls "$tmp"/kafka_2.13-*.jar 2>/dev/null)" ]] || { rm -rf "$tmp"; die "kafka_2.13 jar missing after fetch"; }
  fetch_stamp >"$tmp/.fetched"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  log "fetched $(ls "$LIBS"/*.jar | wc -l) jars in $((SECONDS - started)) s"
}

# --- run directory / pid helpers -------------------------------------------

target_run_dir() { # run dir for stop/status/logs
  if [[ -n "${KAFKA_RUN_DIR:-}" ]]; then
    # absolute and symlink-free, as recorded in the broker's command line
    (cd "$KAFKA_RUN_DIR" 2>/dev/null && pwd -P) || printf '%s\n' "$KAFKA_RUN_DIR"
  elif [[ -L "$CURRENT_LINK" || -d "$CURRENT_LINK" ]]; then
    (cd "$CURRENT_LINK" 2>/dev/null && pwd -P) || true
  fi
}

# PID from <run dir>/broker.pid if that process is alive AND is our broker
# (guards against PID reuse). Prints nothing otherwise.
live_pid() {
  local dir="$1" pid
  [[ -n "$dir" && -f "$dir/broker.pid" ]] || return 0
  pid="$(cat "$dir/broker.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$dir/server.properties" || return 0
  fi
  printf '%s\n' "$pid"
}

port_open() { # <port>
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

log_tail() { # <run dir>
  local dir="$1" f
  for f in "$dir/logs/server.log" "$dir/logs/stdout.log"; do
    if [[ -s "$f" ]]; then
      printf '[kafka] ---- last 60 lines of %s ----\n' "$f" >&2
      tail -n 60 "$f" >&2
    fi
  done
}

new_cluster_id() {
  # Same format as `kafka.tools.StorageTool random-uuid`: 16 random bytes,
  # base64url without padding (22 chars). Kafka rejects ids starting with '-'.
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && { printf '%s\n' "$id"; return; }
  done
}

write_server_properties() { # <run dir> <cluster id> <port> <controller port>
  local dir="$1" port="$3" cport="$4"
  cat >"$dir/server.properties" <<EOF
# Generated by infra/kafka/broker.sh - single-node KRaft broker+controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$cport
listeners=PLAINTEXT://$HOST:$port,CONTROLLER://$HOST:$cport
advertised.listeners=PLAINTEXT://$HOST:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data

# Topics are created explicitly by the application (admin client).
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=1
min.insync.replicas=1

# Single node: internal topics with one replica / one partition.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0

# Small machine (2 cores).
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
background.threads=2
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=16777216
EOF
}

write_log4j2_config() { # <run dir>
  local dir="$1"
  cat >"$dir/log4j2.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by infra/kafka/broker.sh -->
<Configuration status="WARN">
  <Appenders>
    <File name="server" fileName="$dir/logs/\${sys:kafka.logfile:-server.log}" append="true">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </File>
  </Appenders>
  <Loggers>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="kafka.authorizer.logger" level="WARN"/>
    <Logger name="org.apache.kafka.clients" level="WARN"/>
    <Root level="INFO">
      <AppenderRef ref="server"/>
    </Root>
  </Loggers>
</Configuration>
EOF
}

cmd_start() {
  [[ -n "$JAVA" ]] || die "java not found (need Java 17+; set JAVA_HOME)"
  is_fetched || cmd_fetch
  mkdir -p "$RUN_ROOT"

  local dir reuse=0
  if [[ -n "${KAFKA_RUN_DIR:-}" ]]; then
    mkdir -p "$KAFKA_RUN_DIR"
    dir="$(cd "$KAFKA_RUN_DIR" && pwd -P)"
    [[ -f "$dir/data/meta.properties" ]] && reuse=1
  else
    mkdir -p "$RUN_ROOT"
    dir="$RUN_ROOT/$(date +%Y%m%d-%H%M%S)-$$"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd -P)"
  fi

  # Ports: explicit env wins; a reused run dir keeps its recorded ports.
  local port cport rec_port="" rec_cport=""
  if [[ $reuse == 1 && -f "$dir/ports" ]]; then
    rec_port="$(sed -n 's/^port=//p' "$dir/ports")"
    rec_cport="$(sed -n 's/^controller_port=//p' "$dir/ports")"
  fi
  port="${KAFKA_PORT:-${rec_port:-9092}}"
  cport="${KAFKA_CONTROLLER_PORT:-${rec_cport:-9093}}"

  local pid
  pid="$(live_pid "$dir")"
  if [[ -n "$pid" ]]; then
    log "already running (pid $pid) in $dir"
    ln -sfn "$dir" "$CURRENT_LINK" 2>/dev/null || true
    printf 'KAFKA_RUN_DIR=%s\nKAFKA_BROKERS=%s:%s\n' "$dir" "$HOST" "$(sed -n 's/^port=//p' "$dir/ports")"
    return 0
  fi

  local p
  for p in "$port" "$cport"; do
    if port_open "$p"; then
      # do not leave an empty fresh run dir behind
      [[ -z "${KAFKA_RUN_DIR:-}" ]] && { rmdir "$dir" 2>/dev/null || true; }
      die "port $HOST:$p is already in use (another broker? try: $0 stop, or set KAFKA_PORT/KAFKA_CONTROLLER_PORT)"
    fi
  done

  mkdir -p "$dir/logs" "$dir/data"
  local cluster_id
  if [[ $reuse == 1 ]]; then
    cluster_id="$(sed -n 's/^cluster.id=//p' "$dir/data/meta.properties")"
    [[ -n "$cluster_id" ]] || die "no cluster.id in $dir/data/meta.properties"
    log "reusing formatted run dir $dir (cluster $cluster_id)"
  else
    cluster_id="$(new_cluster_id)"
  fi

  write_server_properties "$dir" "$cluster_id" "$port" "$cport"
  write_log4j2_config "$dir"
  printf 'port=%s\ncontroller_port=%s\n' "$port" "$cport" >"$dir/ports"

  local -a jvm_common=(
    -Dlog4j2.configurationFile="$dir/log4j2.xml"
    -Djava.awt.headless=true
    -cp "$LIBS/*"
  )

  if [[ $reuse == 0 ]]; then
    log "formatting KRaft storage (cluster $cluster_id) in $dir/data"
    if ! "$JAVA" -Xmx128m -Dkafka.logfile=format-tool.log "${jvm_common[@]}" kafka.tools.StorageTool format \
        -t "$cluster_id" -c "$dir/server.properties" >"$dir/logs/format.log" 2>&1; then
      cat "$dir/logs/format.log" >&2
      die "storage format failed"
    fi
  fi

  # shellcheck disable=SC2206
  local -a heap=(${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m})
  log "starting Kafka $(kafka_version) on $HOST:$port (controller $HOST:$cport)"
  local started=$SECONDS
  # setsid: own session, so Ctrl-C / process-group kills of the caller do not
  # hit the broker; all fds redirected so callers waiting on our stdout/stderr
  # (execSync, $(...)) return once this script exits.
  setsid "$JAVA" "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError \
    "${jvm_common[@]}" kafka.Kafka "$dir/server.properties" \
    </dev/null >"$dir/logs/stdout.log" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" >"$dir/broker.pid"
  ln -sfn "$dir" "$CURRENT_LINK"
  grep -qxF "$dir" "$REGISTRY" 2>/dev/null || printf '%s\n' "$dir" >>"$REGISTRY"

  local timeout="${KAFKA_START_TIMEOUT:-120}"
  while ! port_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "broker process $pid exited during startup"
      log_tail "$dir"
      rm -f "$dir/broker.pid"
      exit 1
    fi
    if (( SECONDS - started >= timeout )); then
      log "broker did not open $HOST:$port within ${timeout}s; stopping it"
      log_tail "$dir"
      stop_dir "$dir"
      exit 1
    fi
    sleep 0.25
  done
  log "ready in $((SECONDS - started)) s (pid $pid, run dir $dir)"
  printf 'KAFKA_RUN_DIR=%s\nKAFKA_BROKERS=%s:%s\n' "$dir" "$HOST" "$port"
}

cmd_stop() {
  if [[ "${1:-}" == "--all" ]]; then
    # every run dir this script ever started a broker in (see REGISTRY)
    local d
    [[ -f "$REGISTRY" ]] || { log "nothing was ever started"; return 0; }
    while IFS= read -r d; do
      [[ -n "$d" && -d "$d" ]] && stop_dir "$d"
    done <"$REGISTRY"
    return 0
  fi
  local dir
  dir="$(target_run_dir)"
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    log "no run directory found; nothing to stop"
    return 0
  fi
  stop_dir "$dir"
}

stop_dir() { # <run dir>
  local dir="$1" pid
  pid="$(live_pid "$dir")"
  if [[ -z "$pid" ]]; then
    log "not running ($dir)"
    rm -f "$dir/broker.pid"
    return 0
  fi
  log "stopping pid $pid (SIGTERM) ..."
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 120; i++)); do # 120 x 0.25 s = 30 s
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after 30 s; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
  fi
  if kill -0 "$pid" 2>/dev/null; then
    die "pid $pid survived SIGKILL"
  fi
  rm -f "$dir/broker.pid"
  log "stopped"
}

cmd_status() {
  local dir pid
  dir="$(target_run_dir)"
  pid="$(live_pid "$dir")"
  if [[ -n "$pid" ]]; then
    local port
    port="$(sed -n 's/^port=//p' "$dir/ports" 2>/dev/null || true)"
    if [[ -n "$port" ]] && port_open "$port"; then
      echo "running (pid $pid, $HOST:$port, run dir $dir)"
    else
      echo "running but not accepting connections yet (pid $pid, $HOST:$port, run dir $dir)"
    fi
    return 0
  fi
  echo "not running${dir:+ (run dir $dir)}"
  return 3
}

cmd_logs() {
  local dir
  dir="$(target_run_dir)"
  [[ -n "$dir" && -f "$dir/logs/server.log" ]] || die "no broker log found"
  tail -n "${1:-100}" "$dir/logs/server.log"
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) shift; cmd_stop "$@" ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  *)
    echo "usage: $0 {fetch|start|stop [--all]|status|logs [lines]}" >&2
    exit 2
    ;;
esac
