#!/usr/bin/env bash
# Compiles every contract from scratch and fails on any compiler warning in our own sources (warnings are errors).
# Warnings located in dependencies (node_modules, e.g. OZ's transient-storage notice) are reported but not fatal.
set -euo pipefail
out=$(pnpm exec hardhat build --force 2>&1) || { echo "$out"; exit 1; }
echo "$out"
ours=$(awk '/^Warning/ {w=1; next} w && /-->/ { if ($2 !~ /node_modules/) print $2; w=0 }' <<<"$out")
if [[ -n "$ours" ]]; then
  echo "compile-strict: compiler warnings are errors:" >&2
  echo "$ours" >&2
  exit 1
fi
