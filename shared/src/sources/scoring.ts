/**
 * The credit score of a pollution source, computed from the facts on its timeline under one
 * version of the credit rules, with an explanation of every point gained or lost. Pure: the same
 * facts, rules and date always give the same answer, so scores can be rebuilt at any time and
 * the score of a past date (for "sharp drop" warnings) is the same function. The facts come from a
 * source's timeline, and the score is stored, in `functions/src/sources/score-projection.ts`.
 */
import { CREDIT_LEVELS, levelsDroppedByOrdinaryIncidents, type CreditLevel, type CreditRules } from './credit-rules';

const DAY_MS = 86_400_000;

export interface FailedItemFact {
  itemId: string;
  label: string;
  points: number;
  rectificationId?: string;
}

/** A rectification order as scoring reads it (`functions/src/sources/score-projection.ts` builds it from the order). */
export interface RectificationFact {
  kind: 'rectification';
  id: string;
  itemLabel: string;
  openedAt: string;
  /** The deadline in force now (the last one set). */
  deadline: string;
  /** The deadlines it had before, oldest first, each with when it was replaced (a rejection, a repeat failure). */
  earlierDeadlines?: ReadonlyArray<{ deadline: string; replacedAt: string }>;
  /** The evidence sent, oldest first: when it arrived, and when it was decided if it was. */
  evidence?: ReadonlyArray<{ at: string; decidedAt?: string }>;
  closedAt?: string;
}

export type ScoringFact =
  | { kind: 'inspection'; id: string; at: string; failedItems: FailedItemFact[] }
  | RectificationFact
  | {
      kind: 'complaint';
      id: string;
      /** When the complaint was received: it counts from then, not from when it was linked. */
      at: string;
      trackingNumber: string;
      substantiated: boolean;
      /** The matter it counts under: its original's tracking number if it is a duplicate, else its own. */
      countsAs?: string;
    }
  | { kind: 'penalty'; id: string; at: string; decisionNumber: string }
  | { kind: 'incident'; id: string; at: string; severity: 'ordinary' | 'major' };

export const EXPLANATION_CODES = [
  'failed_item',
  'failed_item_rectified',
  'overdue_rectification',
  'late_rectification',
  'verified_complaint',
  'penalty',
  'clean_inspection',
  'incident_ordinary',
  'incident_major',
  'score_clamped',
] as const;
export type ExplanationCode = (typeof EXPLANATION_CODES)[number];

export interface ExplanationLine {
  code: ExplanationCode;
  /** Points added (positive) or taken (negative); 0 for level rules. */
  points: number;
  at: string;
  /** The fact the line is about; `score` for the clamp line. */
  ref: { kind: ScoringFact['kind'] | 'score'; id: string };
  /**
   * The fact in a few words: the item's label, a tracking number, a decision number; for an ordinary
   * incident whether it lowered the level (`IncidentEffect`).
   */
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

/** Newest first; lines of the same moment in a fixed order (by rule, then fact, then detail), so an explanation never reshuffles. */
function byTimeNewestFirst(a: ExplanationLine, b: ExplanationLine): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  const byCode = EXPLANATION_CODES.indexOf(a.code) - EXPLANATION_CODES.indexOf(b.code);
  if (byCode !== 0) return byCode;
  const byFact = `${a.ref.kind}:${a.ref.id}`.localeCompare(`${b.ref.kind}:${b.ref.id}`);
  return byFact !== 0 ? byFact : a.detail.localeCompare(b.detail);
}

/** What an ordinary incident did to the level, as the `detail` of its explanation line (the app words it). */
export const INCIDENT_EFFECTS = ['lowered', 'already_lowered', 'already_lowest', 'major_incident'] as const;
export type IncidentEffect = (typeof INCIDENT_EFFECTS)[number];

/**
 * What each ordinary incident (newest first) did: lowered the level, or not (the level was already
 * lowered for an earlier one, already the lowest by score, or red for a major incident), so no line
 * claims a drop that did not happen. The newest incidents are the ones that lower it.
 */
