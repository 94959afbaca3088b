#!/usr/bin/env bash
# What a newcomer does, proven: copies the checkout's files (git ls-files, uncommitted edits
# included, nothing ignored: no node_modules, no .data) into an empty temp folder with no
# `shared/` anywhere above it, runs `npm ci` there, then the embedded smoke (npm start, a query
# through the gateway, stop) from that copy. Used by CI; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

workspace=$(mktemp -d)
copy="${workspace}/enterprise-map"
cleanup() { rm -rf "${workspace}"; }
trap cleanup EXIT

# Nothing the project may not rely on sits beside or above the copy.
dir="${copy}"
while [ "${dir}" != "/" ]; do
  if [ -e "${dir}/shared" ]; then echo "a shared/ folder exists at ${dir}: not a clean place"; exit 1; fi
  dir=$(dirname "${dir}")
done

mkdir "${copy}"
# Tracked and new (not ignored) files as they are in the working tree; a tracked file deleted
# in the working tree is skipped.
git ls-files -z --cached --others --exclude-standard \
  | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null \
  | tar -xf - -C "${copy}"
[ ! -e "${copy}/node_modules" ] || { echo "node_modules was copied"; exit 1; }
echo "copied $(find "${copy}" -type f | wc -l) files to ${copy}"

cd "${copy}"
npm ci --no-audit --no-fund --prefer-offline
[ -d node_modules ] && [ ! -L node_modules ] || { echo "npm ci left no real node_modules"; exit 1; }
bash scripts/smoke-embedded.sh
