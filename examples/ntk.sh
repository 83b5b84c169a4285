#!/usr/bin/env bash
# Example 3 of issue 6: NTK spectrum of deep networks (Hayase and Karakida, AISTATS 2021).
# Usage: examples/ntk.sh [--quick] [--width N] [--out DIR] [--seed SEED]
# Writes PNG pictures, the CSV behind each and table.csv to DIR (default out/ntk).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bin/freeprob" example ntk "$@"
