#!/usr/bin/env bash
# The whole Safecase stack on one machine with only a JDK 17+: builds the modules, then starts a durable
# PostgreSQL 16 and a KRaft Kafka broker in one JVM and the command and query services and the
# web application (http://localhost:8080) as child processes.
# Ctrl-C stops everything; data stays in ./.safecase-local (or $SAFECASE_DATA_DIR).
# Optional environment: SAFECASE_DATA_DIR, SAFECASE_POSTGRES_PORT (15432), SAFECASE_KAFKA_PORT (9092),
# SAFECASE_KAFKA_CONTROLLER_PORT (9093), SAFECASE_COMMAND_PORT (8081), SAFECASE_QUERY_PORT (8082), SAFECASE_WEB_PORT (8080),
# SAFECASE_STARTUP_TIMEOUT_SECONDS (120), SAFECASE_SKIP_BUILD=1 to start the last build again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

java_bin="java"
if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  java_bin="${JAVA_HOME}/bin/java"
fi
if ! command -v "$java_bin" >/dev/null 2>&1; then
  echo "run-local.sh: no java found: install a JDK 17 or newer (or set JAVA_HOME)" >&2
  exit 1
fi
java_major="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
if [[ -z "$java_major" || "$java_major" -lt 17 ]]; then
  echo "run-local.sh: Java ${java_major:-unknown} found at $java_bin; Safecase needs a JDK 17 or newer" >&2
  exit 1
fi

if [[ "${SAFECASE_SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building Safecase (./mvnw -B -q -DskipTests package) ..."
  ./mvnw -B -q -DskipTests package
fi

exec "$java_bin" -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar "$@"
