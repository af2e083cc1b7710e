// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {P256} from "@openzeppelin/contracts/utils/cryptography/P256.sol";
import {IJobEscrow} from "../../interfaces/IJobEscrow.sol";
import {IStakingHooks} from "../../interfaces/IStakingHooks.sol";
import {IWorkerRegistry} from "../../interfaces/IWorkerRegistry.sol";
import {JobLib} from "./JobLib.sol";

/// @title EscrowLogic
/// @notice Cold paths of the escrow, in an external (linked) library so that they live out of the escrow's bytecode,
///         which must stay under the contract size limit: governance writes of the parameters (bound checks, packed
///         stores, events), P-256 enclave signature checks, and the over-reserved pool case of an acceptance. Called
///         by DELEGATECALL: calls to Staking still come from the escrow.
library EscrowLogic {
    /// @notice True if `signature` (r ‖ s, 64 bytes) is a P-256 signature of `digest` by the enclave key `registry`
    ///         holds for `worker`, checked through the RIP-7212 precompile of the OP stack (no Solidity fallback).
    function isP256Signature(address registry, address worker, bytes32 digest, bytes calldata signature)
        external
        view
        returns (bool)
    {
        if (signature.length != 64) return false;
        (IWorkerRegistry.KeyType keyType, bytes memory publicKey) = IWorkerRegistry(registry).enclaveKeyOf(worker);
        if (keyType != IWorkerRegistry.KeyType.P256 || publicKey.length != 64) return false;
        bytes32 qx;
        bytes32 qy;
        assembly ("memory-safe") {
            qx := mload(add(publicKey, 0x20))
            qy := mload(add(publicKey, 0x40))
        }
        return P256.verifyNative(digest, bytes32(signature[0:32]), bytes32(signature[32:64]), qx, qy);
    }

    /// @notice Releases pool `poolId`'s pending collateral `carried` in Staking and returns the pool's free stake after
    ///         that (the rare path of {JobEscrow-accept} when Staking reports no free stake: see there). Emits
    ///         {IJobEscrow-PoolSettled}.
    function settleCollateral(
        IJobEscrow.PendingSettlement storage pending,
        address staking,
        uint256 poolId,
        uint256 carried
    ) external returns (uint256 free) {
        pending.collateral = 0;
        emit IJobEscrow.PoolSettled(poolId, 0, carried);
        IStakingHooks(staking).releaseCollateral(poolId, carried);
        free = IStakingHooks(staking).freeStake(poolId);
    }

    /// @notice Adds a job's collateral (`collateralBps` of `price`) to its pool's `pending` collateral, then slashes
    ///         the pool `penaltyBps` of the price, capped by the collateral and by Staking's cap for a fault at
    ///         `faultTime` (read first: a slash above it would revert and block the refund), paid to `treasury` and
    ///         jailing `worker`. With a non-zero penalty the worker is jailed even when that cap is 0 (a zero-amount
    ///         slash only jails). Returns the amount Staking actually slashed.
    /// @dev Never to the payer: a slash is mostly delegators' stake, and anyone can be a job's payer, the operator
    ///      included, so paying it to the payer would let an operator pay for jobs of its own worker, let them fail
    ///      and collect its delegators' stake (the payer is refunded the price in full either way).
    function freeCollateralAndSlash(
        IJobEscrow.PendingSettlement storage pending,
        address staking,
        uint256 poolId,
        address worker,
        uint256 price,
        uint256 collateralBps,
        uint256 penaltyBps,
        uint256 faultTime,
        address treasury
    ) external returns (uint256 slashed) {
        uint256 collateral = JobLib.bpsOfUp(price, collateralBps);
        if (collateral != 0) pending.collateral += SafeCast.toUint128(collateral);
        uint256 penalty = JobLib.bpsOf(price, penaltyBps);
        if (penalty > collateral) penalty = collateral;
        if (penalty != 0) {
            (, uint256 cap) = IStakingHooks(staking).slashableStake(poolId, faultTime);
            if (penalty > cap) penalty = cap;
            slashed = IStakingHooks(staking).slash(poolId, worker, penalty, faultTime, treasury);
        }
    }

    /// @notice Sets the treasury; reverts on zero. Emits {IJobEscrow-TreasurySet}.
    function setTreasury(IJobEscrow.Parameters storage p, address treasury) external {
        if (treasury == address(0)) revert IJobEscrow.EscrowZeroAddress();
        p.treasury = treasury;
        emit IJobEscrow.TreasurySet(treasury);
    }

    /// @notice Sets the arbiter; reverts on zero. Emits {IJobEscrow-ArbiterSet}.
    function setArbiter(IJobEscrow.Parameters storage p, address arbiter) external {
        if (arbiter == address(0)) revert IJobEscrow.EscrowZeroAddress();
        p.arbiter = arbiter;
        emit IJobEscrow.ArbiterSet(arbiter);
    }

    /// @notice Sets every parameter of `params` (initialization), each bound-checked.
    function setAll(IJobEscrow.Parameters storage p, IJobEscrow.Parameters calldata params) external {
        if (params.treasury == address(0) || params.arbiter == address(0)) revert IJobEscrow.EscrowZeroAddress();
        p.treasury = params.treasury;
        emit IJobEscrow.TreasurySet(params.treasury);
        p.arbiter = params.arbiter;
        emit IJobEscrow.ArbiterSet(params.arbiter);
        _set(p, IJobEscrow.Parameter.ProtocolFee, params.protocolFeeBps);
        _set(p, IJobEscrow.Parameter.StakingShare, params.stakingShareBps);
        _set(p, IJobEscrow.Parameter.CollateralRatio, params.collateralBps);
        _set(p, IJobEscrow.Parameter.TimeoutPenalty, params.timeoutPenaltyBps);
        _set(p, IJobEscrow.Parameter.DisputeBond, params.disputeBondBps);
        _set(p, IJobEscrow.Parameter.DisputeSlash, params.disputeSlashBps);
        _set(p, IJobEscrow.Parameter.ChallengeWindow, params.challengeWindow);
        _set(p, IJobEscrow.Parameter.ArbitrationPeriod, params.arbitrationPeriod);
        _set(p, IJobEscrow.Parameter.MaxJobDuration, params.maxJobDuration);
    }

    /// @notice Bound-checks and stores a numeric parameter. The bounds make every value fit its packed field.
    ///         Emits {IJobEscrow-ParameterSet}; reverts with {IJobEscrow-EscrowParameterOutOfBounds}.
    function setParameter(IJobEscrow.Parameters storage p, IJobEscrow.Parameter parameter, uint256 value) external {
        _set(p, parameter, value);
    }

    function _set(IJobEscrow.Parameters storage p, IJobEscrow.Parameter parameter, uint256 value) private {
        if (parameter == IJobEscrow.Parameter.ProtocolFee) {
            _checkBounds(parameter, value, 0, JobLib.MAX_PROTOCOL_FEE_BPS);
            p.protocolFeeBps = uint16(value);
        } else if (parameter == IJobEscrow.Parameter.StakingShare) {
            _checkBounds(parameter, value, 0, JobLib.MAX_STAKING_SHARE_BPS);
            p.stakingShareBps = uint16(value);
        } else if (parameter == IJobEscrow.Parameter.CollateralRatio) {
            _checkBounds(parameter, value, 0, JobLib.MAX_COLLATERAL_BPS);
            p.collateralBps = uint16(value);
        } else if (parameter == IJobEscrow.Parameter.TimeoutPenalty) {
            _checkBounds(parameter, value, 0, JobLib.MAX_PENALTY_BPS);
            p.timeoutPenaltyBps = uint16(value);
        } else if (parameter == IJobEscrow.Parameter.DisputeBond) {
            _checkBounds(parameter, value, 0, JobLib.MAX_PENALTY_BPS);
            p.disputeBondBps = uint16(value);
        } else if (parameter == IJobEscrow.Parameter.DisputeSlash) {
            _checkBounds(parameter, value, 0, JobLib.MAX_PENALTY_BPS);
            p.disputeSlashBps = uint16(value);
        } else if (parameter == IJobEscrow.Parameter.ChallengeWindow) {
            _checkBounds(parameter, value, JobLib.MIN_CHALLENGE_WINDOW, JobLib.MAX_CHALLENGE_WINDOW);
            p.challengeWindow = uint32(value);
        } else if (parameter == IJobEscrow.Parameter.ArbitrationPeriod) {
            _checkBounds(parameter, value, JobLib.MIN_ARBITRATION_PERIOD, JobLib.MAX_ARBITRATION_PERIOD);
            p.arbitrationPeriod = uint32(value);
        } else {
            _checkBounds(parameter, value, JobLib.MIN_JOB_DURATION, JobLib.MAX_JOB_DURATION);
            p.maxJobDuration = uint32(value);
        }
        emit IJobEscrow.ParameterSet(parameter, value);
    }

    /// @dev Reverts unless `value` is within [`min`, `max`].
    function _checkBounds(IJobEscrow.Parameter parameter, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert IJobEscrow.EscrowParameterOutOfBounds(parameter, value, min, max);
    }
}
