import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Intel SGX Root CA (DER), SHA-256 fingerprint 44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3,
 * valid 2018-05-21 .. 2049-12-31 (shared/vectors/common/intel_sgx_root_ca.der). Its key is pinned, immutably, in the
 * PCCS constructor.
 */
export const INTEL_SGX_ROOT_CA_DER =
  "0x3082028f30820234a003020102021422650cd65a9d3489f383b49552bf501b392706ac300a06082a8648ce3d0403023068311a301806035504030c11496e74656c2053475820526f6f74204341311a3018060355040a0c11496e74656c20436f72706f726174696f6e3114301206035504070c0b53616e746120436c617261310b300906035504080c024341310b3009060355040613025553301e170d3138303532313130343531305a170d3439313233313233353935395a3068311a301806035504030c11496e74656c2053475820526f6f74204341311a3018060355040a0c11496e74656c20436f72706f726174696f6e3114301206035504070c0b53616e746120436c617261310b300906035504080c024341310b30090603550406130255533059301306072a8648ce3d020106082a8648ce3d030107034200040ba9c4c0c0c86193a3fe23d6b02cda10a8bbd4e88e48b4458561a36e705525f567918e2edc88e40d860bd0cc4ee26aacc988e505a953558c453f6b0904ae7394a381bb3081b8301f0603551d2304183016801422650cd65a9d3489f383b49552bf501b392706ac30520603551d1f044b30493047a045a043864168747470733a2f2f6365727469666963617465732e7472757374656473657276696365732e696e74656c2e636f6d2f496e74656c534758526f6f7443412e646572301d0603551d0e0416041422650cd65a9d3489f383b49552bf501b392706ac300e0603551d0f0101ff04040302010630120603551d130101ff040830060101ff020101300a06082a8648ce3d0403020349003046022100e5bfe50911f92f428920dc368a302ee3d12ec5867ff622ec6497f78060c13c20022100e09d25ac7a0cb3e5e8e68fec5fa3bd416c47440bd950639d450edcbea4576aa2" as const;

/**
 * On-chain Intel DCAP verification: the parser libraries (CollateralJson, X509, Crl: linked to keep the PCCS under
 * the code size limit), the collateral store `Pccs` pinned to the Intel SGX Root CA, and `DcapVerifier` over it.
 * Neither contract is upgradeable nor has any owner or parameter: the trust anchor is the pinned root key and every
 * upload is verified against it, so there is nothing to govern. A new version is a new deployment that governance
 * points the AttestationRegistry to (`setVerifier`); collateral is public and re-uploadable by anyone.
 * The `rootCertificate` parameter exists for test networks with a synthetic PKI; production uses Intel's.
 */
export default buildModule("Dcap", (m) => {
  const rootCertificate = m.getParameter<string>("rootCertificate", INTEL_SGX_ROOT_CA_DER);
  const collateralJson = m.library("CollateralJson");
  const x509 = m.library("X509");
  const crl = m.library("Crl");
  const pccs = m.contract("Pccs", [rootCertificate], {
    id: "pccs",
    libraries: { CollateralJson: collateralJson, X509: x509, Crl: crl },
  });
  const dcapVerifier = m.contract("DcapVerifier", [pccs], { id: "dcapVerifier" });
  return { pccs, dcapVerifier };
});