function ordinaryIncidentEffects(count: number, context: { incidentMajor: boolean; levelByScore: CreditLevel; drops: number }): IncidentEffect[] {
  const room = CREDIT_LEVELS.length - 1 - CREDIT_LEVELS.indexOf(context.levelByScore);
  return Array.from({ length: count }, (_, index) =>
    context.incidentMajor ? 'major_incident' : index >= room ? 'already_lowest' : index >= context.drops ? 'already_lowered' : 'lowered',
  );
}

type ComplaintFact = Extract<ScoringFact, { kind: 'complaint' }>;

/** One deadline of an order, the instant it took effect and the instant it was replaced (never: Infinity). */
interface DeadlinePeriod {
  deadline: string;
  from: number;
  until: number;
}

function deadlinePeriods(fact: RectificationFact): DeadlinePeriod[] {
  const earlier = fact.earlierDeadlines ?? [];
  const froms = [fact.openedAt, ...earlier.map((replaced) => replaced.replacedAt)];
  return [...earlier.map((replaced) => replaced.deadline), fact.deadline].map((deadline, index) => ({
    deadline,
    from: time(froms[index]),
    until: index < earlier.length ? time(earlier[index].replacedAt) : Number.POSITIVE_INFINITY,
  }));
}

/**
 * Lateness is judged by when the evidence arrived, not by when an officer decided: a deadline is
 * missed when it passed (before `now`) while in force with the order not closed and no evidence
 * sent by then awaiting a decision. Evidence sent at the deadline's very instant is in time; an
 * officer's decision after the deadline on evidence sent in time makes nothing late.
 */
function missed(fact: RectificationFact, period: DeadlinePeriod, now: number): boolean {
  const deadline = time(period.deadline);
  if (deadline >= now || deadline >= period.until) return false;
  if (fact.closedAt !== undefined && time(fact.closedAt) <= deadline) return false;
  const awaitingDecision = (fact.evidence ?? []).some(
    (evidence) => time(evidence.at) <= deadline && (evidence.decidedAt === undefined || time(evidence.decidedAt) > deadline),
  );
  return !awaitingDecision;
}

/** The first deadline of an order the operator missed as of a date (it costs the overdue points once), if any. */
export function missedDeadline(fact: RectificationFact, asOf: Date): string | undefined {
  const now = asOf.getTime();
  return deadlinePeriods(fact).find((period) => missed(fact, period, now))?.deadline;
}

/** Whether an order is overdue as of a date: not closed, and its deadline in force then was missed. */
export function rectificationOverdue(fact: RectificationFact, asOf: Date): boolean {
  const now = asOf.getTime();
  if (fact.closedAt !== undefined && time(fact.closedAt) <= now) return false;
  const inForce = deadlinePeriods(fact)
    .filter((period) => period.from <= now)
    .at(-1);
  return inForce !== undefined && missed(fact, inForce, now);
}

/** Each order's item is charged once, by the earliest inspection that failed it: a repeat failure is noted on the order, not charged again. */
function chargingInspections(facts: readonly ScoringFact[]): Map<string, string> {
  const charging = new Map<string, { id: string; at: string }>();
  for (const fact of facts) {
    if (fact.kind !== 'inspection') continue;
    for (const item of fact.failedItems) {
      if (!item.rectificationId) continue;
      const first = charging.get(item.rectificationId);
      if (!first || fact.at < first.at || (fact.at === first.at && fact.id < first.id)) charging.set(item.rectificationId, fact);
    }
  }
  return new Map([...charging].map(([rectificationId, inspection]) => [rectificationId, inspection.id]));
}

/** The complaint facts that count: substantiated ones, once per matter (a duplicate and its original count once), the earliest received. */
function countedComplaints(facts: readonly ScoringFact[]): Set<ComplaintFact> {
  const byMatter = new Map<string, ComplaintFact>();
  for (const fact of facts) {
    if (fact.kind !== 'complaint' || !fact.substantiated) continue;
    const matter = fact.countsAs ?? fact.trackingNumber;
    const counted = byMatter.get(matter);
    if (!counted || fact.at < counted.at) byMatter.set(matter, fact);
  }
  return new Set(byMatter.values());
}

