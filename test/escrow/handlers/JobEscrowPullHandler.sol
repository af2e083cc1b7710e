// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IJobEscrow} from "../../../contracts/interfaces/IJobEscrow.sol";
import {JobEscrowHandler} from "./JobEscrowHandler.sol";

/// @notice The pull side of the escrow, fuzzed next to {JobEscrowHandler}: operators withdraw their credits, anyone
///         settles pools and sweeps fees. Each pull must move money only among the recipients' books (their sum, as
///         {JobEscrowHandler-recipientsBalance} counts it, never changes) and empty what it pulls.
contract JobEscrowPullHandler is Test {
    uint256 internal constant ACTORS = 3;

    IJobEscrow internal immutable ESCROW;
    JobEscrowHandler internal immutable handler;
    address[ACTORS] internal operators;
    address[ACTORS] internal payers;

    /// @notice Ghost: pulls that changed the recipients' total or left something behind.
    uint256 public ghostConservationBreaches;
    mapping(bytes32 => uint256) public calls;

    constructor(IJobEscrow escrow_, JobEscrowHandler handler_) {
        ESCROW = escrow_;
        handler = handler_;
        for (uint256 i; i < ACTORS; ++i) {
            operators[i] = handler_.operators(i);
            payers[i] = handler_.payers(i);
        }
    }

    /// @dev An operator (or anyone: nothing to withdraw, refused) withdraws its credit to an operator or a payer.
    function withdraw(uint256 callerSeed, uint256 toSeed, bool toPayer) external {
        address caller = operators[callerSeed % ACTORS];
        address to = toPayer ? payers[toSeed % ACTORS] : operators[toSeed % ACTORS];
        uint256 credit = ESCROW.creditOf(caller).amount;
        uint256 before = handler.recipientsBalance();
        vm.prank(caller);
        try ESCROW.withdraw(to) returns (uint256 amount) {
            if (amount != credit || ESCROW.creditOf(caller).amount != 0) ++ghostConservationBreaches;
            ++calls["withdraw"];
        } catch {}
        // Money only moves among the recipients' books.
        if (handler.recipientsBalance() != before) ++ghostConservationBreaches;
    }

    /// @dev Anyone settles a pool (1..ACTORS, or 0 and ACTORS + 1: never used, refused).
    function settlePool(uint256 poolSeed) external {
        uint256 poolId = poolSeed % (ACTORS + 2);
        uint256 before = handler.recipientsBalance();
        try ESCROW.settlePool(poolId) {
            IJobEscrow.PendingSettlement memory p = ESCROW.pendingSettlement(poolId);
            if (p.reward != 0 || p.collateral != 0) ++ghostConservationBreaches;
            ++calls["settlePool"];
        } catch {}
        if (handler.recipientsBalance() != before) ++ghostConservationBreaches;
    }

    /// @dev Anyone sweeps the fees, with some operators' booked fees.
    function sweepFees(uint256 mask) external {
        address[] memory list = new address[](ACTORS);
        uint256 n;
        for (uint256 i; i < ACTORS; ++i) {
            if ((mask >> i) & 1 == 1) list[n++] = operators[i];
        }
        assembly {
            mstore(list, n)
        }
        uint256 before = handler.recipientsBalance();
        try ESCROW.sweepFees(list) {
            if (ESCROW.unsweptFees() != 0) ++ghostConservationBreaches;
            ++calls["sweepFees"];
        } catch {}
        if (handler.recipientsBalance() != before) ++ghostConservationBreaches;
    }
}
