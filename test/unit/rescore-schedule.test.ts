/**
 * When a stored score needs rescoring without a new fact: `nextScoreChange` names the first instant
 * time alone could change it, and until then the score and warnings stay exactly as they are. The
 * daily rebuild relies on it to read only the sources that are due.
 */
import { describe, expect, it } from 'vitest';
import { CURRENT_CREDIT_RULES } from '@green-shield/shared/sources/credit-rules';
import { computeCreditScore, creditWarnings, nextScoreChange, timelessScore, type ScoringFact } from '@green-shield/shared/sources/scoring';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { rebuildAllScores } from '../../functions/src/sources/rebuild';
import type { ScoreProjector } from '../../functions/src/sources/score-projection';
import type { SourceLists } from '../../functions/src/sources/source-lists';

const rules = CURRENT_CREDIT_RULES;
const DAY = 86_400_000;
const asOf = new Date('2026-06-01T00:00:00.000Z');
const at = (days: number) => new Date(asOf.getTime() + days * DAY).toISOString();

/** What a stored projection shows of the score and warnings (not when it was computed). */
function visible(facts: readonly ScoringFact[], when: Date, under = rules) {
  const credit = computeCreditScore(facts, under, when);
  return JSON.stringify([timelessScore(credit), creditWarnings(facts, under, when, credit)]);
}

/** A deterministic pseudo-random sequence, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * A rectification order as the loop leaves it: deadlines replaced by rejections or repeat failures
 * (each replaced at some instant, before or after its deadline), evidence sent before or after a
 * deadline and decided or not, closed or open; instants on either side of `asOf`.
 */
function randomOrder(next: () => number, id: string, opened: number): ScoringFact {
  const days = () => 1 + Math.floor(next() * 30);
  let deadline = opened + days();
  let cursor = opened;
  const earlierDeadlines: Array<{ deadline: string; replacedAt: string }> = [];
  const evidence: Array<{ at: string; decidedAt?: string }> = [];
  for (let round = Math.floor(next() * 3); round > 0; round--) {
    // Evidence sent (in time or late), then rejected, or a repeat failure: a new deadline from then.
    const sent = cursor + next() * (deadline - cursor + 10);
    const decided = sent + next() * 5;
    if (next() < 0.7) evidence.push({ at: at(sent), decidedAt: at(decided) });
    earlierDeadlines.push({ deadline: at(deadline), replacedAt: at(decided) });
    cursor = decided;
    deadline = decided + days();
  }
  const pending = next() < 0.3 ? cursor + next() * (deadline - cursor + 10) : undefined;
  if (pending !== undefined) evidence.push({ at: at(pending), ...(next() < 0.5 ? { decidedAt: at(pending + next() * 5) } : {}) });
  const closed = next() < 0.5 ? (pending ?? cursor) + next() * 40 : undefined;
  return {
    kind: 'rectification',
    id,
    itemLabel: '异味',
    openedAt: at(opened),
    deadline: at(deadline),
    ...(earlierDeadlines.length > 0 ? { earlierDeadlines } : {}),
    ...(evidence.length > 0 ? { evidence } : {}),
    ...(closed === undefined ? {} : { closedAt: at(closed) }),
  };
}

/**
 * Facts of every kind scoring reads: failed items with their orders (an item failed again while its
 * order is open is charged once), clean inspections while an order is open (no bonus), duplicate
 * complaints counted once, penalties, incidents of both severities.
 */
