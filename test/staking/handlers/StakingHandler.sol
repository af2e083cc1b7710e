// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {PHA} from "../../../contracts/token/PHA.sol";
import {Staking} from "../../../contracts/staking/Staking.sol";
import {IStaking} from "../../../contracts/interfaces/IStaking.sol";
import {MockWorkerRegistry} from "../helpers/MockWorkerRegistry.sol";

/// @notice Drives random sequences of every Staking action (delegations, undelegations, withdrawals, claims,
///         restakes, commission claims, slashes, fee rewards, emission top-ups and rate changes, attestation flips,
///         worker syncs, collateral and time jumps) and keeps ghost totals for the invariants.
contract StakingHandler is Test {
    Staking internal staking;
    PHA internal pha;
    MockWorkerRegistry internal registry;
    address internal governance;
    address internal slasher;
    address internal rewarder;
    address internal collateralManager;
    address internal treasury;
    address internal victim;

    address[] public actors; // delegators, then the two operators
    uint256[] public poolIds;
    address[] public workers;

    // ghost totals
    mapping(address => uint256) public deposited; // principal in (delegations + restakes)
    mapping(address => uint256) public withdrawn; // principal out (withdrawals)
    mapping(address => uint256) public claimed; // rewards out (claims + restakes + commission)
    mapping(address => mapping(uint256 => uint256)) public firstEntry; // first delegation time per (actor, pool)
    uint256 public rewardsIn; // emission funded + fees notified
    uint256 public slashedOut;
    uint256 public totalClaimed;
    bool public slashTouchedLateStake;
    bool public slashExceededAmount;
    uint256 public calls;
    mapping(address => uint256[]) internal _unbondingIds; // every id an actor's undelegations returned (may repeat)

    constructor(
        Staking staking_,
        PHA pha_,
        MockWorkerRegistry registry_,
        address[] memory actors_,
        uint256[] memory poolIds_,
        address[] memory workers_,
        address[6] memory roles // governance, slasher, rewarder, collateralManager, treasury, victim
    ) {
        staking = staking_;
        pha = pha_;
        registry = registry_;
        actors = actors_;
        poolIds = poolIds_;
        workers = workers_;
        governance = roles[0];
        slasher = roles[1];
        rewarder = roles[2];
        collateralManager = roles[3];
        treasury = roles[4];
        victim = roles[5];
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function poolCount() external view returns (uint256) {
        return poolIds.length;
    }

    function recordInitialDeposit(address who, uint256 poolId, uint256 amount) external {
        deposited[who] += amount;
        if (firstEntry[who][poolId] == 0) firstEntry[who][poolId] = block.timestamp;
    }

    // ------------------------------------------------------------------ actions

    function delegate(uint256 actorSeed, uint256 poolSeed, uint256 amount) external {
        address who = actors[actorSeed % actors.length];
        uint256 poolId = poolIds[poolSeed % poolIds.length];
        amount = bound(amount, 1e18, 50_000e18);
        vm.prank(who);
        try staking.delegate(poolId, amount) {
            deposited[who] += amount;
            if (firstEntry[who][poolId] == 0) firstEntry[who][poolId] = block.timestamp;
            ++calls;
        } catch {}
    }

    function undelegate(uint256 actorSeed, uint256 poolSeed, uint256 fraction) external {
        address who = actors[actorSeed % actors.length];
        uint256 poolId = poolIds[poolSeed % poolIds.length];
        uint256 shares = staking.delegation(poolId, who).shares;
        if (shares == 0) return;
        fraction = bound(fraction, 1, 100);
        uint256 amount = shares * fraction / 100;
        if (amount == 0) amount = 1;
        vm.prank(who);
        try staking.undelegate(poolId, amount) returns (uint256 id) {
            _unbondingIds[who].push(id);
            ++calls;
        } catch {}
    }

    function withdraw(uint256 actorSeed, uint256 idSeed) external {
        address who = actors[actorSeed % actors.length];
        uint256 count = _unbondingIds[who].length;
        if (count == 0) return;
        uint256 id = _unbondingIds[who][idSeed % count];
        vm.prank(who);
        try staking.withdraw(id) returns (uint256 amount) {
            withdrawn[who] += amount;
            ++calls;
        } catch {}
    }

    function claim(uint256 actorSeed, uint256 poolSeed) external {
        address who = actors[actorSeed % actors.length];
        uint256 poolId = poolIds[poolSeed % poolIds.length];
        vm.prank(who);
        try staking.claim(poolId) returns (uint256 amount) {
            claimed[who] += amount;
            totalClaimed += amount;
            ++calls;
        } catch {}
    }

    function restake(uint256 actorSeed, uint256 poolSeed) external {
        address who = actors[actorSeed % actors.length];
        uint256 poolId = poolIds[poolSeed % poolIds.length];
        vm.prank(who);
        try staking.restake(poolId) returns (uint256 amount) {
            claimed[who] += amount;
            totalClaimed += amount;
            deposited[who] += amount;
            ++calls;
        } catch {}
    }

    function claimCommission(uint256 poolSeed) external {
        uint256 poolId = poolIds[poolSeed % poolIds.length];
        address op = staking.pool(poolId).operator;
        vm.prank(op);
        try staking.claimCommission(poolId) returns (uint256 amount) {
            claimed[op] += amount;
            totalClaimed += amount;
            ++calls;
        } catch {}
    }

    function notifyReward(uint256 poolSeed, uint256 amount) external {
        uint256 poolId = poolIds[poolSeed % poolIds.length];
        amount = bound(amount, 1, 10_000e18);
        vm.prank(rewarder);
        staking.notifyReward(poolId, amount);
        rewardsIn += amount;
        ++calls;
    }

    function fundEmission(uint256 amount, uint256 rate) external {
        amount = bound(amount, 1, 100_000e18);
        vm.prank(treasury);
        staking.fundEmission(amount);
        rewardsIn += amount;
        vm.prank(governance);
        staking.setEmissionRate(bound(rate, 0, 10e18));
        ++calls;
    }

    function slash(uint256 poolSeed, uint256 amount, uint256 faultAge, bool jail) external {
        uint256 poolId = poolIds[poolSeed % poolIds.length];
        faultAge = bound(faultAge, 0, 3 days);
        uint256 faultTime = block.timestamp > faultAge ? block.timestamp - faultAge : 0;
        address worker = jail ? workers[poolSeed % workers.length] : address(0);

        // Activation rounding is not a slash: activate due stake first, then snapshot every position that entered
        // this pool only after the fault; the slash must leave each of them exactly as it was.
        staking.poke(poolId);
        // Within the cap, as an authorized slasher does (above it reverts); a zero amount only jails a worker.
        (, uint256 cap) = staking.slashableStake(poolId, faultTime);
        if (cap == 0 && worker == address(0)) return;
        amount = bound(amount, worker == address(0) ? 1 : 0, cap < 100_000e18 ? cap : 100_000e18);
        uint256[] memory before = new uint256[](actors.length);
        for (uint256 i; i < actors.length; ++i) {
            uint256 entry = firstEntry[actors[i]][poolId];
            if (entry > faultTime) before[i] = _holdings(actors[i], poolId) + 1;
        }
        vm.prank(slasher);
        uint256 slashed = staking.slash(poolId, worker, amount, faultTime, victim);
        if (slashed > amount) slashExceededAmount = true;
        slashedOut += slashed;
        for (uint256 i; i < actors.length; ++i) {
            if (before[i] != 0 && _holdings(actors[i], poolId) + 1 != before[i]) slashTouchedLateStake = true;
        }
        ++calls;
    }

    function flipAttestation(uint256 workerSeed, bool attested) external {
        address worker = workers[workerSeed % workers.length];
        registry.setAttested(worker, attested);
        staking.syncWorker(worker);
        ++calls;
    }

    function unjail(uint256 workerSeed) external {
        address worker = workers[workerSeed % workers.length];
        uint256 poolId = staking.poolOfWorker(worker);
        if (poolId == 0) return;
        vm.prank(staking.pool(poolId).operator);
        try staking.unjail(worker) {
            ++calls;
        } catch {}
    }

    function poke(uint256 poolSeed) external {
        staking.poke(poolIds[poolSeed % poolIds.length]);
        ++calls;
    }

    function collateral(uint256 poolSeed, uint256 amount, bool reserve) external {
        uint256 poolId = poolIds[poolSeed % poolIds.length];
        vm.prank(collateralManager);
        if (reserve) {
            uint256 free = staking.freeStake(poolId);
            if (free == 0) return;
            staking.reserveCollateral(poolId, bound(amount, 1, free));
        } else {
            uint256 reserved = staking.pool(poolId).reserved;
            if (reserved == 0) return;
            staking.releaseCollateral(poolId, bound(amount, 1, reserved));
        }
        ++calls;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
        ++calls;
    }

    // ------------------------------------------------------------------ views for invariants

    /// @dev Active + bonding + unbonding value of `who` in `poolId`.
    function _holdings(address who, uint256 poolId) internal view returns (uint256 total) {
        IStaking.DelegationInfo memory d = staking.delegation(poolId, who);
        total = d.active + d.bonding;
        uint256[] memory ids = unbondingIds(who);
        for (uint256 i; i < ids.length; ++i) {
            IStaking.UnbondingInfo memory u = staking.unbonding(who, ids[i]);
            if (u.poolId == poolId) total += u.amount;
        }
    }

    /// @notice The distinct unbonding ids `who` was ever given (withdrawn ones read zero).
    function unbondingIds(address who) public view returns (uint256[] memory ids) {
        uint256[] storage all = _unbondingIds[who];
        ids = new uint256[](all.length);
        uint256 n;
        for (uint256 i; i < all.length; ++i) {
            bool seen;
            for (uint256 j; j < n; ++j) {
                if (ids[j] == all[i]) seen = true;
            }
            if (!seen) ids[n++] = all[i];
        }
        assembly ("memory-safe") {
            mstore(ids, n)
        }
    }
}
