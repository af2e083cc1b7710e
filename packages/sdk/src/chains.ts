import { type Chain, defineChain } from "viem";
import { chainConfig } from "viem/op-stack";

/** Phala Network's L2 (OP stack, settles on Ethereum). */
export const phalaL2: Chain = /*#__PURE__*/ defineChain({
  ...chainConfig,
  id: 2035,
  name: "Phala Network",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["https://rpc.phala.network"] } },
  blockExplorers: { default: { name: "Phala Explorer", url: "https://explorer.phala.network" } },
  sourceId: 1,
});

/** The embedded local OP-stack chain of `pnpm demo` and the tests (EDR `chainType: "op"` or `anvil --optimism`). */
export const phalaLocal: Chain = /*#__PURE__*/ defineChain({
  ...chainConfig,
  id: 31337,
  name: "Phala Local",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:8545"] } },
});
