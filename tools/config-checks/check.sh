#!/usr/bin/env bash
# Offline checks of the user-facing stack: Grafana provisioning (data source and dashboard
# provider YAML against our JSON schemas), the dashboards (type-checked against @grafana/schema,
# then linted for what types cannot see), docker-compose.yml (compose-spec schema + rules,
# consistency, and `docker-compose config` where installed) and the Dockerfile of the images.
# Needs node and npm; no Grafana server and no Docker engine.
#
#   tools/config-checks/check.sh              install (npm ci) and run every check
#   tools/config-checks/check.sh --self-test  also break each file on purpose and expect a failure
#   --no-install                              use the node_modules already there
# Environment: FINPULSE_CHECK_ROOT  check another tree (the self-test's mutated copies)
#              FINPULSE_REQUIRE_DOCKER_COMPOSE=1  fail instead of skipping when docker-compose is missing
# Exit status: 0 when every check passed, 1 otherwise.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${FINPULSE_CHECK_ROOT:-$(cd "$HERE/../.." && pwd)}"
export FINPULSE_CHECK_ROOT="$ROOT"

install=1
self_test=0
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    --self-test) self_test=1 ;;
    *) echo "usage: $0 [--no-install] [--self-test]" >&2; exit 2 ;;
  esac
done

command -v node >/dev/null 2>&1 || { echo "config checks: node is not installed" >&2; exit 1; }
cd "$HERE" || exit 1
if [[ "$install" == 1 ]]; then
  command -v npm >/dev/null 2>&1 || { echo "config checks: npm is not installed" >&2; exit 1; }
  # Exact versions from package-lock.json; --prefer-offline reuses the npm cache when it can.
  if ! npm ci --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null; then
    echo "config checks: npm ci failed in $HERE" >&2
    exit 1
  fi
fi
BIN="$HERE/node_modules/.bin"

passed=0
failed=0
failures=()

# run NAME COMMAND...: runs one check, keeps its output, records the verdict.
run() {
  local name="$1"
  shift
  local out
  if out="$("$@" 2>&1)"; then
    passed=$((passed + 1))
    printf 'PASS %s\n' "$name"
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf 'FAIL %s\n' "$name"
    printf '%s\n' "$out" | sed 's/^/    /'
  fi
}

validate_yaml() { # SCHEMA FILES...: every file against the schema
  local schema="$1" rc=0 f
  shift
  for f in "$@"; do
    "$BIN/ajv" validate --spec=draft7 --all-errors --errors=text -s "$schema" -d "$f" || rc=1
  done
  return "$rc"
}

type_check_dashboards() {
  node lib/generate-dashboard-types.mjs || return 1
  # Point tsc's messages at the dashboard JSON: wrapper line N is line N-2 of the JSON file.
  "$BIN/tsc" -p tsconfig.json --pretty false 2>&1 | node -e '
    let text = require("fs").readFileSync(0, "utf8");
    text = text.replace(/build\/([\w.-]+)\.ts\((\d+),(\d+)\)/g,
      (_, n, l, c) => `grafana/dashboards/${n}.json:${Number(l) - 2}:${c}`);
    process.stdout.write(text);'
  return "${PIPESTATUS[0]}"
}

compose_v1_config() {
  if ! command -v docker-compose >/dev/null 2>&1; then
    if [[ "${FINPULSE_REQUIRE_DOCKER_COMPOSE:-}" == 1 ]]; then
      echo "docker-compose is not installed (Debian: apt-get install -y docker-compose)"
      return 1
    fi
    echo "skipped: docker-compose not installed (Debian: apt-get install -y docker-compose)" >&2
    return 0
  fi
  # Required variables get a placeholder: this validates the file, it does not run anything.
  GRAFANA_ADMIN_PASSWORD=validation-only docker-compose -f "$ROOT/docker-compose.yml" \
    --project-directory "$ROOT" config -q
}

lint_dockerfiles() {
  # One Dockerfile: the shared build stage and a target per service image.
  local f="$ROOT/Dockerfile"
  [[ -f "$f" ]] || { echo "no Dockerfile under $ROOT"; return 1; }
  "$BIN/dockerfile-utils" lint "$f" || { echo "in Dockerfile"; return 1; }
}

check_console_scripts() {
  # The console's modules parse (a syntax error would leave the page blank in every browser).
  local rc=0 f found=0
  while IFS= read -r -d '' f; do
    found=1
    node --experimental-default-type=module --check "$f" || { echo "in ${f#"$ROOT"/}"; rc=1; }
  done < <(find "$ROOT/alerts/src/main/resources" -name '*.js' -print0)
  [[ "$found" == 1 ]] || { echo "no console scripts under $ROOT/alerts/src/main/resources"; return 1; }
  return "$rc"
}

shopt -s nullglob
datasources=("$ROOT"/grafana/provisioning/datasources/*.yaml "$ROOT"/grafana/provisioning/datasources/*.yml)
providers=("$ROOT"/grafana/provisioning/dashboards/*.yaml "$ROOT"/grafana/provisioning/dashboards/*.yml)
shopt -u nullglob

echo "Checking $ROOT"
run "grafana datasources schema" validate_yaml schemas/grafana-datasources.schema.json "${datasources[@]}"
run "grafana dashboard providers schema" validate_yaml schemas/grafana-dashboard-providers.schema.json "${providers[@]}"
run "dashboards type-check (@grafana/schema)" type_check_dashboards
run "dashboards lint" node lib/check-dashboards.mjs
run "compose schema and rules (dclint)" "$BIN/dclint" -c .dclintrc --max-warnings 0 "$ROOT/docker-compose.yml"
run "compose consistency" node lib/check-compose.mjs
run "compose config (docker-compose 1.29)" compose_v1_config
run "Dockerfiles lint" lint_dockerfiles
run "console scripts parse" check_console_scripts

if [[ "$self_test" == 1 ]]; then
  run "self-test: every deliberate mistake is caught" node lib/self-test.mjs
fi

if ((failed > 0)); then
  echo "Failed: ${failures[*]}"
fi
echo "config checks: $passed passed, $failed failed"
((failed == 0))
