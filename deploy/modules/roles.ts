import { keccak256, toHex } from "viem";

/** AccessManager role ids, generated from `contracts/access/Roles.sol`. */
export { Roles } from "../../packages/sdk/src/generated/roles.ts";

/** TimelockController role ids. */
export const TimelockRoles = {
  DEFAULT_ADMIN: `0x${"00".repeat(32)}`,
  PROPOSER: keccak256(toHex("PROPOSER_ROLE")),
  CANCELLER: keccak256(toHex("CANCELLER_ROLE")),
  EXECUTOR: keccak256(toHex("EXECUTOR_ROLE")),
} as const;