function randomFacts(next: () => number): ScoringFact[] {
  const day = () => Math.round((next() * 800 - 500) * 10) / 10;
  const facts: ScoringFact[] = [];
  for (let i = 0; i < 1 + Math.floor(next() * 8); i++) {
    const id = `f${i}`;
    switch (Math.floor(next() * 6)) {
      case 0: {
        const failed = next() < 0.7;
        const inspected = day();
        facts.push({
          kind: 'inspection',
          id,
          at: at(inspected),
          failedItems: failed ? [{ itemId: 'odour', label: '异味', points: 10, rectificationId: `r${i}` }] : [],
        });
        if (!failed) break;
        facts.push(randomOrder(next, `r${i}`, inspected));
        // A repeat failure of the same item, charged to the first inspection only.
        if (next() < 0.3) {
          facts.push({
            kind: 'inspection',
            id: `${id}-again`,
            at: at(inspected + next() * 20),
            failedItems: [{ itemId: 'odour', label: '异味', points: 10, rectificationId: `r${i}` }],
          });
        }
        break;
      }
      case 1:
        facts.push(randomOrder(next, `r${i}`, day()));
        break;
      case 2: {
        const received = day();
        facts.push({ kind: 'complaint', id, at: at(received), trackingNumber: `JA-${i}`, substantiated: next() < 0.8 });
        // A duplicate of it, received later: the matter counts once.
        if (next() < 0.3) {
          facts.push({
            kind: 'complaint',
            id: `${id}-dup`,
            at: at(received + next() * 10),
            trackingNumber: `JA-${i}-d`,
            substantiated: true,
            countsAs: `JA-${i}`,
          });
        }
        break;
      }
      case 3:
        facts.push({ kind: 'penalty', id, at: at(day()), decisionNumber: `罚${i}` });
        break;
      case 4:
        facts.push({ kind: 'inspection', id, at: at(day()), failedItems: [] });
        break;
      default:
        facts.push({ kind: 'incident', id, at: at(day()), severity: next() < 0.3 ? 'major' : 'ordinary' });
    }
  }
  return facts;
}

describe('the next instant time alone changes a score', () => {
  it('is never for facts time does not touch, and each deadline and window edge otherwise', () => {
    expect(nextScoreChange([], rules, asOf)).toBeUndefined();
    const order: ScoringFact = { kind: 'rectification', id: 'r', itemLabel: '异味', openedAt: at(-1), deadline: at(14) };
    // Overdue once the deadline is past: the millisecond after it.
    expect(nextScoreChange([order], rules, asOf)).toBe(new Date(Date.parse(at(14)) + 1).toISOString());
    expect(visible([order], new Date(Date.parse(at(14)) + 1))).not.toBe(visible([order], new Date(at(14))));
    const inspection: ScoringFact = { kind: 'inspection', id: 'i', at: at(-300), failedItems: [{ itemId: 'odour', label: '异味', points: 10 }] };
    // The failed item leaves the look-back window a year after the inspection.
    expect(nextScoreChange([inspection], rules, asOf)).toBe(at(-300 + rules.lookbackDays));
    // Frequent complaints stop counting as such when the first leaves the warning's own window.
    const shortWindow = { ...rules, warnings: { ...rules.warnings, complaintsWithinDays: 20 } };
    const complaints = [-10, -5, -2].map(
      (day, i): ScoringFact => ({ kind: 'complaint', id: `c${i}`, at: at(day), trackingNumber: `JA-${i}`, substantiated: true }),
    );
    expect(creditWarnings(complaints, shortWindow, asOf).map((warning) => warning.code)).toContain('frequent_complaints');
    expect(nextScoreChange(complaints, shortWindow, asOf)).toBe(at(10));
    // A late order is charged at the first deadline it missed, an earlier one a rejection replaced:
    // the charge leaves the look-back a year after that deadline, not after the one now in force.
    const late: ScoringFact = {
      kind: 'rectification',
      id: 'r',
      itemLabel: '异味',
      openedAt: at(-330),
      deadline: at(-290),
      earlierDeadlines: [{ deadline: at(-315), replacedAt: at(-305) }],
      evidence: [{ at: at(-310), decidedAt: at(-305) }],
      closedAt: at(-295),
    };
    expect(computeCreditScore([late], rules, asOf).explanation).toEqual([expect.objectContaining({ code: 'late_rectification', at: at(-315) })]);
    expect(nextScoreChange([late], rules, asOf)).toBe(at(-315 + rules.lookbackDays));
    expect(visible([late], new Date(at(-315 + rules.lookbackDays)))).not.toBe(visible([late], asOf));
  });

  // The district's rules, and rules with short windows so that more edges fall near one another.
  const ruleSets = [
    rules,
    { ...rules, lookbackDays: 60, warnings: { ...rules.warnings, complaintsWithinDays: 7, scoreDropWithinDays: 10, scoreDropAtLeast: 5 } },
  ];

  it.each(ruleSets.map((under, index) => [index === 0 ? rules.version : 'short windows', under] as const))(
    'leaves the score and the warnings exactly as they are until then (%s)',
    (_name, under) => {
      const next = random(20_261_129);
      let checked = 0;
      let changedAtRescore = 0;
      for (let trial = 0; trial < 600; trial++) {
        const facts = randomFacts(next);
        const before = visible(facts, asOf, under);
        const change = nextScoreChange(facts, under, asOf);
        const until = change ? Date.parse(change) : asOf.getTime() + 3 * 365 * DAY;
        expect(until).toBeGreaterThan(asOf.getTime());
        for (const when of [asOf.getTime() + 1, until - 1, ...Array.from({ length: 8 }, () => asOf.getTime() + next() * (until - asOf.getTime()))]) {
          if (when >= until) continue;
          expect(visible(facts, new Date(Math.floor(when)), under), `facts ${JSON.stringify(facts)} at ${new Date(when).toISOString()}`).toBe(before);
          checked++;
        }
        if (change && visible(facts, new Date(change), under) !== before) changedAtRescore++;
      }
      expect(checked).toBeGreaterThan(4000);
      // Not a vacuous bound: at the instant named, the score or the warnings often do change.
      expect(changedAtRescore).toBeGreaterThan(100);
    },
  );
});

