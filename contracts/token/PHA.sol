// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IOptimismMintableERC20, ILegacyMintableERC20} from "../interfaces/bridge/IOptimismMintableERC20.sol";
import {IPHA} from "../interfaces/IPHA.sol";

/// @title PHA
/// @notice Phala Token on the Phala L2. See {IPHA}.
/// @dev Not upgradeable and without an owner on purpose: a holder's balance and votes depend on nobody but the bridge.
///      Zero-value `transfer`s succeed as EIP-20 requires; zero-value mints and burns are refused.
/// @custom:semver 1.0.0
contract PHA is ERC20, ERC20Permit, ERC20Votes, IOptimismMintableERC20, ILegacyMintableERC20, IPHA {
    /// @inheritdoc IPHA
    address public immutable BRIDGE;

    /// @inheritdoc IPHA
    address public immutable REMOTE_TOKEN;

    /// @param remoteToken_ L1 PHA (0x6c5bA91642F10282b576d91922Ae6448C9d52f4E on Ethereum mainnet).
    /// @param bridge_ The L2StandardBridge predeploy (0x4200000000000000000000000000000000000010).
    constructor(address remoteToken_, address bridge_) ERC20("Phala Token", "PHA") ERC20Permit("Phala Token") {
        if (remoteToken_ == address(0) || bridge_ == address(0)) revert PHAZeroAddress();
        REMOTE_TOKEN = remoteToken_;
        BRIDGE = bridge_;
    }

    modifier onlyBridge() {
        if (msg.sender != BRIDGE) revert PHACallerNotBridge(msg.sender);
        _;
    }

    /// @notice Mints `amount` to `to` when the bridge finalizes a deposit from L1.
    /// @dev Only the bridge. Emits {Mint} and {Transfer}.
    function mint(address to, uint256 amount)
        external
        override(IOptimismMintableERC20, ILegacyMintableERC20)
        onlyBridge
    {
        if (amount == 0) revert PHAZeroAmount();
        _mint(to, amount);
        emit Mint(to, amount);
    }

    /// @notice Burns `amount` from `from` when the bridge initiates a withdrawal to L1.
    /// @dev Only the bridge; the bridge needs no allowance (as in Optimism's OptimismMintableERC20). Emits {Burn}.
    function burn(address from, uint256 amount)
        external
        override(IOptimismMintableERC20, ILegacyMintableERC20)
        onlyBridge
    {
        if (amount == 0) revert PHAZeroAmount();
        _burn(from, amount);
        emit Burn(from, amount);
    }

    /// @inheritdoc IOptimismMintableERC20
    function remoteToken() external view returns (address) {
        return REMOTE_TOKEN;
    }

    /// @inheritdoc IOptimismMintableERC20
    function bridge() external view returns (address) {
        return BRIDGE;
    }

    /// @inheritdoc IPHA
    function l1Token() external view override(ILegacyMintableERC20, IPHA) returns (address) {
        return REMOTE_TOKEN;
    }

    /// @inheritdoc IPHA
    function l2Bridge() external view returns (address) {
        return BRIDGE;
    }

    /// @inheritdoc IPHA
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    /// @notice ERC-165: the two bridge token interfaces the StandardBridge probes, plus ERC-20, EIP-2612, ERC-5805.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(IOptimismMintableERC20).interfaceId
            || interfaceId == type(ILegacyMintableERC20).interfaceId || interfaceId == type(IERC20).interfaceId
            || interfaceId == type(IERC20Permit).interfaceId || interfaceId == type(IVotes).interfaceId
            || interfaceId == type(IERC6372).interfaceId;
    }

    /// @notice ERC-6372 clock: seconds. L2 block numbers are a poor clock (block time can change with an upgrade).
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock mode.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
