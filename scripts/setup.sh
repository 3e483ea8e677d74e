#!/usr/bin/env bash
# tinyaot: prepare a fresh Debian 12 machine and build.
# Installs the build dependencies that are missing (as root, or through sudo), then configures with
# CMake + Ninja and builds into build/ (override with TINYAOT_BUILD_DIR, build type with TINYAOT_BUILD_TYPE).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${TINYAOT_BUILD_DIR:-$root/build}
build_type=${TINYAOT_BUILD_TYPE:-Release}
packages=(cmake ninja-build g++ flatbuffers-compiler libflatbuffers-dev libfmt-dev libcli11-dev
          nlohmann-json3-dev libgtest-dev)

install_missing() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not a Debian system; please install: ${packages[*]}" >&2
    return 0
  fi
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    echo "setup: all build dependencies are installed"
    return 0
  fi
  echo "setup: installing ${missing[*]}"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "setup: missing packages (${missing[*]}) and neither root nor sudo available" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_missing

# Pass the generator only on the first configure: CMake refuses to switch generators in an existing tree.
generator=()
[[ -f $build_dir/CMakeCache.txt ]] || generator=(-G Ninja)
cmake -S "$root" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$build_type"
cmake --build "$build_dir"
echo "setup: built into $build_dir"
