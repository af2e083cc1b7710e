#!/usr/bin/env bash
# Everything CI checks, in order: strict compile, codegen, lint, typecheck, Solidity tests (unit, fuzz, invariant),
# node:test integration tests on the embedded OP chain, SDK/CLI tests against a real JSON-RPC node.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$1"; }
step "compile (warnings are errors)"; bash scripts/compile-strict.sh
step "generate ABIs and addresses"; pnpm gen
step "lint"; pnpm lint
step "typecheck"; pnpm typecheck
step "build the SDK and CLI packages (ESM + CJS + declarations)"; pnpm -r --filter './packages/*' build
# test:sol checks .gas-snapshot. The DCAP parser fuzz tests read the shared vectors from disk, so their gas depends on
# the checkout path; they are left out of the baseline (absent entries are reported, not failed).
step "solidity tests + gas snapshot"; pnpm test:sol
step "sdk + cli tests"; pnpm test:sdk
step "integration tests (node:test on EDR op)"; pnpm test:node
