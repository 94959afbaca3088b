#!/usr/bin/env bash
# Measures the all-in-one launcher on the embedded PostGIS: for each run, a first start on a
# fresh DATA_DIR and a second start on the same DATA_DIR, each timed from spawning the process
# until the gateway's /ready answers, with the process's peak RSS from /usr/bin/time -v.
# Prints one line per start and the medians. Usage: bash scripts/measure-start.sh [runs=3]
# Uses ports 4000-4005 (npm start's defaults); stop anything listening there first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
node_bin=node_modules/.bin/node
[ -x "${node_bin}" ] || node_bin=node

start_once() { # $1 data dir, $2 label → prints "label seconds rss_mb"
  local data_dir=$1 label=$2 timing="${1}/time-${2}.txt" log="${1}/start-${2}.log"
  local spawned ready pid
  if curl -sf http://127.0.0.1:4000/ready >/dev/null 2>&1; then echo "something already answers on port 4000"; return 1; fi
  spawned=$(date +%s.%N)
  env -u DATABASE_URL DATA_DIR="${data_dir}" LOG_LEVEL=warn \
    /usr/bin/time -v -o "${timing}" "${node_bin}" --import tsx scripts/start.ts >"${log}" 2>&1 &
  pid=$!
  until curl -sf http://127.0.0.1:4000/ready >/dev/null 2>&1; do
    kill -0 "${pid}" 2>/dev/null || { echo "launcher exited before /ready:"; cat "${log}"; return 1; }
    sleep 0.1
  done
  ready=$(date +%s.%N)
  # Stop the launcher itself (the child of /usr/bin/time); it shuts down gracefully and time
  # then writes the figures.
  kill -TERM "$(pgrep -P "${pid}")"
  wait "${pid}" || true
  local rss_kb
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "${timing}")
  printf '%s %.1f %d\n' "${label}" "$(echo "${ready} - ${spawned}" | bc -l)" $((rss_kb / 1024))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

results=$(mktemp)
for run in $(seq 1 "${runs}"); do
  data_dir=$(mktemp -d)
  start_once "${data_dir}" first | tee -a "${results}"
  start_once "${data_dir}" second | tee -a "${results}"
  rm -rf "${data_dir}"
done
for label in first second; do
  seconds=$(awk -v l="${label}" '$1 == l { print $2 }' "${results}" | median)
  rss=$(awk -v l="${label}" '$1 == l { print $3 }' "${results}" | sort -n | tail -1)
  echo "median ${label} start: ${seconds} s over ${runs} runs; peak RSS ${rss} MB"
done
rm -f "${results}"
