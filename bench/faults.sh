#!/usr/bin/env bash
# The fault suite, run by `./bench.sh faults` (see its help): a throwaway stack of two command-service and two
# query-service instances, one PostgreSQL and one Kafka broker, each its own process (fresh data directory,
# non-default ports, loopback only); open-loop commands while each kind of component is killed with SIGKILL and
# started again in turn; then a reconciliation against the real stores. Appends a dated section to
# RELIABILITY.md and always stops every process it started. Exit status 0 only if nothing was lost or applied twice.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"

command_line="./bench.sh faults"
for var in $(compgen -e | grep -E '^(BENCH_|SAFECASE_SKIP_BUILD$)' | sort); do
  case "$var" in BENCH_FAULTS_WORK|BENCH_FAULTS_REPORT|BENCH_FAULTS_*_JAR) continue ;; esac
  command_line="$var=${!var} $command_line"
done
quick="${BENCH_QUICK:-0}"
pg_port="${BENCH_FAULTS_PG_PORT:-45432}"
kafka_port="${BENCH_FAULTS_KAFKA_PORT:-49092}"
kafka_controller_port="${BENCH_FAULTS_KAFKA_CONTROLLER_PORT:-49093}"
command_ports="${BENCH_FAULTS_COMMAND_PORTS:-48081,48082}"
query_ports="${BENCH_FAULTS_QUERY_PORTS:-48083,48084}"
if [[ "$quick" == "1" ]]; then java_timeout="${BENCH_TIMEOUT_S:-1500}"; else java_timeout="${BENCH_TIMEOUT_S:-3600}"; fi

java_bin="java"
if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then java_bin="${JAVA_HOME}/bin/java"; fi
command -v "$java_bin" >/dev/null 2>&1 || { echo "faults: no java found (JDK 17+ needed)" >&2; exit 1; }

if [[ "${SAFECASE_SKIP_BUILD:-0}" != "1" ]]; then
  echo "faults: building (./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -pl events,platform,local-stack,command-service,query-service -DskipTests package) ..."
  # shellcheck disable=SC2086
  ./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -pl events,platform,local-stack,command-service,query-service -DskipTests package
fi
version="0.1.0-SNAPSHOT"
jars=(local-stack/target/local-stack-$version-exec.jar command-service/target/command-service.jar query-service/target/query-service.jar)
for jar in "${jars[@]}"; do
  [[ -f "$jar" ]] || { echo "faults: $jar is missing: build first (or drop SAFECASE_SKIP_BUILD)" >&2; exit 1; }
done

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$pg_port" "$kafka_port" "$kafka_controller_port" ${command_ports//,/ } ${query_ports//,/ }; do
  if port_in_use "$port"; then
    echo "faults: port $port is already in use (ss -ltnp | grep :$port); choose others with BENCH_FAULTS_PG_PORT," \
      "BENCH_FAULTS_KAFKA_PORT, BENCH_FAULTS_KAFKA_CONTROLLER_PORT, BENCH_FAULTS_COMMAND_PORTS, BENCH_FAULTS_QUERY_PORTS" >&2
    exit 1
  fi
done
work="$(mktemp -d "${TMPDIR:-/tmp}/safecase-faults.XXXXXX")"
mkdir -p "$work/jars" "$work/data"
for jar in "${jars[@]}"; do cp "$jar" "$work/jars/"; done
report="$work/report.md"
suite_pid=""; status=0; appended=0

log() { printf '%s faults: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

# Processes of this run only: those whose command line names our directory (the suite's children, and
# PostgreSQL's postmaster and backends, whose data directory is in it).
ours() {
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [[ "$pid" == "$$" ]] && continue
    if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$work"; then echo "$pid"; fi
  done
}

cleanup() {
  status=$?
  trap - EXIT INT TERM
  set +e
  if alive "$suite_pid"; then
    kill -TERM "$suite_pid" 2>/dev/null
    for ((i = 0; i < 900; i++)); do alive "$suite_pid" || break; sleep 0.1; done
    alive "$suite_pid" && kill -KILL "$suite_pid" 2>/dev/null
  fi
  for pid in $(ours); do log "stray process $pid: killing it"; kill -KILL "$pid" 2>/dev/null; done
  if [[ "$appended" == "0" && "${BENCH_APPEND:-1}" == "1" && -s "$report" ]]; then
    appended=1
    [[ "$status" == "0" ]] || printf '\n_This run ended with exit status %s._\n' "$status" >>"$report"
    [[ -f RELIABILITY.md ]] || printf '# Reliability\n\nThe fault suite (`./bench.sh faults`): what was acknowledged, lost and applied twice while components were killed with SIGKILL under load, and how long each took to recover. One dated section per run.\n' >RELIABILITY.md
    cat "$report" >>RELIABILITY.md
    log "appended the results to $root/RELIABILITY.md"
  fi
  if [[ "$status" != "0" || "${BENCH_KEEP:-0}" == "1" ]]; then
    echo "faults: exit $status; logs kept in $work/data/logs" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain 2>/dev/null)" ]]; then commit="$commit + uncommitted changes"; fi
{
  printf '\n### Run of %s%s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$([[ "$quick" == "1" ]] && echo ' (quick run, BENCH_QUICK=1)')"
  printf -- '- Command: `%s`\n' "$command_line"
  printf -- '- Machine: %s cores (`nproc`), %s, %s; %s\n' "$(nproc)" \
    "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" "$(uname -sr)"
  printf -- '- JDK: %s\n' "$("$java_bin" -version 2>&1 | head -1)"
  printf -- '- Code: commit %s\n' "$commit"
  printf -- '- Load average at the start (1, 5, 15 min): %s\n' "$(awk '{print $1 ", " $2 ", " $3}' /proc/loadavg)"
  printf -- '- Stack: zonky PostgreSQL 16 (fsync and synchronous_commit on) as its own postmaster; the KRaft broker in its own JVM; two command-service and two query-service JVMs (-Xmx512m); all on these cores with the load generator\n'
} >"$report"

log "running the fault suite in $work (PostgreSQL $pg_port, Kafka $kafka_port/$kafka_controller_port, command $command_ports, query $query_ports; bounded to $java_timeout s)"
BENCH_FAULTS_WORK="$work" BENCH_FAULTS_REPORT="$report" \
BENCH_FAULTS_COMMAND_JAR="$work/jars/command-service.jar" BENCH_FAULTS_QUERY_JAR="$work/jars/query-service.jar" \
BENCH_FAULTS_LOCAL_STACK_JAR="$work/jars/local-stack-$version-exec.jar" \
  timeout -s TERM "$java_timeout" "$java_bin" -Xmx1g -cp "$work/jars/local-stack-$version-exec.jar" \
  -Dloader.main=org.safecase.localstack.faults.FaultSuite org.springframework.boot.loader.launch.PropertiesLauncher </dev/null &
suite_pid=$!
wait "$suite_pid"
suite_pid=""
log "done"
