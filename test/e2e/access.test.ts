/**
 * No EOA keeps any power after deployment. For every contract the System module deploys (and the swap's migrator), every state-changing
 * function that is not deliberately public is called (eth_call) by a stranger, by the deployer and by the guardian,
 * and must be refused with a custom error from the contract's ABI (never a string, a panic or success). The guardian
 * may call `pause()` and nothing else.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type Abi,
  type AbiFunction,
  type AbiParameter,
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  zeroAddress,
} from "viem";
import { deploySystem } from "./fixture.ts";

/** Functions anyone may call, with why. Everything else in a deployed ABI must be restricted. */
const PUBLIC: Record<string, Record<string, string>> = {
  pha: {
    transfer: "ERC-20",
    transferFrom: "ERC-20",
    approve: "ERC-20",
    permit: "EIP-2612 (signature-gated)",
    delegate: "ERC-5805",
    delegateBySig: "ERC-5805 (signature-gated)",
  },
  governor: {
    propose: "holders above the threshold",
    castVote: "holders",
    castVoteWithReason: "holders",
    castVoteWithReasonAndParams: "holders",
    castVoteBySig: "holders (signature-gated)",
    castVoteWithReasonAndParamsBySig: "holders (signature-gated)",
    queue: "anyone, once a proposal succeeded",
    execute: "anyone, once queued and the delay passed",
    cancel: "the proposer, while pending",
    onERC721Received: "token receiver hook",
    onERC1155Received: "token receiver hook",
    onERC1155BatchReceived: "token receiver hook",
  },
  timelock: {
    execute: "open executor role (zero address): anyone runs a ready operation",
    executeBatch: "open executor role",
    onERC721Received: "token receiver hook",
    onERC1155Received: "token receiver hook",
    onERC1155BatchReceived: "token receiver hook",
    renounceRole: "only renounces the caller's own role",
  },
  pccs: {
    uploadCrl: "permissionless collateral upload: verified against the pinned Intel root",
    uploadCaCertificate: "permissionless collateral upload: verified against the pinned Intel root",
    uploadTcbSigningCertificate: "permissionless collateral upload: verified against the pinned Intel root",
    uploadTcbInfo: "permissionless collateral upload: signature by the verified TCB signing certificate",
    uploadQeIdentity: "permissionless collateral upload: signature by the verified TCB signing certificate",
    cachePckCertificate: "permissionless: caches a PCK certificate only once it chains to a verified CA",
  },
  dcapVerifier: {
    verifyAndCache: "permissionless: caches the quote's verified PCK certificate, then verifies",
    verifyAndCacheCertificate: "permissionless: caches a verified PCK certificate, then verifies",
  },
  manager: {
    renounceRole: "only renounces the caller's own role",
    execute: "checks the caller's permission for the target itself",
    consumeScheduledOp: "only consumes an operation scheduled for the caller",
    cancel: "only the scheduler or an admin of the target's role",
    schedule: "checks the caller's permission for the target itself",
    multicall: "batches calls to the manager itself; each inner call is checked",
  },
  escrow: {
    create: "payers open jobs with their own PHA",
    createWithPermit: "payers (signature-gated)",
    accept: "attested, unjailed workers with enough free pool stake",
    deliver: "the job's worker, signature by its registered enclave key",
    dispute: "the job's payer, within the challenge window, posting a bond",
    refund: "anyone after the deadline (the payer is paid), or the payer once the worker is revoked",
    release: "anyone after the challenge window; pays the parties of the job",
    releaseBatch: "anyone; bounded by the caller's list",
    withdraw: "an operator takes its own credit (payments of released jobs)",
    settlePool: "anyone; passes what the escrow owes a pool to Staking (reward, collateral)",
    sweepFees: "anyone; protocol fees go to the governed treasury only",
    resolve: "the arbiter appointed by governance, within the arbitration period",
    resolveByDefault: "anyone once the arbitration period passed: the documented default outcome",
  },
  attestationRegistry: {
    register: "anyone with evidence the verifier accepts and whose report data binds this caller, chain and registry",
    reverify: "anyone; only ever expires or revokes a worker whose evidence no longer passes",
  },
  staking: {
    openPool: "anyone may operate a pool (self-stake at least the governed minimum)",
    setCommission: "operator of the pool only (StakingNotPoolOperator)",
    setCapacity: "operator of the pool only (StakingNotPoolOperator)",
    addWorker: "operator of the pool only, for its own attested workers",
    removeWorker: "operator of the pool only",
    unjail: "operator of the worker's pool only, once re-attested and the jail period passed",
    claimCommission: "operator of the pool only",
    delegate: "delegators",
    delegateWithPermit: "delegators (signature-gated)",
    delegateFor: "anyone delegates their own PHA for a beneficiary (claim-to-stake)",
    undelegate: "holders of shares",
    withdraw: "owners of matured unbonding positions",
    claim: "delegators",
    restake: "delegators",
    fundEmission: "anyone may add PHA to the emission reserve",
    poke: "anyone re-syncs a pool's effective stake with the registry",
    syncWorker: "anyone re-syncs a worker's attestation checkpoint",
  },
  migrator: {
    claim: "anyone relays a bound leaf; only its bound EVM address is paid (Merkle proof)",
    claimAndDelegate: "the leaf's bound EVM address only (PHAMigratorCallerNotBoundAddress)",
    claimWithPublicKey: "the holder of the ECDSA key behind the leaf's account; paid to itself",
    claimWithPublicKeyAndDelegate: "the holder of the ECDSA key behind the leaf's account",
  },
};

