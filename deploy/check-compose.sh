#!/usr/bin/env bash
# Offline check of docker-compose.yml, no Docker engine needed (CI calls this):
#  1. with the required variables set, `docker-compose config -q` accepts the file (schema, interpolation);
#  2. every variable the file requires (${VAR:?...}) is listed in .env.example;
#  3. every secret .env.example leaves blank (the CHANGE ME lines) is required: the file is rejected when that
#     one alone is missing, and it has no default (${VAR:-...}, ${VAR-...}) anywhere in the file;
#  4. with .env.example as it ships (secrets blank), it is rejected.
# Uses Debian's docker-compose 1.29.2, installed on demand WITHOUT recommends (with them apt pulls the whole engine).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi

for f in docker-compose.yml deploy/postgres/init.sh command-service/Dockerfile query-service/Dockerfile web/Dockerfile .env.example; do
  [[ -f "$f" ]] || { echo "check-compose: missing $f" >&2; exit 1; }
done

# what the file requires ($${...} is compose's escape for the container's shell), and the secrets .env.example leaves blank
mapfile -t required < <(grep -oE '(^|[^$])\$\{[A-Z0-9_]+:\?' docker-compose.yml | sed -E 's/^[^$]?\$\{//; s/:\?$//' | sort -u)
mapfile -t secrets < <(grep -oE '^[A-Z0-9_]+=$' .env.example | tr -d '=' | sort -u)
[[ ${#required[@]} -gt 0 && ${#secrets[@]} -gt 0 ]] || { echo "check-compose: no required variable or no blank secret found" >&2; exit 1; }

env_file="$(mktemp)"
trap 'rm -f "$env_file"' EXIT
# every required variable and secret set to a placeholder; all but $1 when given
write_env() {
  local var
  : > "$env_file"
  for var in $(printf '%s\n' "${required[@]}" "${secrets[@]}" | sort -u); do
    [[ "$var" == "${1:-}" ]] || printf '%s=check-only\n' "$var" >> "$env_file"
  done
}
# a clean environment, so that a developer's own SAFECASE_* variables or .env cannot hide a problem
compose_config() { env -i PATH="$PATH" HOME="${HOME:-/tmp}" docker-compose --env-file "$1" -f docker-compose.yml config -q; }

write_env
compose_config "$env_file"
echo "check-compose: docker-compose.yml is valid"

for var in "${required[@]}"; do
  grep -qE "^${var}=" .env.example || { echo "check-compose: docker-compose.yml requires $var, which .env.example does not list" >&2; exit 1; }
done
for var in "${secrets[@]}"; do
  if grep -qE "\\$\\{${var}:?-" docker-compose.yml; then
    echo "check-compose: the secret $var has a default in docker-compose.yml" >&2
    exit 1
  fi
  write_env "$var"
  if compose_config "$env_file" 2>/dev/null; then
    echo "check-compose: docker-compose.yml is accepted without the secret $var" >&2
    exit 1
  fi
done
if compose_config .env.example 2>/dev/null; then
  echo "check-compose: docker-compose.yml is accepted with .env.example as it ships: a secret has a default" >&2
  exit 1
fi
echo "check-compose: required secrets are enforced (no defaults): ${secrets[*]}"
