#!/usr/bin/env bash
# Types for ethers v6 users (typechain), as ESM. typechain's directory barrels import "./dir" without an extension,
# which node16 module resolution refuses; point them at "./dir/index.js".
set -euo pipefail
rm -rf types/ethers-contracts
typechain --target ethers-v6 --node16-modules --out-dir types/ethers-contracts 'artifacts/contracts/**/*.json'
find types/ethers-contracts -name index.ts -print0 |
  xargs -0 perl -pi -e 's#from "\./([A-Za-z0-9_.]+?)(?<!\.js)";#from "./$1/index.js";#'
