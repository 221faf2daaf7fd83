/**
 * The credit rules as code reads them: the level vocabulary, and the versioned rule table of
 * `shared/src/rules/credit-scoring.json` (data: cut-offs, points, look-back, warning thresholds).
 * Scores are computed in `scoring.ts`.
 */
import table from '../rules/credit-scoring.json' with { type: 'json' };
import { newest } from '../rules/versions';

export const CREDIT_LEVELS = ['green', 'blue', 'yellow', 'red'] as const;
export type CreditLevel = (typeof CREDIT_LEVELS)[number];

/** The level names of 环发〔2013〕150号. */
export const CREDIT_LEVEL_LABELS: Record<CreditLevel, string> = { green: '环保诚信', blue: '环保良好', yellow: '环保警示', red: '环保不良' };

/** The system tag of sources under key supervision (yellow or red, or with early warnings). */
export const KEY_SUPERVISION_TAG = '重点监管';

export interface CreditRules {
  /** An identifier, stored with every score; never shown to users. */
  version: string;
  /** What users read. */
  title: string;
  source: string;
  baseScore: number;
  lookbackDays: number;
  /** Highest first. */
  levels: Array<{ level: CreditLevel; minScore: number }>;
  /** What a failed item still costs once its rectification was accepted (late ones also pay the overdue points). */
  failedItemRectifiedFraction: number;
  verifiedComplaintPoints: number;
  overdueRectificationPoints: number;
  penaltyPoints: number;
  cleanInspectionBonus: number;
  /**
   * A major incident in the look-back makes the level red; ordinary ones lower it by one level in
   * all (`drop-one-level`) or, in the first version, one level each (`drop-one-level-each`).
   */
  incident: { ordinary: 'drop-one-level' | 'drop-one-level-each'; major: 'red'; source?: string };
  warnings: { complaintsWithinDays: number; complaintsAtLeast: number; scoreDropWithinDays: number; scoreDropAtLeast: number };
}

const versions = (): readonly CreditRules[] => table.versions as CreditRules[];

export const CURRENT_CREDIT_RULES: CreditRules = /* @__PURE__ */ newest(versions);

/** The rules of a version; undefined for one this copy of the table does not hold (a newer server's). */
export function findCreditRules(version: string): CreditRules | undefined {
  return versions().find((rules) => rules.version === version);
}

/** How many levels `ordinary` incidents in the look-back lower the level by. */
export function levelsDroppedByOrdinaryIncidents(ordinary: number, rules: CreditRules): number {
  if (ordinary === 0) return 0;
  return rules.incident.ordinary === 'drop-one-level' ? 1 : ordinary;
}

export function creditRules(version: string): CreditRules {
  const found = findCreditRules(version);
  if (!found) throw new Error(`Unknown credit-rules version ${version}`);
  return found;
}
