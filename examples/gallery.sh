#!/usr/bin/env bash
# Example 4 of issue 6: a free-convolution gallery (the R- and S-transform pipelines of seed 001, step by step).
# Usage: examples/gallery.sh [--quick] [--width N] [--samples S] [--out DIR] [--seed SEED]
# Writes one PNG per pair, the CSV behind each and table.csv to DIR (default out/gallery).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bin/freeprob" example gallery "$@"
