#!/usr/bin/env bash
# The pipeline benchmark: starts a throwaway local stack (fresh data directory, non-default ports, loopback
# only), measures, appends a dated section to BENCHMARKS.md and always stops the stack.
#
#   ./bench.sh [all | ceiling | privacy | integrity | commands | latency | rebuild ...]   (default: all, in that order)
#   ./bench.sh checkpoints   not in all: it adds made-up leaves to the stack's integrity log (run it last or alone)
#   ./bench.sh faults   the fault suite, alone (bench/faults.sh): its own stack, results appended to RELIABILITY.md
#
#   ceiling   PostgreSQL's single-row insert ceiling on the stack's own server (pgbench, fsync on)
#   privacy   what encrypting personal data costs: a field sealed/opened, a report and a note, a projected
#             event (warm and cold keys), a read-log entry (in the bench JVM, against the stack's PostgreSQL)
#   integrity what the hash chain costs: an event's envelope hashed (a report, a note), the previous hash read
#             from the event store, a leaf appended to the integrity log (in the bench JVM, as privacy)
#   commands  commands/s (closed loop, BENCH_CLIENTS clients), event-store appends/s, Kafka consume ceiling
#   latency   command response -> case timeline at BENCH_LATENCY_RATE commands/s (open loop)
#   rebuild   BENCH_EVENTS synthetic events to the topic, live catch-up, Kafka ceiling, projection rebuild
#   checkpoints  BENCH_CHECKPOINT_LEAVES made-up leaves added to the integrity log, then the command service's
#             signed checkpoint over them awaited twice (the whole log, then one incident later) and the
#             consistency proof between the two asked for as an auditor and checked: time and CPU of each
#   faults    two command-service and two query-service instances, PostgreSQL and Kafka each in its own process;
#             open-loop commands (retried on the other instance with the same Idempotency-Key or If-Match) while a
#             command-service instance, a query-service instance, the broker and PostgreSQL are killed with
#             SIGKILL and restarted in turn; then every acknowledged command is reconciled with the event store,
#             the topic, the read models and a rebuild (lost and applied twice must be 0)
#
# Environment (defaults; BENCH_QUICK=1 gives a ~2-minute smoke run with small values):
#   BENCH_QUICK=0  BENCH_CLIENTS=8,16  BENCH_WARMUP_S=90 (the JIT needs it on 2 busy cores)  BENCH_DURATION_S=20
#   BENCH_LATENCY_RATE=100  BENCH_LATENCY_WARMUP_S=5  BENCH_LATENCY_DURATION_S=60  BENCH_LATENCY_GIVE_UP_MS=10000
#   BENCH_EVENTS=1000000  BENCH_CATCHUP_TIMEOUT_S=2400  BENCH_REBUILD_TIMEOUT_S=2400  BENCH_GENERATOR_THREADS=4
#   BENCH_PRIVACY_FIELDS=20000  BENCH_PRIVACY_COMMANDS=2000  BENCH_PRIVACY_INCIDENTS=1000 (iterations of each measure)
#   BENCH_INTEGRITY_INCIDENTS=200 (reported over HTTP, 4 notes each)  BENCH_INTEGRITY_HASHES=20000
#   BENCH_INTEGRITY_STATEMENTS=2000  BENCH_INTEGRITY_LEAVES=100000 (leaves in the copy of the integrity log)
#   BENCH_CHECKPOINT_LEAVES=2000000  BENCH_CHECKPOINT_TIMEOUT_S=600 (each checkpoint awaited; the command service signs
#   one every SAFECASE_INTEGRITY_CHECKPOINT_INTERVAL, PT1M by default: PT10S shortens the wait)
#   BENCH_PGBENCH_SECONDS=10  BENCH_PGBENCH_RUNS=3 (median)  BENCH_PGBENCH_CLIENTS="1 8"
#   BENCH_PG_PORT=25432  BENCH_KAFKA_PORT=29092  BENCH_KAFKA_CONTROLLER_PORT=29093
#   BENCH_COMMAND_PORT=28081  BENCH_QUERY_PORT=28082  BENCH_STARTUP_TIMEOUT_S=240
#   BENCH_TIMEOUT_S (whole Java run; 900 quick, 7200 full)  BENCH_APPEND=1 (append to BENCHMARKS.md)
#   BENCH_KEEP=0 (1 keeps the temporary directory)  BENCH_MAVEN_ARGS (e.g. -o)  SAFECASE_SKIP_BUILD=1
# The fault suite's (BENCH_QUICK=1 gives a 100 s run):
#   BENCH_FAULTS_RATE=50 (commands/s)  BENCH_FAULTS_DURATION_S=300  BENCH_FAULTS_DOWN_S=5 (each component down)
#   BENCH_FAULTS_CLIENTS=16  BENCH_FAULTS_NOTES=9 (per incident)  BENCH_FAULTS_GIVE_UP_S=120  BENCH_FAULTS_CATCHUP_TIMEOUT_S=300
#   BENCH_FAULTS_PG_PORT=45432  BENCH_FAULTS_KAFKA_PORT=49092  BENCH_FAULTS_KAFKA_CONTROLLER_PORT=49093
#   BENCH_FAULTS_COMMAND_PORTS=48081,48082  BENCH_FAULTS_QUERY_PORTS=48083,48084
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$(pwd)"

