#!/usr/bin/env bash
# Makes sure the Debian packages a step needs are installed.
#   pipeline/deps.sh build   compiler toolchain, Eigen 3.4, CLI11, GoogleTest, Google Benchmark, libxsmm
#                            (the completion step's dense products; without it they run on Eigen)
#   pipeline/deps.sh plot    gnuplot with the cairo terminals (pdfcairo, pngcairo)
#   pipeline/deps.sh torch   Debian's PyTorch and numpy (make bench-compare, crosscheck, DRAWS=authors)
#   pipeline/deps.sh gemm    serial OpenBLAS (make bench-gemm only: the benchmarks compare it; nothing else links it)
#   pipeline/deps.sh slurm   Slurm and munge (pipeline/slurm-local.sh, make slurm-check; RUNNER=slurm needs only srun)
#   pipeline/deps.sh python  the Python module (make python): pybind11, numpy, pytest, matplotlib, the notebook runner
# Several sets at once (pipeline/deps.sh build plot) are installed by one apt-get.
# As root, installs what is missing with apt-get; otherwise prints the exact command and fails.
#
# Installs are serialized: under make -j two steps may ask for packages at the same moment,
# and two apt-get processes at once fail on the dpkg lock (exit 100). Every call takes an
# exclusive lock (flock) before it looks at what is missing, so the second caller waits,
# then finds its packages installed; apt-get itself also waits for a dpkg lock held by
# anything else on the machine (DPkg::Lock::Timeout).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 build|plot|torch|gemm|slurm|python ..." >&2; exit 2; }
want=()
for set in "$@"; do
  case "$set" in
    build) want+=(cmake ninja-build g++ libeigen3-dev libcli11-dev googletest libgtest-dev libbenchmark-dev libxsmm-dev) ;;
    plot) want+=(gnuplot-nox) ;;
    torch) want+=(python3-torch python3-numpy libopenblas0-pthread) ;;  # torch through an optimized BLAS, not the reference one
    gemm) want+=(libopenblas-serial-dev) ;;
    slurm) want+=(slurm-wlm munge) ;;
    python) want+=(python3-dev pybind11-dev python3-numpy python3-pytest python3-matplotlib jupyter-nbconvert python3-ipykernel) ;;
    *) echo "usage: $0 build|plot|torch|gemm|slurm|python ... (got '$set')" >&2; exit 2 ;;
  esac
done

missing_packages() {
  missing=()
  for p in "${want[@]}"; do
    if [ "$p" = gnuplot-nox ] && command -v gnuplot >/dev/null 2>&1 &&
       gnuplot -e 'set terminal pngcairo' </dev/null >/dev/null 2>&1; then
      continue  # any gnuplot with the cairo terminals will do
    fi
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
}

missing_packages
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing Debian packages; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
lock=${CLP_DEPS_LOCK:-/tmp/clp-deps.lock}
exec 9>>"$lock"
flock 9
missing_packages  # another caller may have installed them while this one waited
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing missing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >/dev/null