describe('the daily rebuild', () => {
  it('reads every street, rescores only the due sources in groups, and counts every change', async () => {
    const district = loadDistrict();
    const now = new Date('2026-06-01T00:00:00.000Z');
    // Three pages per street: one source due in two of every three, one scored under older rules.
    const schedule = (street: string, i: number) => ({
      id: `${street}-${i}`,
      rescoreAt: i % 3 === 2 ? '2026-07-01T00:00:00.000Z' : '2026-05-01T00:00:00.000Z',
      credit: { rulesVersion: i === 0 ? 'older-rules' : CURRENT_CREDIT_RULES.version },
    });
    const lists = {
      schedulesInStreet: async (_district: string, street: string, { cursor }: { cursor?: string }) => {
        const page = Number(cursor ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return { items: Array.from({ length: 10 }, (_, i) => schedule(street, page * 10 + i)), nextCursor: page < 2 ? String(page + 1) : undefined };
      },
    } as unknown as SourceLists;
    const rescoredIds: string[] = [];
    const projector = {
      due: (source: { rescoreAt?: string; credit: { rulesVersion: string } }) =>
        source.rescoreAt! <= now.toISOString() || source.credit.rulesVersion !== CURRENT_CREDIT_RULES.version,
      rescoreMany: async (ids: string[]) => {
        rescoredIds.push(...ids);
        await new Promise((resolve) => setTimeout(resolve, 2));
        return ids.map(() => ({ changed: true }));
      },
    } as unknown as ScoreProjector;
    const progress: number[] = [];
    const report = await rebuildAllScores(lists, projector, district, { onProgress: (done) => progress.push(done) });
    const perStreet = 30;
    const duePerStreet = 20;
    expect(report).toMatchObject({ sources: district.streets.length * perStreet, rescored: district.streets.length * duePerStreet });
    expect(report.changed).toBe(report.rescored);
    expect(new Set(rescoredIds).size).toBe(report.rescored);
    expect(progress.at(-1)).toBe(report.sources);
  });
});
