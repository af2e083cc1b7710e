// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice Identifier of an escrowed compute job: the keccak256 of its ABI-encoded {IJobEscrow.JobTerms}. The terms
///         (payer, worker, price, deadline, workload, input commitment, salt) are therefore immutable and never stored;
///         every call that acts on a job passes them and the escrow re-derives the id.
type JobId is bytes32;

using {eq as ==, neq as !=} for JobId global;

function eq(JobId a, JobId b) pure returns (bool) {
    return JobId.unwrap(a) == JobId.unwrap(b);
}

function neq(JobId a, JobId b) pure returns (bool) {
    return JobId.unwrap(a) != JobId.unwrap(b);
}
