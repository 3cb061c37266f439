#!/usr/bin/env bash
# Apache Kafka's own command-line tools beside the broker, without a Kafka download:
# the jars come from Maven Central through tools/pom.xml (same version as the broker).
#
#   kafka-tool.sh fetch                      download the tools' jars into tools/libs (skipped when current)
#   kafka-tool.sh topics --list              kafka-topics.sh
#   kafka-tool.sh consumer-groups --describe --group jobgraph.pipeline
#   kafka-tool.sh get-offsets --topic identity.user.v1
#   kafka-tool.sh configs --describe --entity-type topics --entity-name identity.user.v1
#   kafka-tool.sh console-consumer --topic identity.user.v1 --from-beginning --property print.key=true
#   kafka-tool.sh console-producer --topic scratch.v1
#
# --bootstrap-server defaults to $KAFKA_BROKERS, else 127.0.0.1:9092. Needs Java 17+ and Maven.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/tools/pom.xml"
LIBS="$SCRIPT_DIR/tools/libs"
MARKER="$LIBS/.fetched"
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi

log() { printf '[kafka-tool] %s\n' "$*" >&2; }
die() { printf '[kafka-tool] error: %s\n' "$*" >&2; exit 1; }

fetch_stamp() { sha256sum "$POM" | cut -d' ' -f1; }

fetch() {
  [[ -f "$MARKER" && "$(cat "$MARKER")" == "$(fetch_stamp)" ]] && return 0
  command -v mvn >/dev/null || die "mvn not found on PATH"
  mkdir -p "$SCRIPT_DIR/tools"
  (
    flock 9
    [[ -f "$MARKER" && "$(cat "$MARKER")" == "$(fetch_stamp)" ]] && exit 0
    local tmp="$SCRIPT_DIR/tools/.libs.tmp.$$"
    rm -rf "$tmp"
    log "fetching Kafka's command-line tools from Maven Central into $LIBS ..."
    if ! mvn -B -q -U -f "$POM" "$DEPENDENCY_PLUGIN:copy-dependencies" -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 |
        sed -e $'s/\x1b\\[[0-9;]*m//g' -e '/^$/d' >&2; then
      rm -rf "$tmp"
      die "maven could not fetch the tools (see output above)"
    fi
    [[ -n "$(ls "$tmp"/kafka-tools-*.jar 2>/dev/null)" ]] || { rm -rf "$tmp"; die "kafka-tools jar missing after fetch"; }
    fetch_stamp >"$tmp/.fetched"
    rm -rf "$LIBS"
    mv "$tmp" "$LIBS"
  ) 9>"$SCRIPT_DIR/tools/.fetch.lock"
}

main_class() {
  case "$1" in
    topics) echo org.apache.kafka.tools.TopicCommand ;;
    consumer-groups) echo org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
    get-offsets) echo org.apache.kafka.tools.GetOffsetShell ;;
    configs) echo kafka.admin.ConfigCommand ;;
    console-consumer) echo org.apache.kafka.tools.consumer.ConsoleConsumer ;;
    console-producer) echo org.apache.kafka.tools.ConsoleProducer ;;
    *) return 1 ;;
  esac
}

usage() { echo "usage: $0 {fetch|topics|consumer-groups|get-offsets|configs|console-consumer|console-producer} [tool options]" >&2; exit 2; }

[[ $# -ge 1 ]] || usage
tool="$1"
shift
if [[ "$tool" == fetch ]]; then fetch; exit 0; fi
class="$(main_class "$tool")" || usage
[[ -n "$JAVA" ]] || die "java not found (need Java 17+; set JAVA_HOME)"
fetch
args=("$@")
[[ " $* " == *" --bootstrap-server "* ]] || args=(--bootstrap-server "${KAFKA_BROKERS:-127.0.0.1:9092}" "${args[@]}")
# Warnings only on stderr: the tools' output is what the caller reads.
exec "$JAVA" -Xmx256m -Dlog4j2.level=warn -Dlog4j2.rootLogger.level=warn -cp "$LIBS/*" "$class" "${args[@]}"
