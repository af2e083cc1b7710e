// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ITeeVerifier} from "../../../contracts/interfaces/ITeeVerifier.sol";

/// @title VerdictTeeVerifier
/// @notice TEST ONLY. An ITeeVerifier whose answers are programmed per evidence (by keccak256): a verdict, a typed
///         revert, a panic, an empty revert or running out of gas. Unit tests of the registry logic use it; the
///         integration tests use the real DCAP verifier.
contract VerdictTeeVerifier is ITeeVerifier {
    enum Mode {
        Unknown,
        Verdict,
        Revert,
        Panic,
        EmptyRevert,
        BurnGas
    }

    /// @notice A typed verifier error (stands in for e.g. an expired collateral or revoked certificate).
    error FakeEvidenceRejected(bytes32 evidenceHash);

    /// @notice Thrown for evidence nobody programmed.
    error FakeUnknownEvidence(bytes32 evidenceHash);

    mapping(bytes32 => Mode) public modeOf;
    mapping(bytes32 => Verdict) private _verdicts;

    function setVerdict(bytes calldata evidence, Verdict calldata verdict) external {
        bytes32 h = keccak256(evidence);
        modeOf[h] = Mode.Verdict;
        _verdicts[h] = verdict;
    }

    function setMode(bytes calldata evidence, Mode mode) external {
        modeOf[keccak256(evidence)] = mode;
    }

    /// @inheritdoc ITeeVerifier
    function verify(bytes calldata evidence) external view returns (Verdict memory verdict) {
        bytes32 h = keccak256(evidence);
        Mode mode = modeOf[h];
        if (mode == Mode.Verdict) {
            verdict = _verdicts[h];
            verdict.evidenceHash = h;
            return verdict;
        }
        if (mode == Mode.Revert) revert FakeEvidenceRejected(h);
        if (mode == Mode.Panic) {
            uint256[] memory empty;
            // Index out of bounds: Panic(0x32).
            verdict.advisoryIds = new uint16[](empty[h.length]);
        }
        if (mode == Mode.EmptyRevert) {
            assembly ("memory-safe") {
                revert(0, 0)
            }
        }
        if (mode == Mode.BurnGas) {
            uint256 x;
            while (gasleft() > 0) {
                x = uint256(keccak256(abi.encode(x)));
            }
        }
        revert FakeUnknownEvidence(h);
    }
}
