#!/usr/bin/env bash
# Starts `npm start` with no DATABASE_URL (embedded PGlite + PostGIS in a temp folder), asks the
# gateway the README's sample query, then stops it. Used by CI; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$(mktemp -d)
log="${data_dir}/start.log"
# Its own process group: npm, tsx and node are stopped together, nothing outlives the test.
setsid env -u DATABASE_URL DATA_DIR="${data_dir}" LOG_LEVEL=warn npm start >"${log}" 2>&1 &
launcher=$!
cleanup() {
  kill -TERM -- "-${launcher}" 2>/dev/null || true
  wait "${launcher}" 2>/dev/null || true
  for _ in $(seq 1 20); do pgrep -g "${launcher}" >/dev/null || break; sleep 0.5; done
  kill -KILL -- "-${launcher}" 2>/dev/null || true
  rm -rf "${data_dir}"
}
trap cleanup EXIT

started=$(date +%s)
until curl -sf http://127.0.0.1:4000/ready >/dev/null; do
  if ! kill -0 "${launcher}" 2>/dev/null || [ $(( $(date +%s) - started )) -gt 240 ]; then
    echo "embedded federation did not become ready"; cat "${log}"; exit 1
  fi
  sleep 1
done
echo "ready after $(( $(date +%s) - started )) s"
answer=$(curl -sf http://127.0.0.1:4000/graphql -H 'content-type: application/json' \
  -d '{"query":"{ regions { code name } enterprises(first: 3) { totalCount edges { node { name region { name } vacancies(first: 1) { totalCount } } } } resettlementZones { name } }"}')
echo "${answer}" | head -c 600; echo
echo "${answer}" | grep -q '"errors"' && { echo "sample query failed"; exit 1; }
echo "${answer}" | grep -q '"KZ-35"' || { echo "regions missing"; exit 1; }
echo "embedded smoke test passed"
