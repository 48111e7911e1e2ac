#!/usr/bin/env bash
# The whole test run (the README's `npm test`): build, type check, lint, unit tests and end-to-end tests,
# with a real OS keychain (scripts/with-keyring.sh) and Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/ensure-native.mjs
node scripts/build.mjs
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx eslint . --max-warnings 0
echo "== unit + e2e"
bash scripts/with-keyring.sh bash -c 'npx vitest run && npx playwright test'
