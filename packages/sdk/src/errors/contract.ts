import type { Address, ContractFunctionRevertedError, BaseError as ViemBaseError } from "viem";
import { BaseError } from "./base.ts";

export type ContractNotDeployedErrorType = ContractNotDeployedError & { name: "ContractNotDeployedError" };

/** Thrown when the SDK has no address for a contract on the client's chain and none was passed. */
export class ContractNotDeployedError extends BaseError {
  override name = "ContractNotDeployedError";
  constructor({ contract, chainId }: { contract: string; chainId: number | undefined }) {
    super(`No ${contract} deployment is known for chain ${chainId ?? "(none)"}.`, {
      metaMessages: ["Pass the contract address explicitly, or use a chain with a generated deployment."],
      docsPath: "#addresses",
    });
  }
}

export type PhalaContractErrorType = PhalaContractError & { name: "PhalaContractError" };

/**
 * A contract refused the call with one of its custom errors, decoded from the generated ABI.
 * `errorName` and `args` are the Solidity error and its arguments, e.g. `PHACallerNotBridge(0x…)`.
 */
export class PhalaContractError extends BaseError {
  override name = "PhalaContractError";
  readonly errorName: string;
  readonly args: readonly unknown[];
  readonly contract: Address | undefined;
  constructor({
    errorName,
    args,
    contract,
    cause,
  }: {
    errorName: string;
    args: readonly unknown[];
    contract?: Address;
    cause: ViemBaseError;
  }) {
    super(`${errorName}(${args.map(formatArg).join(", ")})`, {
      cause,
      metaMessages: contract ? [`Contract: ${contract}`] : undefined,
      docsPath: "#errors",
    });
    this.errorName = errorName;
    this.args = args;
    this.contract = contract;
  }
}

function formatArg(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map(formatArg).join(", ")}]`;
  return String(value);
}

/**
 * Finds the decoded custom error inside any viem error, or undefined if the failure was not a custom-error revert.
 * Matches by error name, not `instanceof`, so it works across duplicated viem copies in an app's dependency tree.
 */
export function decodeContractError(error: unknown, contract?: Address): PhalaContractError | undefined {
  if (error instanceof PhalaContractError || (error as Error | undefined)?.name === "PhalaContractError")
    return error as PhalaContractError;
  const walk = (error as ViemBaseError | undefined)?.walk;
  if (typeof walk !== "function") return undefined;
  const reverted = walk.call(error, (e) => (e as Error | undefined)?.name === "ContractFunctionRevertedError") as
    | ContractFunctionRevertedError
    | undefined;
  if (!reverted?.data?.errorName) return undefined;
  return new PhalaContractError({
    errorName: reverted.data.errorName,
    args: reverted.data.args ?? [],
    contract,
    cause: error as ViemBaseError,
  });
}

/** Runs `fn`; a custom-error revert is rethrown as a typed {@link PhalaContractError}, anything else unchanged. */
export async function withContractErrors<T>(fn: () => Promise<T>, contract?: Address): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw decodeContractError(error, contract) ?? error;
  }
}