/** Errors that mean "you may not". */
const REFUSALS = new Set([
  "AccessManagedUnauthorized",
  "AccessManagerUnauthorizedAccount",
  "AccessManagerUnauthorizedCall",
  "AccessControlUnauthorizedAccount",
  "TimelockUnauthorizedCaller",
  "GovernorOnlyExecutor",
  "PHACallerNotBridge",
  "InvalidInitialization", // initializer of an already initialized proxy
]);

function dummy(param: AbiParameter, filler: Address): unknown {
  const t = param.type;
  if (t.endsWith("]")) return [];
  if (t === "address") return filler;
  if (t === "bool") return false;
  if (t === "string") return "x";
  if (t === "bytes") return "0x";
  if (t.startsWith("bytes")) return `0x${"00".repeat(Number(t.slice(5)))}`;
  if (t.startsWith("uint") || t.startsWith("int")) return 1n;
  if (t === "tuple") {
    const components = (param as { components: readonly AbiParameter[] }).components;
    return Object.fromEntries(components.map((c) => [c.name, dummy(c, filler)]));
  }
  throw new Error(`no dummy for ${t}`);
}

describe("access: nobody but governance holds power after deployment", async () => {
  const { system, accounts, publicClient } = await deploySystem();
  const callers = {
    stranger: accounts.stranger.account.address,
    deployer: accounts.deployer.account.address,
    guardian: accounts.guardian.account.address,
  };
  const contracts = system as unknown as Record<string, { address: Address; abi: Abi }>;

  it("covers every deployed contract", () => {
    for (const name of Object.keys(contracts)) assert.ok(PUBLIC[name], `no access policy for ${name}`);
  });

  for (const [name, contract] of Object.entries(contracts)) {
    const fns = contract.abi.filter(
      (x): x is AbiFunction =>
        x.type === "function" &&
        x.stateMutability !== "view" &&
        x.stateMutability !== "pure" &&
        !PUBLIC[name]?.[x.name],
    );
    for (const fn of fns) {
      for (const [who, from] of Object.entries(callers)) {
        it(`${name}.${fn.name} refuses the ${who}`, async () => {
          const args = fn.inputs.map((p) => dummy(p, from === zeroAddress ? callers.stranger : from));
          const mayPause = who === "guardian" && fn.name === "pause";
          let refusal: ContractFunctionRevertedError | undefined;
          try {
            await publicClient.simulateContract({
              address: contract.address,
              abi: contract.abi,
              functionName: fn.name,
              args,
              account: from,
            } as never);
          } catch (err) {
            const reverted =
              err instanceof BaseError ? err.walk((e) => e instanceof ContractFunctionRevertedError) : null;
            assert.ok(reverted instanceof ContractFunctionRevertedError, `${name}.${fn.name}: not a revert: ${err}`);
            refusal = reverted;
          }
          if (mayPause) {
            assert.equal(refusal, undefined, `guardian could not pause ${name}: ${refusal?.shortMessage}`);
            return;
          }
          assert.ok(refusal, `${name}.${fn.name} succeeded for the ${who}`);
          // Decoded against the contract's full ABI: the refusal must be a declared custom error.
          const errorName = refusal.data?.errorName;
          assert.ok(
            errorName && REFUSALS.has(errorName),
            `${name}.${fn.name} (${who}): refused with ${errorName ?? refusal.shortMessage}`,
          );
        });
      }
    }
  }
});
