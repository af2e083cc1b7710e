// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IJobEscrow} from "../../contracts/interfaces/IJobEscrow.sol";
import {JobId} from "../../contracts/types/JobId.sol";
import {EscrowFixture} from "./helpers/EscrowFixture.sol";

contract JobEscrowFuzzTest is EscrowFixture {
    function _job(uint96 price) internal returns (IJobEscrow.JobTerms memory terms, JobId id) {
        terms = _terms(price, address(0));
        vm.prank(payer);
        id = escrow.create(terms);
    }

    function _acceptAndDeliver(IJobEscrow.JobTerms memory terms) internal {
        vm.prank(worker);
        escrow.accept(terms, worker);
        escrow.deliver(terms, RESULT, _sign(workerPk, terms, RESULT));
    }

    function testFuzz_release_splitsExactlyThePrice(uint96 price, uint16 feeBps, uint16 shareBps) public {
        price = uint96(bound(price, 1, 100_000 ether));
        feeBps = uint16(bound(feeBps, 0, 1_000));
        shareBps = uint16(bound(shareBps, 0, 5_000));
        escrow.setParameter(IJobEscrow.Parameter.ProtocolFee, feeBps);
        escrow.setParameter(IJobEscrow.Parameter.StakingShare, shareBps);
        (IJobEscrow.JobTerms memory terms,) = _job(price);
        _acceptAndDeliver(terms);
        vm.warp(block.timestamp + 1 hours);
        uint256 stakingBefore = pha.balanceOf(address(staking));
        escrow.release(terms);

        uint256 fee = uint256(price) * feeBps / 10_000;
        uint256 share = uint256(price) * shareBps / 10_000;
        // Booked exactly the price: credit + fee + pending reward.
        IJobEscrow.Credit memory credit = escrow.creditOf(operator);
        assertEq(uint256(credit.amount) + credit.fees + escrow.pendingSettlement(POOL).reward, price);
        assertEq(credit.fees, fee);
        _pullAll(operator, POOL);
        assertEq(pha.balanceOf(treasury), fee);
        assertEq(pha.balanceOf(address(staking)) - stakingBefore, share);
        assertEq(pha.balanceOf(operator), price - fee - share);
        assertEq(pha.balanceOf(address(escrow)), 0);
        (, uint256 reserved,) = staking.pools(POOL);
        assertEq(reserved, 0);
    }

    function testFuzz_accept_reservesCollateralRoundedUp(uint96 price, uint16 collateralBps) public {
        price = uint96(bound(price, 1, 100_000 ether));
        collateralBps = uint16(bound(collateralBps, 0, 50_000));
        escrow.setParameter(IJobEscrow.Parameter.CollateralRatio, collateralBps);
        (IJobEscrow.JobTerms memory terms,) = _job(price);
        vm.prank(worker);
        escrow.accept(terms, worker);
        (, uint256 reserved,) = staking.pools(POOL);
        assertGe(reserved * 10_000, uint256(price) * collateralBps);
        assertLt(reserved * 10_000, uint256(price) * collateralBps + 10_000);
    }

    function testFuzz_refund_timeoutPaysPriceAndCappedPenalty(uint96 price, uint16 penaltyBps, uint16 collateralBps)
        public
    {
        price = uint96(bound(price, 1, 100_000 ether));
        penaltyBps = uint16(bound(penaltyBps, 0, 10_000));
        collateralBps = uint16(bound(collateralBps, 0, 50_000));
        escrow.setParameter(IJobEscrow.Parameter.TimeoutPenalty, penaltyBps);
        escrow.setParameter(IJobEscrow.Parameter.CollateralRatio, collateralBps);
        (IJobEscrow.JobTerms memory terms,) = _job(price);
        vm.prank(worker);
        escrow.accept(terms, worker);
        vm.warp(uint256(terms.deadline) + 1);
        uint256 before = pha.balanceOf(payer);
        uint256 treasuryBefore = pha.balanceOf(treasury);
        (uint256 stakeBefore,,) = staking.pools(POOL);
        escrow.refund(terms);

        uint256 collateral = (uint256(price) * collateralBps + 9_999) / 10_000;
        uint256 penalty = uint256(price) * penaltyBps / 10_000;
        if (penalty > collateral) penalty = collateral;
        assertEq(pha.balanceOf(payer), before + price);
        assertEq(pha.balanceOf(treasury), treasuryBefore + penalty);
        (uint256 stake, uint256 reserved,) = staking.pools(POOL);
        assertEq(stakeBefore - stake, penalty);
        assertEq(reserved, collateral);
        assertEq(escrow.pendingSettlement(POOL).collateral, collateral);
        assertEq(pha.balanceOf(address(escrow)), 0);
    }

    function testFuzz_resolve_conservesPriceAndBond(uint96 price, uint16 bondBps, uint16 slashBps, bool workerAtFault)
        public
    {
        price = uint96(bound(price, 1, 100_000 ether));
        bondBps = uint16(bound(bondBps, 0, 10_000));
        slashBps = uint16(bound(slashBps, 0, 10_000));
        escrow.setParameter(IJobEscrow.Parameter.DisputeBond, bondBps);
        escrow.setParameter(IJobEscrow.Parameter.DisputeSlash, slashBps);
        (IJobEscrow.JobTerms memory terms,) = _job(price);
        _acceptAndDeliver(terms);
        vm.prank(payer);
        escrow.dispute(terms);
        uint256 bond = uint256(price) * bondBps / 10_000;
        assertEq(pha.balanceOf(address(escrow)), price + bond);

        uint256 payerBefore = pha.balanceOf(payer);
        uint256 stakingBefore = pha.balanceOf(address(staking));
        vm.prank(arbiter);
        escrow.resolve(terms, workerAtFault);
        _pullAll(operator, POOL);

        uint256 payerIn = pha.balanceOf(payer) - payerBefore;
        uint256 others = pha.balanceOf(operator) + pha.balanceOf(treasury);
        assertEq(pha.balanceOf(address(escrow)), 0);
        if (workerAtFault) {
            uint256 collateral = (uint256(price) * 15_000 + 9_999) / 10_000;
            uint256 slash = uint256(price) * slashBps / 10_000;
            if (slash > collateral) slash = collateral;
            assertEq(payerIn, uint256(price) + bond);
            assertEq(stakingBefore - pha.balanceOf(address(staking)), slash);
            assertEq(pha.balanceOf(treasury), slash); // the slash, to the treasury; the operator gets nothing
            assertEq(pha.balanceOf(operator), 0);
        } else {
            assertEq(payerIn, 0);
            assertEq(others + pha.balanceOf(address(staking)) - stakingBefore, uint256(price) + bond);
        }
    }

    function testFuzz_dispute_onlyInsideWindow(uint32 window, uint32 elapsed) public {
        window = uint32(bound(window, 1 minutes, 30 days));
        elapsed = uint32(bound(elapsed, 0, 31 days));
        escrow.setParameter(IJobEscrow.Parameter.ChallengeWindow, window);
        (IJobEscrow.JobTerms memory terms, JobId id) = _job(PRICE);
        _acceptAndDeliver(terms);
        uint256 deliveredAt = block.timestamp;
        vm.warp(block.timestamp + elapsed);
        if (elapsed >= window) {
            vm.expectRevert(
                abi.encodeWithSelector(IJobEscrow.EscrowChallengeWindowClosed.selector, id, deliveredAt + window)
            );
            vm.prank(payer);
            escrow.dispute(terms);
            escrow.release(terms);
            assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Released));
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(IJobEscrow.EscrowChallengeWindowOpen.selector, id, deliveredAt + window)
            );
            escrow.release(terms);
            vm.prank(payer);
            escrow.dispute(terms);
            assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Disputed));
        }
    }

    function testFuzz_deliver_rejectsAnyOtherKey(uint256 pk) public {
        pk = bound(pk, 1, 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140);
        vm.assume(pk != workerPk);
        (IJobEscrow.JobTerms memory terms, JobId id) = _job(PRICE);
        vm.prank(worker);
        escrow.accept(terms, worker);
        bytes memory sig = _sign(pk, terms, RESULT);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowInvalidSignature.selector, id, worker));
        escrow.deliver(terms, RESULT, sig);
    }

    function testFuzz_deliver_rejectsSignatureOverOtherFields(bytes32 resultHash, bytes32 signedHash, uint40 signedDeadline)
        public
    {
        (IJobEscrow.JobTerms memory terms, JobId id) = _job(PRICE);
        vm.prank(worker);
        escrow.accept(terms, worker);
        // A copy (memory structs alias): the terms signed over, with the deadline possibly changed.
        IJobEscrow.JobTerms memory signed = IJobEscrow.JobTerms(
            terms.payer, terms.worker, terms.price, signedDeadline, terms.workloadId, terms.inputHash, terms.salt
        );
        vm.assume(signedHash != resultHash || signedDeadline != terms.deadline);
        bytes memory sig = _signDigest(workerPk, _digest(block.chainid, address(escrow), id, signed, signedHash));
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowInvalidSignature.selector, id, worker));
        escrow.deliver(terms, resultHash, sig);
    }

    function testFuzz_create_deadlineWithinMaxDuration(uint256 offset) public {
        offset = bound(offset, 0, 30 days);
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        terms.deadline = uint40(block.timestamp + offset);
        vm.prank(payer);
        if (offset == 0 || offset > 7 days) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IJobEscrow.EscrowDeadlineOutOfRange.selector, terms.deadline, block.timestamp + 7 days
                )
            );
            escrow.create(terms);
        } else {
            JobId id = escrow.create(terms);
            assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Open));
        }
    }

    function testFuzz_jobId_differsForAnyChangedTerm(uint8 field, bytes32 value) public {
        IJobEscrow.JobTerms memory a = _terms(PRICE, address(0));
        IJobEscrow.JobTerms memory b = IJobEscrow.JobTerms(a.payer, a.worker, a.price, a.deadline, a.workloadId, a.inputHash, a.salt);
        field = uint8(bound(field, 0, 6));
        if (field == 0) b.payer = address(uint160(uint256(value)));
        if (field == 1) b.worker = address(uint160(uint256(value)));
        if (field == 2) b.price = uint96(uint256(value));
        if (field == 3) b.deadline = uint40(uint256(value));
        if (field == 4) b.workloadId = value;
        if (field == 5) b.inputHash = value;
        if (field == 6) b.salt = value;
        vm.assume(keccak256(abi.encode(a)) != keccak256(abi.encode(b)));
        assertTrue(escrow.jobId(a) != escrow.jobId(b));
    }

    function testFuzz_setParameter_enforcesBounds(uint8 which, uint256 value) public {
        IJobEscrow.Parameter p = IJobEscrow.Parameter(bound(which, 0, 8));
        uint256[9] memory mins = [uint256(0), 0, 0, 0, 0, 0, 1 minutes, 1 hours, 1 hours];
        uint256[9] memory maxs = [uint256(1_000), 5_000, 50_000, 10_000, 10_000, 10_000, 30 days, 60 days, 365 days];
        uint256 i = uint256(p);
        if (value < mins[i] || value > maxs[i]) {
            vm.expectRevert(
                abi.encodeWithSelector(IJobEscrow.EscrowParameterOutOfBounds.selector, p, value, mins[i], maxs[i])
            );
        }
        escrow.setParameter(p, value);
    }
}