export function computeCreditScore(facts: readonly ScoringFact[], rules: CreditRules, asOf: Date): CreditScore {
  const now = asOf.getTime();
  const windowStart = now - rules.lookbackDays * DAY_MS;
  const inWindow = (iso: string) => time(iso) <= now && time(iso) > windowStart;
  const rectifications = new Map<string, RectificationFact>();
  for (const fact of facts) if (fact.kind === 'rectification') rectifications.set(fact.id, fact);
  // A rectified item costs a fraction of its points even when closed late: the missed deadline is
  // charged on its own, so closing late still pays.
  const rectified = (id: string | undefined) => {
    const rectification = id ? rectifications.get(id) : undefined;
    return !!rectification?.closedAt && time(rectification.closedAt) <= now;
  };
  // An order still open when an inspection finds nothing wrong: the inspection did not look at its
  // item (a pass would have closed it, 复查销项), so the source is not clean and earns no bonus.
  const openAt = (at: string) =>
    [...rectifications.values()].some((r) => time(r.openedAt) <= time(at) && (r.closedAt === undefined || time(r.closedAt) > time(at)));

  const counted = countedComplaints(facts);
  const charging = chargingInspections(facts);
  const explanation: ExplanationLine[] = [];
  let incidentMajor = false;
  for (const fact of facts) {
    const ref = { kind: fact.kind, id: fact.id };
    switch (fact.kind) {
      case 'inspection': {
        if (!inWindow(fact.at)) break;
        if (fact.failedItems.length === 0 && rules.cleanInspectionBonus > 0 && !openAt(fact.at)) {
          explanation.push({ code: 'clean_inspection', points: rules.cleanInspectionBonus, at: fact.at, ref, detail: '' });
        }
        for (const item of fact.failedItems) {
          if (item.rectificationId && charging.get(item.rectificationId) !== fact.id) continue;
          const done = rectified(item.rectificationId);
          const points = done ? Math.round(item.points * rules.failedItemRectifiedFraction) : item.points;
          explanation.push({ code: done ? 'failed_item_rectified' : 'failed_item', points: -points, at: fact.at, ref, detail: item.label });
        }
        break;
      }
      case 'rectification': {
        // A missed deadline costs once, dated at the deadline (as of the date scored).
        const deadline = missedDeadline(fact, asOf);
        if (deadline !== undefined && time(deadline) > windowStart) {
          // Put right since (逾期整改) or still not (逾期未整改): the same cost, told apart.
          const since = fact.closedAt !== undefined && time(fact.closedAt) <= now;
          const code = since ? 'late_rectification' : 'overdue_rectification';
          explanation.push({ code, points: -rules.overdueRectificationPoints, at: deadline, ref, detail: fact.itemLabel });
        }
        break;
      }
      case 'complaint':
        if (counted.has(fact) && inWindow(fact.at)) {
          explanation.push({ code: 'verified_complaint', points: -rules.verifiedComplaintPoints, at: fact.at, ref, detail: fact.trackingNumber });
        }
        break;
      case 'penalty':
        if (inWindow(fact.at)) explanation.push({ code: 'penalty', points: -rules.penaltyPoints, at: fact.at, ref, detail: fact.decisionNumber });
        break;
      case 'incident':
        if (!inWindow(fact.at)) break;
        if (fact.severity === 'major') incidentMajor = true;
        explanation.push({ code: fact.severity === 'major' ? 'incident_major' : 'incident_ordinary', points: 0, at: fact.at, ref, detail: '' });
        break;
    }
  }
  explanation.sort(byTimeNewestFirst);
  const raw = rules.baseScore + explanation.reduce((sum, line) => sum + line.points, 0);
  const score = Math.max(0, Math.min(rules.baseScore, raw));
  // The listed points no longer add up to the score once it is clamped: say so in a line of its own.
  if (score !== raw)
    explanation.unshift({ code: 'score_clamped', points: score - raw, at: asOf.toISOString(), ref: { kind: 'score', id: 'clamp' }, detail: '' });
  const levelByScore = levelForScore(score, rules);
  const ordinaryCount = explanation.filter((line) => line.code === 'incident_ordinary').length;
  const drops = levelsDroppedByOrdinaryIncidents(ordinaryCount, rules);
  const level = incidentMajor ? 'red' : dropLevels(levelByScore, drops);
  const effects = ordinaryIncidentEffects(ordinaryCount, { incidentMajor, levelByScore, drops });
  let ordinarySeen = 0;
  const described = explanation.map((line) => (line.code === 'incident_ordinary' ? { ...line, detail: effects[ordinarySeen++] } : line));
  return { score, level, levelByScore, rulesVersion: rules.version, asOf: asOf.toISOString(), explanation: described };
}

