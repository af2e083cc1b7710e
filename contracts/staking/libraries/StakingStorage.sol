// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IStaking} from "../../interfaces/IStaking.sol";
import {IWorkerRegistry} from "../../interfaces/IWorkerRegistry.sol";

/// @title StakingStorage
/// @notice ERC-7201 namespaced storage of Staking, shared by the contract and its external logic libraries (which run
///         by DELEGATECALL in the proxy's storage).
/// @dev Field widths: PHA amounts fit 96 bits (the whole supply is ~1e27 wei, 2^96 is ~7.9e28; every narrowing write is
///      checked); shares carry 1e6 virtual-share precision (~1e33 for the whole supply), hence 112-128 bits; epochs and
///      timestamps fit 32 bits until 2106. Structs are packed so the hot paths touch few slots (each cold slot costs
///      2,100 gas to read): see the comments on `Pool` and `Layout`.
library StakingStorage {
    /// @dev Packed by access. A claim reads slots 0-2. An undelegation reads slots 0-4 and writes slots 0-3 (what it
    ///      changes: reward per share and effective stake, the paid emission index, shares and active stake, commission
    ///      and unbonding totals; what it only checks: operator and reserved collateral, in slot 4). A delegation reads
    ///      slots 1, 2, 4 and 5 and writes slot 5. `rewardPerShare` and `emissionIndexPaid` keep the low 160 bits of
    ///      their accumulators: only wrapping differences of them are ever used (see {PoolAccounting}).
    ///      `undistributed` is non-zero only while `totalShares` is zero (it is shared out as soon as shares exist), so
    ///      a claim never needs it.
    struct Pool {
        // slot 0
        uint160 rewardPerShare;
        uint96 effective;
        // slot 1
        uint160 emissionIndexPaid;
        uint16 commissionBps;
        uint32 horizon;
        uint32 bondHead;
        // slot 2
        uint128 totalShares;
        uint96 totalActive;
        uint32 pendingCommissionAt;
        // slot 3 (`countedWorkers` keeps it non-zero for any pool that earns, so crediting commission after the
        // operator claimed it all writes a non-zero slot: 2,900 gas, not 20,000)
        uint96 commissionAccrued;
        uint96 unbondingTotal;
        uint32 countedWorkers;
        uint16 pendingCommissionBps;
        // slot 4 (what the escrow's accept reads, with `totalActive`: operator, reservations, closed)
        address operator;
        uint88 reserved;
        bool closed;
        // slot 5
        uint128 capacity;
        uint96 bondingTotal;
        uint32 bondTail;
        // slot 6
        uint96 undistributed;
        uint32 workers;
    }

    /// @dev Slot 0 is all a new delegation writes; slot 1 is the rewards. `rewardPerSharePaid` keeps the low 160 bits
    ///      of the pool's reward per share: rewards are computed on the wrapping difference (as Uniswap's fee growth),
    ///      exact while a position's accrual between two syncs stays below 2^160 / 1e36 PHA per share.
    struct Delegator {
        uint128 shares;
        uint96 bondAmount;
        uint32 bondEpoch;
        uint160 rewardPerSharePaid;
        uint96 claimable;
    }

    /// @dev Stake that entered a pool during one epoch; `shares` is set when the epoch activates (the epoch is then at or
    ///      before the pool's `horizon`, which is how a position knows its epoch activated without reading this).
    struct BondBucket {
        uint96 amount;
        uint128 shares;
        uint32 next;
    }

    /// @dev Unbonding requested in one epoch: `value` shrinks with slashes, `units` are the positions' claims on it;
    ///      `horizon` is the pool's entry horizon (epoch) at the bucket's latest request.
    struct UnbondBucket {
        uint112 value;
        uint112 units;
        uint32 horizon;
    }

    /// @dev One slot per account, pool and unbonding epoch, keyed by `poolId << 32 | epoch` (see {PoolAccounting-positionKey}):
    ///      an account's requests in one pool within one epoch share one unbond bucket, so they merge into one
    ///      position (a later request writes an existing slot instead of a new one). Its id is
    ///      `poolId << 32 | requestedAt` (the first request's time, which names the epoch); `maturity` is the latest
    ///      request's.
    struct Unbonding {
        uint128 units;
        uint32 maturity;
        uint32 requestedAt;
    }

    struct Worker {
        uint64 poolId;
        bool counted;
        bool jailed;
        uint40 jailedAt;
    }

    /// @custom:storage-location erc7201:phala.storage.Staking
    struct Layout {
        IWorkerRegistry registry;
        IStaking.Parameters params;
        // Emission: a checkpoint writes these two slots, a claim reads them. `emissionIndex` keeps the low 160 bits of
        // the global index (only wrapping differences are used, see {PoolAccounting}).
        uint160 emissionIndex;
        uint96 emissionReserve;
        uint32 emissionLastUpdate;
        uint32 emissionEnd;
        uint96 emissionRate;
        uint96 totalEffective;
        uint64 poolCount;
        mapping(uint256 poolId => Pool) pools;
        mapping(uint256 poolId => mapping(address account => Delegator)) delegators;
        mapping(uint256 poolId => mapping(uint256 epoch => BondBucket)) bondBuckets;
        mapping(uint256 poolId => mapping(uint256 epoch => uint160)) bondBucketRps;
        mapping(uint256 poolId => mapping(uint256 epoch => UnbondBucket)) unbondBuckets;
        mapping(address account => mapping(uint256 positionKey => Unbonding)) unbondings;
        mapping(address worker => Worker) workers;
    }

    // keccak256(abi.encode(uint256(keccak256("phala.storage.Staking")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant SLOT = 0x577cec6259dd2ad35ef17986044bf2933738b8ca4660b2be2c13b088a45a2e00;

    function layout() internal pure returns (Layout storage $) {
        assembly {
            $.slot := SLOT
        }
    }
}
