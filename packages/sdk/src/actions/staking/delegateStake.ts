import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import { readContract } from "viem/actions";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { signPermit } from "../token/signPermit.ts";

export type DelegateStakeParameters = WriteOptions & {
  /** Pool id. */
  poolId: bigint;
  /** Amount in wei (>= the governed minimum delegation). */
  amount: bigint;
  /**
   * Sign an EIP-2612 permit and delegate in one transaction (no approve). Default: true if the allowance does not
   * cover `amount`. The permit is valid for `permitTtl` seconds (default 1 hour).
   */
  permit?: boolean;
  permitTtl?: bigint;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
  /** PHA address; defaults to the deployment on the client's chain. */
  token?: Address;
};
export type DelegateStakeReturnType = Hash;
export type DelegateStakeErrorType = PhalaContractErrorType | Error;

/**
 * Delegates PHA to a staking pool. The stake bonds first: it earns, counts and can be slashed once active, after the
 * governed bonding period (see `getStakingPosition().bondingActivatesAt`). With a permit (the default when the
 * allowance is short) it takes a single transaction; a front-run permit does not make it fail.
 *
 * @example
 * const hash = await delegateStake(walletClient, { poolId: 1n, amount: parseEther("1000") })
 */
export async function delegateStake(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DelegateStakeParameters,
): Promise<DelegateStakeReturnType> {
  const staking = resolveAddress(client, "staking", parameters.staking);
  const account = parameters.account ?? client.account;
  const owner = typeof account === "string" ? account : account?.address;
  if (!owner) throw new Error("delegateStake: no account");
  let permit = parameters.permit;
  if (permit === undefined) {
    const token = resolveAddress(client, "pha", parameters.token);
    const allowance = await readContract(client, {
      address: token,
      abi: [
        {
          type: "function",
          name: "allowance",
          stateMutability: "view",
          inputs: [{ type: "address" }, { type: "address" }],
          outputs: [{ type: "uint256" }],
        },
      ] as const,
      functionName: "allowance",
      args: [owner, staking],
    });
    permit = allowance < parameters.amount;
  }
  if (!permit) return simulateAndWrite(client, delegateStake.call(client, parameters), parameters);
  const { timestamp } = await client
    .request({ method: "eth_getBlockByNumber", params: ["latest", false] })
    .then((block) => ({ timestamp: BigInt((block as { timestamp: `0x${string}` }).timestamp) }));
  const deadline = timestamp + (parameters.permitTtl ?? 3600n);
  const signed = await signPermit(client, {
    spender: staking,
    value: parameters.amount,
    deadline,
    account: typeof account === "object" ? account : undefined,
    token: parameters.token,
  });
  return simulateAndWrite(
    client,
    {
      address: staking,
      abi: stakingAbi,
      functionName: "delegateWithPermit",
      args: [parameters.poolId, parameters.amount, deadline, signed.v, signed.r, signed.s],
    },
    parameters,
  );
}

/** The approve-based delegation as call data (for `simulateContract`, batching, Safe). */
delegateStake.call = (
  client: Client,
  parameters: Pick<DelegateStakeParameters, "poolId" | "amount" | "staking">,
): ContractCall<typeof stakingAbi> => ({
  address: resolveAddress(client, "staking", parameters.staking),
  abi: stakingAbi,
  functionName: "delegate",
  args: [parameters.poolId, parameters.amount],
});
