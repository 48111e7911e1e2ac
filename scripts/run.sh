#!/usr/bin/env bash
# Runs one command with the project's Node (scripts/node-env.sh); the npm scripts go through it.
# Usage: bash scripts/run.sh node scripts/build.mjs
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
exec "$@"
