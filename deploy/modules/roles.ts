import { keccak256, toHex } from "viem";

/** AccessManager role ids; must equal `contracts/access/Roles.sol`. */
export const Roles = {
  ADMIN: 0n,
  GUARDIAN: 1n,
  SLASHER: 2n,
  REWARDER: 3n,
  COLLATERAL_MANAGER: 4n,
} as const;

/** TimelockController role ids. */
export const TimelockRoles = {
  DEFAULT_ADMIN: `0x${"00".repeat(32)}`,
  PROPOSER: keccak256(toHex("PROPOSER_ROLE")),
  CANCELLER: keccak256(toHex("CANCELLER_ROLE")),
  EXECUTOR: keccak256(toHex("EXECUTOR_ROLE")),
} as const;