/** Early warnings for officers: frequent verified complaints, overdue rectifications, a sharp drop. */
export function creditWarnings(facts: readonly ScoringFact[], rules: CreditRules, asOf: Date, current?: CreditScore): Warning[] {
  const now = asOf.getTime();
  const warnings: Warning[] = [];
  const complaintsSince = now - rules.warnings.complaintsWithinDays * DAY_MS;
  const recentComplaints = [...countedComplaints(facts)].filter((f) => time(f.at) <= now && time(f.at) > complaintsSince).length;
  if (recentComplaints >= rules.warnings.complaintsAtLeast) warnings.push({ code: 'frequent_complaints', value: recentComplaints });
  const overdue = facts.filter((f) => f.kind === 'rectification' && rectificationOverdue(f, asOf)).length;
  if (overdue > 0) warnings.push({ code: 'overdue_rectification', value: overdue });
  const score = (current ?? computeCreditScore(facts, rules, asOf)).score;
  const before = computeCreditScore(facts, rules, new Date(now - rules.warnings.scoreDropWithinDays * DAY_MS)).score;
  if (before - score >= rules.warnings.scoreDropAtLeast) warnings.push({ code: 'score_drop', value: before - score });
  return warnings;
}

/**
 * The first instant after `asOf` at which time alone could change the score or the warnings of
 * these facts: a fact entering or leaving a window (the look-back, the complaint warnings'), each
 * deadline an order had passing (overdue from the millisecond after it, charged while it is in the
 * look-back; earlier deadlines too, as lateness is judged per deadline), an order's deadline taking
 * effect (opened, replaced) or the order closing, and each of these again a score-drop period later
 * (the drop compares with the score of that long ago). Until then `computeCreditScore` and
 * `creditWarnings` answer the same (`timelessScore`), so a stored projection needs no rescoring
 * before it (new facts aside: they are rescored as they come). Undefined when nothing the facts hold
 * ever changes with time. Instants are in milliseconds, as the scoring compares them; a superset of
 * the true changes only costs a rescoring that finds nothing new.
 */
export function nextScoreChange(facts: readonly ScoringFact[], rules: CreditRules, asOf: Date): string | undefined {
  const now = asOf.getTime();
  const lookback = rules.lookbackDays * DAY_MS;
  const complaintsWindow = rules.warnings.complaintsWithinDays * DAY_MS;
  const instants: number[] = [];
  for (const fact of facts) {
    if (fact.kind === 'rectification') {
      for (const period of deadlinePeriods(fact)) {
        const deadline = time(period.deadline);
        instants.push(period.from, deadline + 1, deadline + lookback);
      }
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

/**
 * What of a score time alone leaves as it is until `nextScoreChange`: all but the dates it was
 * computed at (`asOf`, and the clamp line's, which says "as of now").
 */
export function timelessScore(credit: CreditScore): Omit<CreditScore, 'asOf'> {
  const { asOf: _asOf, explanation, ...rest } = credit;
  return { ...rest, explanation: explanation.map((line) => (line.code === 'score_clamped' ? { ...line, at: '' } : line)) };
}
