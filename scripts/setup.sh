#!/usr/bin/env bash
# Installs whatever is missing for building, serving and testing: Debian
# packages (as root, or through sudo) and the npm dependencies. Safe to run
# again: it only acts on what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

# clang-14 + libclang-rt-14-dev: libFuzzer and the sanitizers for the fuzz targets.
# The Python packages: the figure JSON is checked with Debian's Plotly, and the
# cosine_heatmap package is installed with pip into a venv and run in a
# notebook by nbconvert with ipykernel (tests/python).
APT_PACKAGES=(emscripten libeigen3-dev catch2 cmake g++ chromium clang clang-14 libclang-rt-14-dev
  python3-numpy python3-plotly python3-pip python3-venv python3-nbconvert jupyter-nbconvert python3-ipykernel)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node 20 or newer is needed, found $(node --version)" >&2
  exit 1
fi

# onnxruntime-node (under @huggingface/transformers, used by the tests) would
# download CUDA binaries on Linux x64 in its postinstall; the CPU binaries are
# in its npm tarball already, and nothing beyond npm is reachable here.
export ONNXRUNTIME_NODE_INSTALL_CUDA=skip

# npm ci is exact and quick on a clean clone; after that, only reinstall when
# the lock file changed since the last install.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
