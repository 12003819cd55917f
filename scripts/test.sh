#!/usr/bin/env bash
# The whole test suite on a fresh Debian bookworm machine with Node 20: installs what it needs, then
# type-checks (sources, tests and benchmarks), lints (eslint, no `any`), checks the formatting (prettier) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --test
npm run typecheck --silent
npm run lint --silent
npm run format:check --silent
node scripts/run-tests.mjs "$@"
