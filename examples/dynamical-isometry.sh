#!/usr/bin/env bash
# Example 1 of issue 6: dynamical isometry (Pennington, Schoenholz and Ganguli, NeurIPS 2017).
# Usage: examples/dynamical-isometry.sh [--quick] [--width N] [--out DIR] [--seed SEED]
# Writes PNG pictures, the CSV behind each and table.csv to DIR (default out/dynamical-isometry).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bin/freeprob" example dynamical-isometry "$@"
