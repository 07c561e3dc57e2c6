#!/usr/bin/env bash
# Makes sure the Debian packages a step needs are installed.
#   pipeline/deps.sh build   compiler toolchain, Eigen 3.4, CLI11, GoogleTest, Google Benchmark
#   pipeline/deps.sh plot    gnuplot with the cairo terminals (pdfcairo, pngcairo)
#   pipeline/deps.sh torch   Debian's PyTorch and numpy (make bench-compare, crosscheck, DRAWS=authors)
#   pipeline/deps.sh gemm    libxsmm and serial OpenBLAS (make bench-gemm only; the project does not link them)
#   pipeline/deps.sh slurm   Slurm and munge (pipeline/slurm-local.sh, make slurm-check; RUNNER=slurm needs only srun)
#   pipeline/deps.sh python  the Python module (make python): pybind11, numpy, pytest, matplotlib, the notebook runner
# As root, installs what is missing with apt-get; otherwise prints the exact command and fails.
set -euo pipefail
case "${1:-}" in
  build) want=(cmake ninja-build g++ libeigen3-dev libcli11-dev googletest libgtest-dev libbenchmark-dev) ;;
  plot) want=(gnuplot-nox) ;;
  torch) want=(python3-torch python3-numpy libopenblas0-pthread) ;;  # torch through an optimized BLAS, not the reference one
  gemm) want=(libxsmm-dev libopenblas-serial-dev) ;;
  slurm) want=(slurm-wlm munge) ;;
  python) want=(python3-dev pybind11-dev python3-numpy python3-pytest python3-matplotlib jupyter-nbconvert python3-ipykernel) ;;
  *) echo "usage: $0 build|plot|torch|gemm|slurm|python" >&2; exit 2 ;;
esac
missing=()
for p in "${want[@]}"; do
  if [ "$p" = gnuplot-nox ] && command -v gnuplot >/dev/null 2>&1 &&
     gnuplot -e 'set terminal pngcairo' </dev/null >/dev/null 2>&1; then
    continue  # any gnuplot with the cairo terminals will do
  fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "installing missing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "error: missing Debian packages; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
