#!/usr/bin/env bash
# The whole test run (the README's `npm test`): build, type check, lint, unit tests and end-to-end tests,
# with a real OS keychain (scripts/with-keyring.sh) and Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
# A throw-away keyring for this run only (see scripts/with-keyring.sh).
MFA_KEYRING_HOME="$(mktemp -d)"
export MFA_KEYRING_HOME
trap 'rm -rf "$MFA_KEYRING_HOME"' EXIT
node scripts/ensure-native.mjs
node scripts/build.mjs
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx eslint . --max-warnings 0
echo "== electronegativity"; node scripts/electronegativity.mjs
echo "== unit + browser-shell end to end"
bash scripts/with-keyring.sh bash -c 'npx vitest run && npx playwright test --project shell'
echo "== Electron end to end"
electron_dir=node_modules/electron
if [ -f "$electron_dir/path.txt" ] && [ -e "$electron_dir/dist/$(cat "$electron_dir/path.txt")" ]; then
  # The binary exists: build the native modules for Electron, run, then back for Node.
  npx electron-builder install-app-deps
  status=0
  bash scripts/with-keyring.sh npx playwright test --project electron || status=$?
  # Package an unpacked build with the local runtime and read its fuses back (electron-builder.yml).
  echo "== fuses"
  rm -rf release-check
  npx electron-builder --dir --config electron-builder.yml -c.electronDist=node_modules/electron/dist \
    -c.directories.output=release-check && node scripts/check-fuses.mjs release-check --require || status=1
  node scripts/ensure-native.mjs
  exit $status
fi
# No binary here: the project reports itself skipped, with the reason.
echo "Electron end-to-end tests are skipped here: the Electron runtime is not downloaded (node_modules/electron/dist"
echo "is missing) and this machine cannot reach the Electron release server. Run 'npm run desktop' once where it can."
npx playwright test --project electron
echo "== fuses"; node scripts/check-fuses.mjs
