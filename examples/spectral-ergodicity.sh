#!/usr/bin/env bash
# Spectral ergodicity and cascading periodic spectral ergodicity (Suzen et al. 2017, 2019; issue 8, seed 002).
# Usage: examples/spectral-ergodicity.sh [--quick] [--out DIR] [--seed SEED]
# Writes PNG pictures, the CSV behind each and table.csv to DIR (default out/spectral-ergodicity).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bin/freeprob" example spectral-ergodicity "$@"
