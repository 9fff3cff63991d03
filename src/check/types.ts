// Result shapes of `check` and `timeline`. `CheckResult` is the `--json` contract of `factbot check` (fixed).
import type { Hit } from '../search/types.ts';

export type MatchStrength = 'strong' | 'partial' | 'none';

/** quote: inside quotation marks; reported: "X said that …"; text: the outlet's own reporting. */
export type StatementType = 'quote' | 'reported' | 'text';

export interface Evidence extends Hit {
  type: StatementType;
  /** Who made the statement, only when the sentence or its neighbour names them unambiguously. */
  speaker: string | null;
}

export interface CheckResult {
  claim: string;
  match: MatchStrength;
  /** Best first. */
  evidence: Evidence[];
  /** Distinct publishers among the strong evidence; copies of one wire story count once. */
  publishers: number;
  firstDate: string | null;
  lastDate: string | null;
  note: string | null;
}

export interface CheckOptions {
  /** Default 5. */
  limit?: number;
  offset?: number;
}

export interface TimelineResult {
  topic: string;
  /** Oldest first. */
  entries: Evidence[];
  note: string | null;
}

/** What `/check` and `/timeline` need from the claim checker (implemented in src/check). */
export interface ClaimChecker {
  check(claim: string, options?: CheckOptions): Promise<CheckResult>;
  timeline(topic: string, options?: CheckOptions): Promise<TimelineResult>;
}
