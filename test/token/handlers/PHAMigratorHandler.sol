// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {PHA} from "../../../contracts/token/PHA.sol";
import {PHAMigrator} from "../../../contracts/token/PHAMigrator.sol";
import {StakingHooksDouble} from "../helpers/StakingHooksDouble.t.sol";

/// @notice Drives the migrator through every route (right and wrong), time and the sweep, keeping ghost totals.
abstract contract PHAMigratorHandler is CommonBase, StdUtils {
    struct Entry {
        uint256 index;
        bytes32 accountId;
        address bound;
        uint256 plancks;
        address holder; // rightful recipient (bound address, or the key's address); zero if unclaimable on-chain
        bytes publicKey; // 64 bytes for a compressed-key account, empty for transparent / bound
        bytes32[] proof;
    }

    PHAMigrator internal immutable migrator;
    PHA internal immutable pha;
    StakingHooksDouble internal immutable staking;
    address internal immutable governance;
    Entry[] internal entries;

    uint256 public ghostPaid;
    uint256 public ghostDelegated;
    uint256 public ghostSwept;
    uint256 public ghostClaimedPlancks;
    mapping(address => uint256) public ghostOwedTo;
    uint256 public unexpectedSuccesses;

    constructor(PHAMigrator migrator_, PHA pha_, StakingHooksDouble staking_, address governance_) {
        migrator = migrator_;
        pha = pha_;
        staking = staking_;
        governance = governance_;
    }

    function add(Entry memory e) external {
        entries.push(e);
    }

    function entryCount() external view returns (uint256) {
        return entries.length;
    }

    function entry(uint256 i) external view returns (Entry memory) {
        return entries[i];
    }

    function _pick(uint256 seed) internal view returns (Entry storage) {
        return entries[bound(seed, 0, entries.length - 1)];
    }

    function _record(Entry storage e, uint256 amount, bool delegated) internal {
        ghostClaimedPlancks += e.plancks;
        ghostOwedTo[e.holder] += amount;
        if (delegated) ghostDelegated += amount;
        else ghostPaid += amount;
    }

    /// @dev The right route for the leaf, submitted by `caller` for bound leaves (anyone may).
    function claim(uint256 seed, address caller, bool delegate, uint256 poolSeed) external {
        Entry storage e = _pick(seed);
        if (e.holder == address(0)) return;
        uint256 poolId = bound(poolSeed, 1, 3);
        bool expectOk = !migrator.isClaimed(e.index) && block.timestamp < migrator.claimDeadline();
        bool ok;
        uint256 amount;
        if (e.bound != address(0)) {
            if (delegate) {
                vm.prank(e.bound);
                try migrator.claimAndDelegate(e.index, e.accountId, e.bound, e.plancks, e.proof, poolId) returns (
                    uint256 a, uint256
                ) {
                    (ok, amount) = (true, a);
                } catch {}
            } else {
                vm.prank(caller);
                try migrator.claim(e.index, e.accountId, e.bound, e.plancks, e.proof) returns (uint256 a) {
                    (ok, amount) = (true, a);
                } catch {}
            }
        } else {
            vm.prank(e.holder);
            if (delegate) {
                try migrator.claimWithPublicKeyAndDelegate(e.index, e.publicKey, e.plancks, e.proof, poolId) returns (
                    uint256 a, uint256
                ) {
                    (ok, amount) = (true, a);
                } catch {}
            } else {
                try migrator.claimWithPublicKey(e.index, e.publicKey, e.plancks, e.proof) returns (uint256 a) {
                    (ok, amount) = (true, a);
                } catch {}
            }
        }
        if (ok != expectOk) ++unexpectedSuccesses;
        if (ok) _record(e, amount, delegate);
    }

    /// @dev Wrong inputs of every kind: none may pay.
    function attack(uint256 seed, address thief, uint8 kind, uint256 delta) external {
        Entry storage e = _pick(seed);
        if (thief == e.holder || thief == address(0)) return;
        delta = bound(delta, 1, type(uint128).max);
        bool ok;
        uint8 k = kind % 5;
        vm.prank(thief);
        if (k == 0) {
            // redirect a bound (or unbound) leaf to the thief
            try migrator.claim(e.index, e.accountId, thief, e.plancks, e.proof) {
                ok = true;
            } catch {}
        } else if (k == 1) {
            // inflate the amount
            address to = e.bound == address(0) ? thief : e.bound;
            try migrator.claim(e.index, e.accountId, to, e.plancks + delta, e.proof) {
                ok = true;
            } catch {}
        } else if (k == 2) {
            // replay someone's public key
            try migrator.claimWithPublicKey(e.index, e.publicKey, e.plancks, e.proof) {
                ok = true;
            } catch {}
        } else if (k == 3) {
            // choose the pool for someone else's bound claim
            try migrator.claimAndDelegate(e.index, e.accountId, e.bound, e.plancks, e.proof, 1) {
                ok = true;
            } catch {}
        } else {
            // sweep without governance
            try migrator.sweep() {
                ok = true;
            } catch {}
        }
        if (ok) ++unexpectedSuccesses;
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 0, 90 days));
    }

    function sweep() external {
        bool expectOk = block.timestamp >= migrator.claimDeadline() && pha.balanceOf(address(migrator)) != 0;
        vm.prank(governance);
        try migrator.sweep() returns (uint256 amount) {
            ghostSwept += amount;
            if (!expectOk) ++unexpectedSuccesses;
        } catch {
            if (expectOk) ++unexpectedSuccesses;
        }
    }
}
