import type { CAC } from "cac";

export type Cli = CAC;
