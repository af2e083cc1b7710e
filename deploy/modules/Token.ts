import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** PHA on L2: the OP-standard-bridge representation of L1 PHA. Immutable, ownerless. */
export default buildModule("Token", (m) => {
  const remoteToken = m.getParameter<string>("remoteToken");
  const bridge = m.getParameter<string>("bridge", "0x4200000000000000000000000000000000000010");
  const pha = m.contract("PHA", [remoteToken, bridge], { id: "pha" });
  return { pha };
});
