/**
 * When a stored score needs rescoring without a new fact: `nextScoreChange` names the first instant
 * time alone could change it, and until then the score and warnings stay exactly as they are. The
 * daily rebuild relies on it to read only the sources that are due.
 */
import { describe, expect, it } from 'vitest';
import { CURRENT_CREDIT_RULES } from '@green-shield/shared/sources/credit-rules';
import { computeCreditScore, creditWarnings, nextScoreChange, type ScoringFact } from '@green-shield/shared/sources/scoring';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { rebuildAllScores } from '../../functions/src/sources/rebuild';
import type { ScoreProjector } from '../../functions/src/sources/score-projection';
import type { SourceLists } from '../../functions/src/sources/source-lists';

const rules = CURRENT_CREDIT_RULES;
const DAY = 86_400_000;
const asOf = new Date('2026-06-01T00:00:00.000Z');
const at = (days: number) => new Date(asOf.getTime() + days * DAY).toISOString();

/** What a stored projection shows of the score and warnings (not when it was computed). */
function visible(facts: readonly ScoringFact[], when: Date) {
  const credit = computeCreditScore(facts, rules, when);
  return JSON.stringify([credit.score, credit.level, credit.explanation, creditWarnings(facts, rules, when, credit)]);
}

/** A deterministic pseudo-random sequence, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function randomFacts(next: () => number): ScoringFact[] {
  const day = () => Math.round((next() * 800 - 500) * 10) / 10;
  return Array.from({ length: 1 + Math.floor(next() * 8) }, (_, i): ScoringFact => {
    const id = `f${i}`;
    switch (Math.floor(next() * 5)) {
      case 0:
        return {
          kind: 'inspection',
          id,
          at: at(day()),
          failedItems: next() < 0.7 ? [{ itemId: 'odour', label: '异味', points: 10, rectificationId: `r${i}` }] : [],
        };
      case 1: {
        const opened = day();
        const deadline = opened + 15;
        const closed = next() < 0.5 ? opened + next() * 40 : undefined;
        return {
          kind: 'rectification',
          id: `r${i}`,
          itemLabel: '异味',
          openedAt: at(opened),
          deadline: at(deadline),
          closedAt: closed === undefined ? undefined : at(closed),
        };
      }
      case 2:
        return { kind: 'complaint', id, at: at(day()), trackingNumber: `JA-${i}`, substantiated: next() < 0.8 };
      case 3:
        return { kind: 'penalty', id, at: at(day()), decisionNumber: `罚${i}` };
      default:
        return { kind: 'incident', id, at: at(day()), severity: next() < 0.3 ? 'major' : 'ordinary' };
    }
  });
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
  });

  it('leaves the score and the warnings exactly as they are until then, and only then may they change', () => {
    const next = random(20_261_129);
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const facts = randomFacts(next);
      const before = visible(facts, asOf);
      const change = nextScoreChange(facts, rules, asOf);
      const until = change ? Date.parse(change) : asOf.getTime() + 3 * 365 * DAY;
      expect(until).toBeGreaterThan(asOf.getTime());
      for (const when of [asOf.getTime() + 1, until - 1, ...Array.from({ length: 8 }, () => asOf.getTime() + next() * (until - asOf.getTime()))]) {
        if (when >= until) continue;
        expect(visible(facts, new Date(Math.floor(when))), `facts ${JSON.stringify(facts)} at ${new Date(when).toISOString()}`).toBe(before);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });
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
