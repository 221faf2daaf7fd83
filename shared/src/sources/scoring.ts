/**
 * The credit score of a pollution source, computed from the facts on its timeline under one
 * version of the credit rules, with an explanation of every point gained or lost. Pure: the same
 * facts, rules and date always give the same answer, so scores can be rebuilt at any time and
 * the score of a past date (for "sharp drop" warnings) is the same function. The facts come from a
 * source's timeline, and the score is stored, in `functions/src/sources/score-projection.ts`.
 */
import { CREDIT_LEVELS, type CreditLevel, type CreditRules } from './credit-rules';

const DAY_MS = 86_400_000;

export interface FailedItemFact {
  itemId: string;
  label: string;
  points: number;
  rectificationId?: string;
}

export type ScoringFact =
  | { kind: 'inspection'; id: string; at: string; failedItems: FailedItemFact[] }
  | { kind: 'rectification'; id: string; itemLabel: string; openedAt: string; deadline: string; closedAt?: string }
  | { kind: 'complaint'; id: string; at: string; trackingNumber: string; substantiated: boolean }
  | { kind: 'penalty'; id: string; at: string; decisionNumber: string }
  | { kind: 'incident'; id: string; at: string; severity: 'ordinary' | 'major' };

export const EXPLANATION_CODES = [
  'failed_item',
  'failed_item_rectified',
  'overdue_rectification',
  'verified_complaint',
  'penalty',
  'clean_inspection',
  'incident_ordinary',
  'incident_major',
] as const;
export type ExplanationCode = (typeof EXPLANATION_CODES)[number];

export interface ExplanationLine {
  code: ExplanationCode;
  /** Points added (positive) or taken (negative); 0 for level rules. */
  points: number;
  at: string;
  ref: { kind: ScoringFact['kind']; id: string };
  /** The fact in a few words: the item's label, a tracking number, a decision number. */
  detail: string;
}

export const WARNING_CODES = ['frequent_complaints', 'overdue_rectification', 'score_drop'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];
export interface Warning {
  code: WarningCode;
  /** The count or the drop that raised the warning. */
  value: number;
}

export interface CreditScore {
  score: number;
  level: CreditLevel;
  /** The level the score alone would give, before incident rules. */
  levelByScore: CreditLevel;
  rulesVersion: string;
  asOf: string;
  explanation: ExplanationLine[];
}

function levelForScore(score: number, rules: CreditRules): CreditLevel {
  return rules.levels.find((band) => score >= band.minScore)?.level ?? 'red';
}

function dropLevels(level: CreditLevel, steps: number): CreditLevel {
  return CREDIT_LEVELS[Math.min(CREDIT_LEVELS.indexOf(level) + steps, CREDIT_LEVELS.length - 1)];
}

const time = (iso: string) => Date.parse(iso);

export function computeCreditScore(facts: readonly ScoringFact[], rules: CreditRules, asOf: Date): CreditScore {
  const now = asOf.getTime();
  const windowStart = now - rules.lookbackDays * DAY_MS;
  const inWindow = (iso: string) => time(iso) <= now && time(iso) > windowStart;
  const rectifications = new Map<string, Extract<ScoringFact, { kind: 'rectification' }>>();
  for (const fact of facts) if (fact.kind === 'rectification') rectifications.set(fact.id, fact);
  // A rectified item costs a fraction of its points even when closed late: the missed deadline is
  // charged on its own, so closing late still pays.
  const rectified = (id: string | undefined) => {
    const rectification = id ? rectifications.get(id) : undefined;
    return !!rectification?.closedAt && time(rectification.closedAt) <= now;
  };

  const explanation: ExplanationLine[] = [];
  let incidentsOrdinary = 0;
  let incidentMajor = false;
  for (const fact of facts) {
    const ref = { kind: fact.kind, id: fact.id };
    switch (fact.kind) {
      case 'inspection': {
        if (!inWindow(fact.at)) break;
        if (fact.failedItems.length === 0 && rules.cleanInspectionBonus > 0) {
          explanation.push({ code: 'clean_inspection', points: rules.cleanInspectionBonus, at: fact.at, ref, detail: '' });
        }
        for (const item of fact.failedItems) {
          const done = rectified(item.rectificationId);
          const points = done ? Math.round(item.points * rules.failedItemRectifiedFraction) : item.points;
          explanation.push({ code: done ? 'failed_item_rectified' : 'failed_item', points: -points, at: fact.at, ref, detail: item.label });
        }
        break;
      }
      case 'rectification': {
        // Overdue: not closed by its deadline, and the deadline has passed (as of the date scored).
        const deadline = time(fact.deadline);
        const closed = fact.closedAt !== undefined && time(fact.closedAt) <= now ? time(fact.closedAt) : undefined;
        const overdue = deadline < now && (closed === undefined || closed > deadline);
        if (overdue && deadline > windowStart) {
          explanation.push({ code: 'overdue_rectification', points: -rules.overdueRectificationPoints, at: fact.deadline, ref, detail: fact.itemLabel });
        }
        break;
      }
      case 'complaint':
        if (fact.substantiated && inWindow(fact.at)) {
          explanation.push({ code: 'verified_complaint', points: -rules.verifiedComplaintPoints, at: fact.at, ref, detail: fact.trackingNumber });
        }
        break;
      case 'penalty':
        if (inWindow(fact.at)) explanation.push({ code: 'penalty', points: -rules.penaltyPoints, at: fact.at, ref, detail: fact.decisionNumber });
        break;
      case 'incident':
        if (!inWindow(fact.at)) break;
        if (fact.severity === 'major') incidentMajor = true;
        else incidentsOrdinary++;
        explanation.push({ code: fact.severity === 'major' ? 'incident_major' : 'incident_ordinary', points: 0, at: fact.at, ref, detail: '' });
        break;
    }
  }
  explanation.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const raw = rules.baseScore + explanation.reduce((sum, line) => sum + line.points, 0);
  const score = Math.max(0, Math.min(rules.baseScore, raw));
  const levelByScore = levelForScore(score, rules);
  const level = incidentMajor ? 'red' : dropLevels(levelByScore, incidentsOrdinary);
  return { score, level, levelByScore, rulesVersion: rules.version, asOf: asOf.toISOString(), explanation };
}

