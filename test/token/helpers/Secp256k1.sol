// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice Test-only secp256k1 public key derivation (k·G, Jacobian double-and-add), because Hardhat's Solidity test
///         runner lacks the `createWallet` cheatcode. Tests check its output against `vm.addr(k)`.
library Secp256k1 {
    uint256 internal constant P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F;
    uint256 internal constant N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    uint256 internal constant GX = 0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798;
    uint256 internal constant GY = 0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8;

    function publicKey(uint256 k) internal view returns (bytes32 x, bytes32 y) {
        require(k != 0 && k < N, "bad scalar");
        (uint256 X, uint256 Y, uint256 Z) = (0, 0, 0);
        for (uint256 i = 256; i > 0; --i) {
            (X, Y, Z) = _double(X, Y, Z);
            if ((k >> (i - 1)) & 1 == 1) (X, Y, Z) = _addG(X, Y, Z);
        }
        uint256 zi = _inv(Z);
        uint256 zi2 = mulmod(zi, zi, P);
        x = bytes32(mulmod(X, zi2, P));
        y = bytes32(mulmod(Y, mulmod(zi2, zi, P), P));
    }

    function _double(uint256 X, uint256 Y, uint256 Z) private pure returns (uint256, uint256, uint256) {
        if (Z == 0 || Y == 0) return (0, 0, 0);
        uint256 yy = mulmod(Y, Y, P);
        uint256 s = mulmod(4, mulmod(X, yy, P), P);
        uint256 m = mulmod(3, mulmod(X, X, P), P);
        uint256 x3 = addmod(mulmod(m, m, P), P - mulmod(2, s, P), P);
        uint256 y3 = addmod(mulmod(m, addmod(s, P - x3, P), P), P - mulmod(8, mulmod(yy, yy, P), P), P);
        uint256 z3 = mulmod(2, mulmod(Y, Z, P), P);
        return (x3, y3, z3);
    }

    function _addG(uint256 X, uint256 Y, uint256 Z) private pure returns (uint256, uint256, uint256) {
        if (Z == 0) return (GX, GY, 1);
        uint256 h;
        uint256 r;
        {
            uint256 z1z1 = mulmod(Z, Z, P);
            h = addmod(mulmod(GX, z1z1, P), P - X, P);
            r = addmod(mulmod(GY, mulmod(Z, z1z1, P), P), P - Y, P);
        }
        if (h == 0) return r == 0 ? _double(X, Y, Z) : (0, 0, 0);
        uint256 hh = mulmod(h, h, P);
        uint256 hhh = mulmod(h, hh, P);
        uint256 v = mulmod(X, hh, P);
        uint256 x3 = addmod(addmod(mulmod(r, r, P), P - hhh, P), P - mulmod(2, v, P), P);
        return (x3, addmod(mulmod(r, addmod(v, P - x3, P), P), P - mulmod(Y, hhh, P), P), mulmod(Z, h, P));
    }

    function _inv(uint256 a) private view returns (uint256 r) {
        (bool ok, bytes memory out) = address(5).staticcall(abi.encode(32, 32, 32, a, P - 2, P));
        require(ok && out.length == 32, "modexp");
        r = abi.decode(out, (uint256));
    }
}
