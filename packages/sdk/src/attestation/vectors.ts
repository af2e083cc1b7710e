/** Test helper: the shared DCAP vectors (../../../../../shared/vectors) and their manifest. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const VECTORS_DIR = process.env.DCAP_VECTORS_DIR ?? join(import.meta.dirname, "../../../../../shared/vectors");

export type VectorEntry = {
  id: string;
  kind: "positive" | "real-negative" | "policy" | "negative-mutation";
  base_vector?: string;
  quote: { bin: string; tee?: string; fmspc?: string; pck_ca?: string };
  collateral: { collateral_json_dcap_qvl_layout: string; dir?: string; pck_crl_ca?: string };
  verification_time: number;
  expected: {
    result: "ok" | "error";
    tcb_status?: string;
    advisory_ids?: string[];
    error_class?: string;
    also_acceptable?: string[];
    divergence?: {
      tcb_status_if_all_16_tdx_components_compared: string;
      advisory_ids_if_all_16_tdx_components_compared: string[];
    };
  };
};

export function loadManifest(): VectorEntry[] {
  return JSON.parse(readFileSync(join(VECTORS_DIR, "manifest.json"), "utf8")).vectors;
}

export const vectorPath = (relative: string) => join(VECTORS_DIR, relative);
export const readVector = (relative: string) => new Uint8Array(readFileSync(vectorPath(relative)));
