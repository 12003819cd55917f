#!/usr/bin/env bash
# The main job on the embedded default data: installs what it needs, then runs yardstick's default benchmark
# (Auto-AR on ETTh1 at all four horizons and a budgeted DASHA on a GUE promoter task), stores the runs,
# compares them with published foundation-model numbers and prints where the report is.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec node packages/yardstick/bin/yardstick.js run default "$@"
