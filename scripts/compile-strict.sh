#!/usr/bin/env bash
# Compiles every contract from scratch and fails on any compiler warning (warnings are errors here).
set -euo pipefail
out=$(pnpm exec hardhat build --force 2>&1) || { echo "$out"; exit 1; }
echo "$out"
if grep -Eq "^Warning|Warning:" <<<"$out"; then
  echo "compile-strict: compiler warnings are errors" >&2
  exit 1
fi
