import type {
  Abi,
  Account,
  Address,
  Chain,
  Client,
  ContractFunctionArgs,
  ContractFunctionName,
  Hash,
  Transport,
} from "viem";
import { simulateContract, writeContract } from "viem/actions";
import { withContractErrors } from "../errors/contract.ts";
import { systemErrorsAbi } from "./errorsAbi.ts";

/** Options every write action accepts on top of its own parameters. */
export type WriteOptions = {
  /** Sender; defaults to the client's account. */
  account?: Account | Address;
  /** Gas limit; estimated if omitted. */
  gas?: bigint;
};

/** A contract call as plain data: feed it to `simulateContract`, `writeContract`, `multicall` or a Safe batch. */
export type ContractCall<abi extends Abi = Abi> = {
  address: Address;
  abi: abi;
  functionName: ContractFunctionName<abi, "nonpayable" | "payable">;
  args: ContractFunctionArgs<abi, "nonpayable" | "payable">;
};

/**
 * Simulates `call` (so a revert surfaces as a typed error before any gas is spent), then sends it.
 * @internal
 */
export async function simulateAndWrite(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  call: ContractCall,
  options: WriteOptions = {},
): Promise<Hash> {
  return withContractErrors(async () => {
    const account = options.account ?? client.account;
    const { request } = await simulateContract(client, {
      ...call,
      abi: [...call.abi, ...systemErrorsAbi],
      account,
      gas: options.gas,
    } as never);
    return writeContract(client, { ...(request as object), abi: call.abi } as never);
  }, call.address);
}

/**
 * Only simulates `call`: the `--dry-run` of every write. Returns the function's return value.
 * @internal
 */
export async function simulateOnly(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  call: ContractCall,
  options: WriteOptions = {},
): Promise<unknown> {
  return withContractErrors(async () => {
    const account = options.account ?? client.account;
    const { result } = await simulateContract(client, {
      ...call,
      abi: [...call.abi, ...systemErrorsAbi],
      account,
      gas: options.gas,
    } as never);
    return result;
  }, call.address);
}
