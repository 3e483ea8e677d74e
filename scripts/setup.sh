#!/usr/bin/env bash
# tinyaot: prepare a fresh Debian 12 machine and build.
# Installs the build dependencies that are missing (as root, or through sudo), then configures with
# CMake + Ninja and builds into build/ (override with TINYAOT_BUILD_DIR, build type with TINYAOT_BUILD_TYPE).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${TINYAOT_BUILD_DIR:-$root/build}
build_type=${TINYAOT_BUILD_TYPE:-Release}
packages=(cmake ninja-build g++ flatbuffers-compiler libflatbuffers-dev libfmt-dev libcli11-dev
          nlohmann-json3-dev libgtest-dev
          # Hardening (docs/hardening.md): clang for the sanitizer stage, libFuzzer and the clang
          # warning check; its sanitizer/libFuzzer runtimes are only recommended by the clang packages,
          # hence listed. cppcheck for the cppcheck check of the emitted code.
          clang libclang-rt-14-dev cppcheck)
# Cortex-M: Arm cross toolchain and QEMU for tests/qemu and bench/cortexm (about 105 MB). Optional: set
# TINYAOT_SKIP_ARM=1 to leave them out; if they are missing the QEMU tests skip themselves.
arm_packages=(gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-dev qemu-system-arm)
# The HTML report check (tests/pipeline/cli_inspect_report.sh) renders the page in headless Chromium and
# checks it as XML with xmllint. Optional: TINYAOT_SKIP_BROWSER=1 leaves them out (the test then says so).
browser_packages=(chromium libxml2-utils)

apt_updated=0
# install_missing PKG...: installs those of PKG that are not installed; returns non-zero on failure.
install_missing() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not a Debian system; please install: $*" >&2
    return 0
  fi
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    echo "setup: already installed: $*"
    return 0
  fi
  echo "setup: installing ${missing[*]}"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "setup: missing packages (${missing[*]}) and neither root nor sudo available" >&2
      return 1
    fi
    sudo=(sudo)
  fi
  if [[ $apt_updated -eq 0 ]]; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
    apt_updated=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_missing "${packages[@]}" || { echo "setup: could not install the build dependencies" >&2; exit 1; }
if [[ ${TINYAOT_SKIP_ARM:-0} != 1 ]]; then
  install_missing "${arm_packages[@]}" || echo "setup: warning: Arm tools not installed; QEMU tests will skip" >&2
fi
if [[ ${TINYAOT_SKIP_BROWSER:-0} != 1 ]]; then
  install_missing "${browser_packages[@]}" ||
    echo "setup: warning: chromium/xmllint not installed; the HTML report is only parsed, not rendered" >&2
fi

# Pass the generator only on the first configure: CMake refuses to switch generators in an existing tree.
generator=()
[[ -f $build_dir/CMakeCache.txt ]] || generator=(-G Ninja)
cmake -S "$root" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$build_type"
cmake --build "$build_dir"
echo "setup: built into $build_dir"
