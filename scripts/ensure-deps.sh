#!/usr/bin/env bash
# Installs what yardstick needs, idempotently: Debian packages (when missing and running as root),
# npm dependencies, the libtorch addon and the TypeScript build. Usage: ensure-deps.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."

# libtorch-dev alone pulls the reference BLAS (~15x slower matmul): OpenBLAS must be named explicitly.
pkgs=(libtorch-dev libopenblas-dev libjemalloc2)
if [[ "${1:-}" == "--test" ]]; then
  # Test-only: headless browser for report/dashboard tests, Python reference libraries for fixtures, the
  # PostgreSQL server the storage tests start as a throwaway cluster.
  pkgs+=(chromium python3-statsmodels python3-torch python3-numpy postgresql)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "[setup] installing Debian packages: ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "[setup] missing Debian packages: ${missing[*]}" >&2
    echo "[setup] run as root, or: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

# npm ci only when the lockfile changed since the last install.
stamp=node_modules/.yardstick-lock-hash
lockhash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$lockhash" ]]; then
  echo "[setup] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lockhash" >"$stamp"
fi

addon=packages/torch/build/Release/yardstick_torch.node
if [[ ! -f $addon ]] || [[ -n "$(find packages/torch/src/native packages/torch/binding.gyp -newer "$addon" 2>/dev/null)" ]]; then
  echo "[setup] building the libtorch addon (about a minute)"
  npm run build:native --silent
fi

echo "[setup] compiling TypeScript"
npm run build:ts --silent