/** Early warnings for officers: frequent verified complaints, overdue rectifications, a sharp drop. */
export function creditWarnings(facts: readonly ScoringFact[], rules: CreditRules, asOf: Date, current?: CreditScore): Warning[] {
  const now = asOf.getTime();
  const warnings: Warning[] = [];
  const complaintsSince = now - rules.warnings.complaintsWithinDays * DAY_MS;
  const recentComplaints = facts.filter((f) => f.kind === 'complaint' && f.substantiated && time(f.at) <= now && time(f.at) > complaintsSince).length;
  if (recentComplaints >= rules.warnings.complaintsAtLeast) warnings.push({ code: 'frequent_complaints', value: recentComplaints });
  const overdue = facts.filter((f) => f.kind === 'rectification' && time(f.deadline) < now && (f.closedAt === undefined || time(f.closedAt) > now)).length;
  if (overdue > 0) warnings.push({ code: 'overdue_rectification', value: overdue });
  const score = (current ?? computeCreditScore(facts, rules, asOf)).score;
  const before = computeCreditScore(facts, rules, new Date(now - rules.warnings.scoreDropWithinDays * DAY_MS)).score;
  if (before - score >= rules.warnings.scoreDropAtLeast) warnings.push({ code: 'score_drop', value: before - score });
  return warnings;
}

/**
 * The first instant after `asOf` at which time alone could change the score or the warnings of
 * these facts: a fact entering or leaving a window (the look-back, the complaint warnings'), a
 * deadline passing, an order closing, and each of these again a score-drop period later (the drop
 * compares with the score of that long ago). Until then `computeCreditScore` and `creditWarnings`
 * answer the same, so a stored projection needs no rescoring before it (new facts aside: they are
 * rescored as they come). Undefined when nothing the facts hold ever changes with time. Instants
 * are in milliseconds, as the scoring compares them; a superset of the true changes only costs a
 * rescoring that finds nothing new.
 */
export function nextScoreChange(facts: readonly ScoringFact[], rules: CreditRules, asOf: Date): string | undefined {
  const now = asOf.getTime();
  const lookback = rules.lookbackDays * DAY_MS;
  const complaintsWindow = rules.warnings.complaintsWithinDays * DAY_MS;
  const instants: number[] = [];
  for (const fact of facts) {
    if (fact.kind === 'rectification') {
      // Overdue once the deadline is strictly past (`deadline < now`), charged while the deadline is in the look-back.
      const deadline = time(fact.deadline);
      instants.push(deadline + 1, deadline + lookback);
      if (fact.closedAt !== undefined) instants.push(time(fact.closedAt));
    } else {
      const at = time(fact.at);
      instants.push(at, at + lookback);
      if (fact.kind === 'complaint') instants.push(at + complaintsWindow);
    }
  }
  const drop = rules.warnings.scoreDropWithinDays * DAY_MS;
  let next = Number.POSITIVE_INFINITY;
  for (const instant of instants) {
    for (const candidate of [instant, instant + drop]) if (candidate > now && candidate < next) next = candidate;
  }
  return Number.isFinite(next) ? new Date(next).toISOString() : undefined;
}
