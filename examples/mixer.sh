#!/usr/bin/env bash
# Issue 8: MLP-Mixer versus its random-permuted twin (Hayase and Karakida, ICML 2024; seed 000).
# Usage: examples/mixer.sh [--quick] [--side S] [--draws K] [--out DIR] [--seed SEED]
# Writes PNG pictures, the CSV behind each and table.csv to DIR (default out/mixer).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bin/freeprob" example mixer "$@"
