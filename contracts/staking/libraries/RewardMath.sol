// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title RewardMath
/// @notice Pure accumulator maths of staking rewards: the global emission index (PHA per unit of effective stake),
///         a pool's share of it, the commission split and the reward-per-share accumulator.
/// @dev Every division rounds down, so the sum of what pools and holders are credited never exceeds what was emitted or
///      notified; the remainder (dust) stays in the contract.
library RewardMath {
    /// @notice Scale of the emission index (PHA wei per PHA wei of effective stake).
    uint256 internal constant INDEX_SCALE = 1e18;
    /// @notice Scale of a pool's reward per share (shares carry 1e6 virtual-share precision, hence the larger scale).
    uint256 internal constant RPS_SCALE = 1e36;
    /// @notice Basis points denominator.
    uint256 internal constant BPS = 10_000;

    /// @notice PHA emitted between `last` and `nowTime` at `rate`, stopping at `end` (when the reserve runs out).
    function emitted(uint256 rate, uint256 last, uint256 end, uint256 nowTime) internal pure returns (uint256) {
        uint256 to = nowTime < end ? nowTime : end;
        return to > last ? rate * (to - last) : 0;
    }

    /// @notice The emission index after `amount` was shared over `totalEffective`. Unchanged if nobody is effective
    ///         (the emission is then not consumed: callers keep it in the reserve). Callers store the low 160 bits.
    function advanceIndex(uint256 index, uint256 amount, uint256 totalEffective) internal pure returns (uint256) {
        if (amount == 0 || totalEffective == 0) return index;
        return index + Math.mulDiv(amount, INDEX_SCALE, totalEffective);
    }

    /// @notice Emission owed to a pool with `effective` stake since it last settled at index `paid`. Both indexes are
    ///         the low 160 bits of the global index: the difference is taken modulo 2^160 (as Uniswap's fee growth).
    ///         It is exact while one pool's unsettled growth stays below 2^160, i.e. while less than 2^100 wei (over
    ///         1,000 times the PHA supply) is emitted between two settlements of a pool with at least 1 wei effective.
    function poolEmission(uint256 effective, uint256 index, uint160 paid) internal pure returns (uint256) {
        uint160 delta;
        // unchecked: the difference is taken modulo 2^160 on purpose (see above).
        unchecked {
            delta = uint160(index) - paid;
        }
        if (effective == 0 || delta == 0) return 0;
        return Math.mulDiv(effective, delta, INDEX_SCALE);
    }

    /// @notice Commission on `amount` at `commissionBps` (rounded down).
    function commission(uint256 amount, uint256 commissionBps) internal pure returns (uint256) {
        return amount * commissionBps / BPS;
    }

    /// @notice Reward per share after `amount` was shared over `totalShares` (rounded down). Callers store the low
    ///         160 bits (see `earnedSince`).
    function advanceRewardPerShare(uint256 rps, uint256 amount, uint256 totalShares) internal pure returns (uint256) {
        if (amount == 0 || totalShares == 0) return rps;
        return rps + Math.mulDiv(amount, RPS_SCALE, totalShares);
    }

    /// @notice Rewards earned by `shares` since a checkpoint `paid` kept as the low 160 bits of the reward per share.
    function earnedSince(uint256 shares, uint256 rps, uint160 paid) internal pure returns (uint256) {
        uint160 delta;
        // unchecked: the difference is taken modulo 2^160 on purpose (see StakingStorage.Delegator).
        unchecked {
            delta = uint160(rps) - paid;
        }
        if (shares == 0 || delta == 0) return 0;
        return Math.mulDiv(shares, delta, RPS_SCALE);
    }
}
