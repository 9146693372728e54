#!/usr/bin/env bash
# Schemathesis (from PyPI, in a virtual environment under ~/.cache) against the served OpenAPI document of a real server process on
# a small synthetic demo store: fails on any 5xx and on any answer that contradicts the document
# (status, content type, headers, body schema), on schema-violating input that is accepted, on
# undocumented methods that are not refused with 405, and on endpoints that answer without a key.
# Bounded: SCHEMATHESIS_MAX_EXAMPLES cases per operation and role (default 40), a time budget per run.
set -euo pipefail
cd "$(dirname "$0")/../.."
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-40}"
budget="${SCHEMATHESIS_MAX_TIME:-90}"

# The virtual environment lives outside the checkout (it is a tool, not part of the project).
venv="${TRM_SCHEMATHESIS_VENV:-$HOME/.cache/trm-monitor/schemathesis-venv}"
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.32.5'
fi

dir="$(mktemp -d)"
port="${SCHEMATHESIS_PORT:-3871}"
node -e '
  const { createHash } = require("node:crypto");
  const key = (id, role) => ({ id, role, countries: ["*"], secretSha256: createHash("sha256").update(`st-${id}`).digest("hex") });
  require("node:fs").writeFileSync(process.argv[1], JSON.stringify([key("auditor", "auditor"), key("submitter", "submitter"), key("manager", "manager")]));
' "$dir/keys.json"
TRM_DATA_DIR="$dir/data" TRM_KEYS_FILE="$dir/keys.json" TRM_DEMO=1 TRM_DEMO_CASES=150 PORT="$port" TRM_LOG_LEVEL=warn \
  TRM_RATE_LIMIT_READS=1000000 TRM_RATE_LIMIT_SUBMISSIONS=1000000 \
  node -r @swc-node/register apps/server/src/main.ts >"$dir/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
for _ in $(seq 1 600); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = "200" ]; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$dir/server.log"; echo "server exited"; exit 1; fi
  sleep 0.5
done
curl -sf -H 'Authorization: Bearer st-auditor' "http://127.0.0.1:$port/v1/openapi.json" >"$dir/openapi.json"

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,missing_required_header,unsupported_method,ignored_auth
run() {
  local who="$1"; shift
  echo "== schemathesis as $who"
  "$venv/bin/schemathesis" run "$dir/openapi.json" --url "http://127.0.0.1:$port" -H "Authorization: Bearer st-$who" \
    --checks "$checks" --max-examples "$max_examples" --max-time "$budget" --workers 1 --seed 20261206 \
    --request-timeout 30 --suppress-health-check all --phases examples,coverage,fuzzing "$@"
}
status=0
# Reads and audit actions as an auditor (replay is exercised by its own tests: each one rebuilds the warehouse).
run auditor --exclude-path /v1/events --exclude-path /v1/audit/replay || status=1
# Submissions as a submitter; the rest of the API as a manager (roles that may not: documented 403s).
run submitter --include-path /v1/events || status=1
run manager --include-path-regex '^/v1/(indicators|gaps|panels)' || status=1
if grep -q "unexpected error" "$dir/server.log"; then grep "unexpected error" "$dir/server.log" | head -5; status=1; fi
exit $status
