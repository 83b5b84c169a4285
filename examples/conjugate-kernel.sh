#!/usr/bin/env bash
# Issue 8, part 1: conjugate-kernel spectra layer by layer (Fan and Wang, NeurIPS 2020).
# Usage: examples/conjugate-kernel.sh [--quick] [--width N] [--out DIR] [--seed SEED]
# Writes PNG pictures, the CSV behind each and table.csv to DIR (default out/conjugate-kernel).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bin/freeprob" example conjugate-kernel "$@"
