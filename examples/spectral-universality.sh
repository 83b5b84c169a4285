#!/usr/bin/env bash
# Example 2 of issue 6: spectral universality (Pennington, Schoenholz and Ganguli, AISTATS 2018).
# Usage: examples/spectral-universality.sh [--quick] [--width N] [--out DIR] [--seed SEED] [--activations LIST]
# Writes PNG pictures, the CSV behind each and table.csv to DIR (default out/spectral-universality).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bin/freeprob" example spectral-universality "$@"
