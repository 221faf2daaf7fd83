/**
 * The pure parts of the scheduled jobs: the heartbeat line CloudWatch turns into a metric, and the
 * street walk that a chunked rebuild resumes and stops.
 */
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type ScheduledFunction } from '../../functions/src/lambdas';
import { JOB_HEARTBEAT, jobSucceededLine, recordJobSucceeded } from '../../functions/src/lib/jobs';
import { type StreetProgress, walkStreets } from '../../functions/src/sources/street-walk';

describe('the heartbeat line', () => {
  it('is an embedded-metric-format record of one JobSucceeded for the function', () => {
    const at = new Date('2026-03-01T02:00:00Z');
    expect(JSON.parse(jobSucceededLine('GreenShield-prod-rescoreSources-abc', 'rescoreSources', at))).toEqual({
      _aws: {
        Timestamp: at.getTime(),
        CloudWatchMetrics: [{ Namespace: 'GreenShield/Jobs', Dimensions: [['Function']], Metrics: [{ Name: 'JobSucceeded', Unit: 'Count' }] }],
      },
      Function: 'GreenShield-prod-rescoreSources-abc',
      job: 'rescoreSources',
      JobSucceeded: 1,
    });
  });

  it('names the Lambda function it runs in, else the job, on one line', () => {
    const lines: string[] = [];
    const before = process.env.AWS_LAMBDA_FUNCTION_NAME;
    try {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      recordJobSucceeded('autoClose', (line) => lines.push(line));
      process.env.AWS_LAMBDA_FUNCTION_NAME = 'GreenShield-prod-autoClose-xyz';
      recordJobSucceeded('autoClose', (line) => lines.push(line));
    } finally {
      if (before === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = before;
    }
    expect(lines.map((line) => JSON.parse(line)[JOB_HEARTBEAT.dimension])).toEqual(['autoClose', 'GreenShield-prod-autoClose-xyz']);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('is written by every scheduled job (each has a heartbeat alarm)', () => {
    const scheduled = FUNCTIONS.filter((spec): spec is ScheduledFunction => spec.trigger === 'schedule').map((spec) => spec.name);
    expect(scheduled.sort()).toEqual(['autoClose', 'importWatchdog', 'rescoreSources']);
  });
});

describe('the street walk', () => {
  /** Streets of `pages` pages each, cursors `<street>:<page>`. */
  const streets = { a: 3, b: 1, c: 2 };
  const pageOf = async (street: string, cursor: string | undefined) => {
    const page = cursor ? Number(cursor.split(':')[1]) : 0;
    return { nextCursor: page + 1 < streets[street as keyof typeof streets] ? `${street}:${page + 1}` : undefined, result: `${street}${page}` };
  };
  const codes = Object.keys(streets);

  it('walks every page of every street in order, saying where each street stands after each page', async () => {
    const seen: Array<[string, StreetProgress, string]> = [];
    expect(await walkStreets(codes, {}, { page: pageOf, afterPage: async (street, progress, result) => void seen.push([street, progress, result]) })).toBe(
      true,
    );
    expect(seen).toEqual([
      ['a', { cursor: 'a:1' }, 'a0'],
      ['a', { cursor: 'a:2' }, 'a1'],
      ['a', { done: true }, 'a2'],
      ['b', { done: true }, 'b0'],
      ['c', { cursor: 'c:1' }, 'c0'],
      ['c', { done: true }, 'c1'],
    ]);
  });

  it('goes on from saved progress: done streets are skipped, a street resumes at its cursor', async () => {
    const pages: string[] = [];
    await walkStreets(
      codes,
      { a: { done: true }, c: { cursor: 'c:1' } },
      { page: pageOf, afterPage: async (_street, _progress, page) => void pages.push(page) },
    );
    expect(pages).toEqual(['b0', 'c1']);
  });

  it('starts no page once told to stop, and says it did not finish', async () => {
    const pages: string[] = [];
    let budget = 2;
    const finished = await walkStreets(
      codes,
      {},
      { page: pageOf, stop: () => budget-- <= 0, afterPage: async (_street, _progress, page) => void pages.push(page) },
    );
    expect(finished).toBe(false);
    expect(pages).toEqual(['a0', 'a1']);
  });

  it('walks several streets at once, each street still in order', async () => {
    const seen: string[] = [];
    await walkStreets(codes, {}, { page: pageOf, streetsAtOnce: 3, afterPage: async (_street, _progress, page) => void seen.push(page) });
    expect([...seen].sort()).toEqual(['a0', 'a1', 'a2', 'b0', 'c0', 'c1']);
    for (const street of codes) {
      const own = seen.filter((page) => page.startsWith(street));
      expect(own).toEqual([...own].sort());
    }
  });
});
