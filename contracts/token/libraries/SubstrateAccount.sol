// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title SubstrateAccount
/// @notice Derives the parachain AccountId32 controlled by an Ethereum (secp256k1) key, as Phala's EVM account
///         mapping pallet does (Phala-Network/substrate-evm_account_mapping, `pallets/evm_account_mapping/src/lib.rs`):
///         - `SubstrateAddressConverter`: `AccountId32 = blake2_256(compressed 33-byte public key)`;
///         - `EvmTransparentConverter`: `AccountId32 = keccak256(uncompressed key)[12..] ‖ b"\x40evm_address"`, i.e. the
///           EVM address followed by the 12 ASCII bytes 0x4065766d5f61646472657373 ("\x40evm_address").
///         Checked against the pallet's own vector (`tests.rs`: compressed key 0x027cf2fa…2c00f1 →
///         5DT96geTS2iLpkH8fAhYAAphNpxddKCV36s5ShVFavf1xQiF) and Phala's JS SDK vectors
///         (phala-blockchain `frontend/packages/sdk/tests/utils/addressConverter.test.ts`), reproduced in our tests.
///         BLAKE2b-256 runs on the EIP-152 BLAKE2 F compression precompile (address 0x09, present on OP-stack chains).
library SubstrateAccount {
    /// @notice Thrown when the BLAKE2 F precompile (0x09) is missing or fails.
    error SubstrateAccountBlake2Unavailable();

    /// @dev EIP-152 BLAKE2b compression function precompile.
    address internal constant BLAKE2F = address(0x09);

    /// @dev secp256k1 field prime.
    uint256 internal constant P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F;

    /// @dev BLAKE2b initial state for an unkeyed 32-byte digest: IV with h[0] ^= 0x01010020 (param block: digest
    ///      length 32, key length 0, fanout 1, depth 1), as eight little-endian 64-bit words (64 bytes).
    bytes32 private constant _H0 = 0x28c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5;
    bytes32 private constant _H1 = 0xd182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b;

    /// @dev The 12 ASCII bytes "\x40evm_address", right-aligned in a word.
    uint256 private constant _EVM_SUFFIX = 0x4065766d5f61646472657373;

    /// @notice True if (x, y) is an affine point of secp256k1 (y² = x³ + 7 mod p, coordinates reduced).
    /// @dev Without this check, the 20-byte address binding alone would let an attacker search ~2^80 work for a
    ///      (victim x, arbitrary y) whose address equals one of its own keys' addresses. On the curve, y is fixed
    ///      by x up to sign, and the sign is the compressed prefix: the key is then exactly the victim's.
    function isOnCurve(bytes32 x, bytes32 y) internal pure returns (bool) {
        uint256 px = uint256(x);
        uint256 py = uint256(y);
        if (px >= P || py >= P) return false;
        return mulmod(py, py, P) == addmod(mulmod(mulmod(px, px, P), px, P), 7, P);
    }

    /// @notice The Ethereum address of the uncompressed public key (x, y).
    function evmAddress(bytes32 x, bytes32 y) internal pure returns (address addr) {
        assembly ("memory-safe") {
            mstore(0x00, x)
            mstore(0x20, y)
            addr := and(keccak256(0x00, 0x40), 0xffffffffffffffffffffffffffffffffffffffff)
        }
    }

    /// @notice `SubstrateAddressConverter`: BLAKE2b-256 of the compressed key (0x02 | parity(y)) ‖ x.
    function compressedKeyAccountId(bytes32 x, bytes32 y) internal view returns (bytes32 accountId) {
        uint256 prefix = 2 | (uint256(y) & 1);
        bool ok;
        assembly ("memory-safe") {
            // EIP-152 input (213 bytes): rounds (4, BE) ‖ h (64) ‖ m (128) ‖ t (16, LE) ‖ f (1). The 33-byte message
            // is the single, final block: bytes are taken in order, so no word swapping is needed.
            let p := mload(0x40)
            mstore(p, shl(224, 12)) // 12 rounds; zeroes bytes 4..31
            mstore(add(p, 4), _H0)
            mstore(add(p, 36), _H1)
            mstore(add(p, 68), or(shl(248, prefix), shr(8, x))) // m[0] = prefix, m[1..31] = x[0..30]
            mstore(add(p, 100), shl(248, and(x, 0xff))) // m[32] = x[31], m[33..63] = 0
            mstore(add(p, 132), 0) // m[64..95]
            mstore(add(p, 164), 0) // m[96..127]
            mstore(add(p, 196), shl(248, 33)) // t = 33 bytes (little-endian), zeroes the rest of the word
            mstore8(add(p, 212), 1) // final block
            // Two statements: Yul evaluates arguments right to left, so returndatasize() must be read after the call.
            ok := staticcall(gas(), 0x09, p, 213, p, 64)
            ok := and(ok, eq(returndatasize(), 64))
            // The first 32 bytes of the little-endian state are the digest.
            accountId := mload(p)
        }
        if (!ok) revert SubstrateAccountBlake2Unavailable();
    }

    /// @notice `EvmTransparentConverter`: the EVM address followed by the ASCII bytes "\x40evm_address".
    function transparentAccountId(address addr) internal pure returns (bytes32) {
        return bytes32((uint256(uint160(addr)) << 96) | _EVM_SUFFIX);
    }
}
