/**
 * The time limits of the rectification loop as code reads them: the versioned table of
 * `shared/src/rules/rectification.json` (how long an officer has to decide on evidence, the most
 * days a rejection may give). The checklist gives each item's own days (`checklists.ts`).
 */
import table from '../rules/rectification.json' with { type: 'json' };
import { newest } from '../rules/versions';

export interface RectificationRules {
  /** An identifier; never shown to users. */
  version: string;
  /** What users read. */
  title: string;
  source: string;
  /** Days after evidence arrives by which an officer should decide on it. */
  decisionWithinDays: number;
  /** The most days a rejection may give before the new deadline. */
  maxResubmitDays: number;
}

const versions = (): readonly RectificationRules[] => table.versions as RectificationRules[];

export const CURRENT_RECTIFICATION_RULES: RectificationRules = /* @__PURE__ */ newest(versions);