# --- arguments -------------------------------------------------------------------------------------
phases=("$@")
if [[ ${#phases[@]} -eq 0 ]]; then phases=(all); fi
run_ceiling=0; java_phases=()
for phase in "${phases[@]}"; do
  case "$phase" in
    all) run_ceiling=1; java_phases+=(privacy integrity commands latency rebuild) ;;
    ceiling) run_ceiling=1 ;;
    privacy|integrity|commands|latency|rebuild|checkpoints) java_phases+=("$phase") ;;
    faults) run_faults=1 ;;
    -h|--help) sed -n '2,44p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown phase '$phase' (all, ceiling, privacy, integrity, commands, latency, rebuild, checkpoints, faults)" >&2; exit 2 ;;
  esac
done
if [[ "${run_faults:-0}" == "1" ]]; then
  [[ ${#phases[@]} -eq 1 ]] || { echo "bench.sh: faults starts a stack of its own: run it alone (./bench.sh faults)" >&2; exit 2; }
  exec "$root/bench/faults.sh"
fi

# the command line as given, with the settings that shaped it, for the report
command_line="./bench.sh ${phases[*]}"
for var in $(compgen -e | grep -E '^(BENCH_|SAFECASE_SKIP_BUILD$)' | sort); do
  case "$var" in BENCH_REPORT|BENCH_COMMAND_LINE|BENCH_PG_CEILING_*) continue ;; esac
  command_line="$var=${!var} $command_line"
done

quick="${BENCH_QUICK:-0}"
pg_port="${BENCH_PG_PORT:-25432}"
kafka_port="${BENCH_KAFKA_PORT:-29092}"
kafka_controller_port="${BENCH_KAFKA_CONTROLLER_PORT:-29093}"
command_port="${BENCH_COMMAND_PORT:-28081}"
query_port="${BENCH_QUERY_PORT:-28082}"
startup_timeout="${BENCH_STARTUP_TIMEOUT_S:-240}"
if [[ "$quick" == "1" ]]; then
  pgbench_seconds="${BENCH_PGBENCH_SECONDS:-3}"; pgbench_runs="${BENCH_PGBENCH_RUNS:-1}"; java_timeout="${BENCH_TIMEOUT_S:-900}"
else
  pgbench_seconds="${BENCH_PGBENCH_SECONDS:-10}"; pgbench_runs="${BENCH_PGBENCH_RUNS:-3}"; java_timeout="${BENCH_TIMEOUT_S:-7200}"
fi
pgbench_clients="${BENCH_PGBENCH_CLIENTS:-1 8}"

# --- prerequisites ---------------------------------------------------------------------------------
java_bin="java"
if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then java_bin="${JAVA_HOME}/bin/java"; fi
command -v "$java_bin" >/dev/null 2>&1 || { echo "bench.sh: no java found (JDK 17+ needed)" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "bench.sh: curl is needed (apt-get install -y curl)" >&2; exit 1; }

if [[ "${SAFECASE_SKIP_BUILD:-0}" != "1" ]]; then
  echo "bench.sh: building (./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -DskipTests package) ..."
  # shellcheck disable=SC2086
  ./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -DskipTests package
fi
version="0.1.0-SNAPSHOT"
jars=(local-stack/target/local-stack-$version-exec.jar command-service/target/command-service.jar
      query-service/target/query-service.jar bench/target/bench-$version-exec.jar)
for jar in "${jars[@]}"; do
  [[ -f "$jar" ]] || { echo "bench.sh: $jar is missing: build first (or drop SAFECASE_SKIP_BUILD)" >&2; exit 1; }
done

# --- the throwaway stack ---------------------------------------------------------------------------
# Another stack (or another bench.sh) on these ports would answer our health checks and take our load:
# refuse to start instead.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$pg_port" "$kafka_port" "$kafka_controller_port" "$command_port" "$query_port"; do
  if port_in_use "$port"; then
    echo "bench.sh: port $port is already in use (another bench.sh or local stack running? ss -ltnp | grep :$port);" \
      "choose free ports with BENCH_PG_PORT, BENCH_KAFKA_PORT, BENCH_KAFKA_CONTROLLER_PORT, BENCH_COMMAND_PORT, BENCH_QUERY_PORT" >&2
    exit 1
  fi
done
work="$(mktemp -d "${TMPDIR:-/tmp}/safecase-bench.XXXXXX")"
mkdir -p "$work/jars" "$work/data"
# copies, so that a rebuild of the tree during the run cannot change the jars under the running JVMs
for jar in "${jars[@]}"; do cp "$jar" "$work/jars/"; done
report="$work/report.md"
stack_log="$work/stack.log"
stack_pid=""; bench_pid=""; status=0; appended=0

log() { printf '%s bench.sh: %s\n' "$(date -u +%H:%M:%S)" "$*"; }

alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

# Stops a process we started, by its id: TERM, then KILL after $2 seconds.
stop_pid() {
  local pid="$1" grace="$2" i
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do alive "$pid" || return 0; sleep 0.1; done
  log "process $pid did not stop within ${grace} s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# The services and PostgreSQL the stack started, by the pids it logged: only ones whose command line names our directory.
stack_children() {
  local pid
  { grep -oE '\(pid [0-9]+\)' "$stack_log" 2>/dev/null | grep -oE '[0-9]+' || true
    head -1 "$work/data/postgres/postmaster.pid" 2>/dev/null || true; } |
  while read -r pid; do
    if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$work"; then echo "$pid"; fi
  done
}

append_report() {
  [[ "$appended" == "0" && "${BENCH_APPEND:-1}" == "1" && -s "$report" ]] || return 0
  appended=1
  if [[ "$status" != "0" ]]; then
    printf '\n_This run ended with exit status %s; the figures above are the phases that completed._\n' "$status" >>"$report"
  fi
  [[ -f BENCHMARKS.md ]] || printf '# Benchmarks\n' >BENCHMARKS.md
  cat "$report" >>BENCHMARKS.md
  log "appended the results to $root/BENCHMARKS.md"
}

cleanup() {
  status=$?
  trap - EXIT INT TERM
  set +e
  stop_pid "$bench_pid" 10
  if alive "$stack_pid"; then
    log "stopping the local stack (pid $stack_pid)"
    local children; children="$(stack_children)"
    stop_pid "$stack_pid" 90
    for pid in $children; do stop_pid "$pid" 20; done
  fi
  for pid in $(stack_children); do log "stray process $pid: stopping it"; stop_pid "$pid" 20; done
  append_report
  if [[ "$status" != "0" ]]; then
    echo "bench.sh: FAILED (exit $status). Logs kept in $work:" >&2
    echo "  $stack_log (launcher, Kafka)" >&2
    ls "$work"/data/logs/*.log 2>/dev/null | sed 's/^/  /' >&2
  elif [[ "${BENCH_KEEP:-0}" == "1" ]]; then
    log "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting the local stack in $work (PostgreSQL $pg_port, Kafka $kafka_port/$kafka_controller_port, command $command_port, query $query_port)"
SAFECASE_DATA_DIR="$work/data" SAFECASE_POSTGRES_PORT="$pg_port" SAFECASE_KAFKA_PORT="$kafka_port" \
SAFECASE_KAFKA_CONTROLLER_PORT="$kafka_controller_port" SAFECASE_COMMAND_PORT="$command_port" \
SAFECASE_QUERY_PORT="$query_port" SAFECASE_STARTUP_TIMEOUT_SECONDS="$startup_timeout" \
SAFECASE_COMMAND_JAR="$work/jars/command-service.jar" SAFECASE_QUERY_JAR="$work/jars/query-service.jar" \
  "$java_bin" -jar "$work/jars/local-stack-$version-exec.jar" </dev/null >"$stack_log" 2>&1 &
stack_pid=$!

health() { curl -s -o /dev/null -m 3 -w '%{http_code}' "http://localhost:$1/actuator/health" || true; }
deadline=$((SECONDS + startup_timeout))
ours_started() { grep -q "Started query-service (pid" "$stack_log" 2>/dev/null; }
until ours_started && [[ "$(health "$command_port")" == "200" && "$(health "$query_port")" == "200" ]]; do
  if ! alive "$stack_pid"; then echo "bench.sh: the local stack exited during start-up:" >&2; tail -40 "$stack_log" >&2; exit 1; fi
  if ((SECONDS > deadline)); then
    echo "bench.sh: the services did not report healthy within $startup_timeout s (command $(health "$command_port"), query $(health "$query_port"))" >&2
    exit 1
  fi
  sleep 1
done
log "both services report healthy"
pid_of() { sed -n "s/.*Started $1 (pid \([0-9]*\)).*/\1/p" "$stack_log" | head -1; }
export BENCH_PIDS="command-service=$(pid_of command-service),query-service=$(pid_of query-service),postgres=$(head -1 "$work/data/postgres/postmaster.pid" 2>/dev/null || true),launcher+Kafka=$stack_pid"
export BENCH_CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"

# --- report header: when, what machine, what code ---------------------------------------------------
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain 2>/dev/null)" ]]; then commit="$commit + uncommitted changes"; fi
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
mem="$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
jdk="$("$java_bin" -version 2>&1 | head -1)"
{
  printf '\n### Run of %s%s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$([[ "$quick" == "1" ]] && echo ' (quick smoke run, BENCH_QUICK=1)')"
  printf -- '- Command: `%s`\n' "$command_line"
  printf -- '- Machine: %s cores (`nproc`), %s, %s; %s\n' "$(nproc)" "$mem" "${cpu:-unknown CPU}" "$(uname -sr)"
  printf -- '- JDK: %s\n' "$jdk"
  printf -- '- Code: commit %s\n' "$commit"
  printf -- '- Load average when the stack was up (1, 5, 15 min): %s (the idle stack adds little: well above 1 means other work shares these %s cores)\n' \
    "$(awk '{print $1 ", " $2 ", " $3}' /proc/loadavg)" "$(nproc)"
  printf -- '- Stack: `local-stack` launcher (zonky PostgreSQL 16, fsync and synchronous_commit on; KRaft Kafka in the launcher JVM; command and query service JVMs with -Xmx512m), all on these cores together with the load generator\n'
} >"$report"

# --- ceiling: PostgreSQL single-row inserts on the stack's own server ----------------------------------
median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

if [[ "$run_ceiling" == "1" ]]; then
  {
    printf '\n#### PostgreSQL single-row insert ceiling (pgbench, same server as the stack)\n\n'
    printf '_Load average when the phase began (1, 5, 15 min): %s._\n\n' "$(awk '{print $1 ", " $2 ", " $3}' /proc/loadavg)"
  } >>"$report"
  if ! command -v pgbench >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
    echo "bench.sh: pgbench/psql not found: install Debian's client (apt-get install -y postgresql-client); skipping the ceiling" >&2
    printf 'Skipped: `pgbench` not installed (Debian: `apt-get install -y postgresql-client`).\n' >>"$report"
  else
    psql_() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
    fsync="$(psql_ -d postgres -tAc 'SHOW fsync')"; sync_commit="$(psql_ -d postgres -tAc 'SHOW synchronous_commit')"
    server="$(psql_ -d postgres -tAc 'SHOW server_version')"
    psql_ -d postgres -c 'DROP DATABASE IF EXISTS bench_ceiling' -c 'CREATE DATABASE bench_ceiling'
    psql_ -d bench_ceiling -c "CREATE TABLE domain_event_entry (global_index bigserial PRIMARY KEY,
      event_identifier varchar(255) NOT NULL UNIQUE, aggregate_identifier varchar(255) NOT NULL,
      sequence_number bigint NOT NULL, type varchar(255), payload_type varchar(255) NOT NULL,
      payload_revision varchar(255), payload bytea NOT NULL, meta_data bytea, time_stamp varchar(255) NOT NULL,
      UNIQUE (aggregate_identifier, sequence_number))"
    cat >"$work/insert1.sql" <<'SQL'
INSERT INTO domain_event_entry(event_identifier, aggregate_identifier, sequence_number, type, payload_type, payload, meta_data, time_stamp) VALUES (gen_random_uuid()::text, gen_random_uuid()::text, 0, 'Account', 'com.example.account.MoneyDeposited', convert_to(repeat('x', 500), 'UTF8'), convert_to('{}', 'UTF8'), now()::text);
SQL
    {
      printf 'Method of `shared/research/INFRA.md` §3a on the stack'"'"'s own PostgreSQL %s (fsync=%s, synchronous_commit=%s): scratch database `bench_ceiling` with the Axon-shaped `domain_event_entry`, one ~600-byte row per transaction (`insert1.sql`), `TRUNCATE` + `CHECKPOINT` before each run, median of %s run(s) of %s s. The services were up and idle.\n\n' \
        "$server" "$fsync" "$sync_commit" "$pgbench_runs" "$pgbench_seconds"
      printf '| clients | TPS = rows/s (median) | TPS of each run | average latency of each run | command |\n| --- | --- | --- | --- | --- |\n'
    } >>"$report"
    for clients in $pgbench_clients; do
      threads=1; ((clients > 1)) && threads=2
      cmd="PGOPTIONS=\"-c synchronous_commit=on\" pgbench -h 127.0.0.1 -p $pg_port -U postgres -n -M prepared -T $pgbench_seconds -c $clients -j $threads -f insert1.sql bench_ceiling"
      tps_list=(); latencies=()
      for ((run = 1; run <= pgbench_runs; run++)); do
        psql_ -d bench_ceiling -c 'TRUNCATE domain_event_entry' -c 'CHECKPOINT'
        log "ceiling: $cmd (run $run/$pgbench_runs)"
        out="$(cd "$work" && PGOPTIONS="-c synchronous_commit=on" timeout $((pgbench_seconds + 60)) pgbench -h 127.0.0.1 -p "$pg_port" \
          -U postgres -n -M prepared -T "$pgbench_seconds" -c "$clients" -j "$threads" -f insert1.sql bench_ceiling 2>&1)"
        tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -1)"
        latency="$(sed -n 's/^latency average = \(.*\)$/\1/p' <<<"$out" | head -1)"
        latencies+=("$latency")
        [[ -n "$tps" ]] || { echo "$out" >&2; echo "bench.sh: pgbench gave no tps" >&2; exit 1; }
        printf '  %s clients: %s TPS (latency %s)\n' "$clients" "$tps" "$latency"
        tps_list+=("$(printf '%.0f' "$tps")")
      done
      med="$(printf '%s\n' "${tps_list[@]}" | median)"
      printf '| %s | **%s** | %s | %s | `%s` |\n' "$clients" "$med" "$(IFS=';'; echo "${tps_list[*]}" | sed 's/;/; /g')" \
        "$(IFS=';'; echo "${latencies[*]}" | sed 's/;/; /g')" "$cmd" >>"$report"
      export "BENCH_PG_CEILING_C$clients=$med"
    done
    psql_ -d postgres -c 'DROP DATABASE bench_ceiling'
    log "ceiling: ${BENCH_PG_CEILING_C1:-?} TPS (1 client), ${BENCH_PG_CEILING_C8:-?} TPS (8 clients)"
  fi
fi

# --- the Java phases ---------------------------------------------------------------------------------
if [[ ${#java_phases[@]} -gt 0 ]]; then
  log "running phases: ${java_phases[*]} (bounded to $java_timeout s)"
  BENCH_REPORT="$report" BENCH_COMMAND_LINE="$command_line" \
  BENCH_COMMAND_URL="http://localhost:$command_port" BENCH_QUERY_URL="http://localhost:$query_port" \
  BENCH_JDBC_URL="jdbc:postgresql://localhost:$pg_port/safecase_events" BENCH_KAFKA="127.0.0.1:$kafka_port" \
  BENCH_PRIVACY_JDBC_URL="jdbc:postgresql://localhost:$pg_port/safecase_privacy" BENCH_KEK_FILE="$work/data/key-encryption-key" \
  BENCH_QUERY_JDBC_URL="jdbc:postgresql://localhost:$pg_port/safecase_query" \
    timeout -s TERM "$java_timeout" "$java_bin" -Xmx1g -jar "$work/jars/bench-$version-exec.jar" "${java_phases[@]}" </dev/null &
  bench_pid=$!
  wait "$bench_pid"
  bench_pid=""
fi

# --- memory: each service at -Xmx512m through the whole run, its GC pauses and any OutOfMemoryError ---------
memory_report() {
  {
    printf '\n#### Memory: each service at -Xmx512m through the whole run\n\n'
    printf 'From each service'"'"'s GC log (`-Xlog:gc`, the local stack writes it beside the service log) over the whole run, start-up included.\n\n'
    printf '| service | GC pauses | total | longest | full GCs | heap after the last GC | OutOfMemoryError |\n| --- | --- | --- | --- | --- | --- | --- |\n'
    for service in command-service query-service; do
      local gc="$work/data/logs/$service-gc.log" out="$work/data/logs/$service.log"
      [[ -f "$gc" ]] || continue
      local oom="no"; grep -q "OutOfMemoryError" "$out" 2>/dev/null && oom="**yes**"
      awk -v service="$service" -v oom="$oom" '
        / Pause / && $NF ~ /ms$/ { ms = $NF; sub(/ms$/, "", ms); n++; total += ms; if (ms + 0 > max) max = ms + 0;
                                   if ($0 ~ /Pause Full/) full++;
                                   for (i = 1; i <= NF; i++) if ($i ~ /->/) { split($i, a, "->"); heap = a[2] } }
        END { printf "| %s | %d | %.0f ms | %.1f ms | %d | %s | %s |\n", service, n, total, max, full, heap, oom }' "$gc"
    done
  } >>"$report"
}
[[ -s "$report" ]] && memory_report
log "done"
