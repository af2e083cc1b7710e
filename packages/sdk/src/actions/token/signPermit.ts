import type { Account, Address, Chain, Client, Hex, Transport } from "viem";
import { parseSignature } from "viem";
import { readContract, signTypedData } from "viem/actions";
import { phaAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";

export type SignPermitParameters = {
  spender: Address;
  value: bigint;
  /** Unix seconds after which the permit is void. */
  deadline: bigint;
  /** Signer; defaults to the client's account. */
  account?: Account;
  token?: Address;
};
export type SignPermitReturnType = {
  owner: Address;
  spender: Address;
  value: bigint;
  deadline: bigint;
  nonce: bigint;
  signature: Hex;
  v: number;
  r: Hex;
  s: Hex;
};

/**
 * Signs an EIP-2612 permit for PHA. The domain (name, version, chain id, contract) is read from the token itself
 * (ERC-5267), so a permit can never be signed for the wrong chain or contract.
 *
 * @example
 * const permit = await signPermit(walletClient, { spender, value, deadline })
 */
export async function signPermit(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SignPermitParameters,
): Promise<SignPermitReturnType> {
  const account = parameters.account ?? client.account;
  if (!account) throw new Error("signPermit: no account");
  const token = resolveAddress(client, "pha", parameters.token);
  const [[, name, version, chainId, verifyingContract], nonce] = await Promise.all([
    readContract(client, { address: token, abi: phaAbi, functionName: "eip712Domain" }),
    readContract(client, { address: token, abi: phaAbi, functionName: "nonces", args: [account.address] }),
  ]);
  const message = {
    owner: account.address,
    spender: parameters.spender,
    value: parameters.value,
    nonce,
    deadline: parameters.deadline,
  };
  const signature = await signTypedData(client, {
    account,
    domain: { name, version, chainId, verifyingContract },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message,
  });
  const { v, r, s, yParity } = parseSignature(signature);
  return { ...message, signature, v: v !== undefined ? Number(v) : yParity + 27, r, s };
}
