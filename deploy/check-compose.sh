#!/usr/bin/env bash
# Offline check of docker-compose.yml, no Docker engine needed (CI calls this):
#  1. with the required variables set, `docker-compose config -q` accepts the file (schema, interpolation);
#  2. with .env.example as it ships (secrets blank), it is rejected: no secret has a silent default.
# Uses Debian's docker-compose 1.29.2, installed on demand WITHOUT recommends (with them apt pulls the whole engine).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi

for f in docker-compose.yml deploy/postgres/init.sql command-service/Dockerfile query-service/Dockerfile .env.example; do
  [[ -f "$f" ]] || { echo "check-compose: missing $f" >&2; exit 1; }
done

env_file="$(mktemp)"
trap 'rm -f "$env_file"' EXIT
printf 'SAFECASE_DB_PASSWORD=check-only\nSAFECASE_JWT_ISSUER_URI=http://idp.invalid\nSAFECASE_PRIVACY_KEK=Y2hlY2stb25seS1jaGVjay1vbmx5LWNoZWNrLW9ubHkh\nSAFECASE_INTEGRITY_SIGNING_KEY=check-only\nSAFECASE_INTEGRITY_PUBLIC_KEY=check-only\n' > "$env_file"

# a clean environment, so that a developer's own SAFECASE_* variables or .env cannot hide a problem
env -i PATH="$PATH" HOME="${HOME:-/tmp}" docker-compose --env-file "$env_file" -f docker-compose.yml config -q
echo "check-compose: docker-compose.yml is valid"

if env -i PATH="$PATH" HOME="${HOME:-/tmp}" docker-compose --env-file .env.example -f docker-compose.yml config -q 2>/dev/null; then
  echo "check-compose: docker-compose.yml started without SAFECASE_DB_PASSWORD / SAFECASE_JWT_ISSUER_URI: a secret has a default" >&2
  exit 1
fi
echo "check-compose: required secrets are enforced (no defaults)"
