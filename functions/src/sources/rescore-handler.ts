/**
 * The scheduled score rebuild (twice a day): rescores every source, so passing deadlines and ageing
 * facts reach the stored scores, and tells operators of items newly overdue. A run is worked in
 * chunks (rebuild-run.ts): each invocation goes on from the run's saved cursors until its time runs
 * short and returns where the run stands; until that says `done`, the state machine (in AWS) or the
 * local scheduler invokes it again with it. The invocation that finishes a run writes the job's
 * heartbeat (lib/jobs.ts).
 */
import type { Context } from 'aws-lambda';
import { ulid } from 'ulid';
import { type ChunkResult, type MetricWriter, recordJobSucceeded } from '../lib/jobs';
import { lazy, type BaseDeps } from '../store/runtime';
import { backgroundDepsFromEnv } from '../store/background-client';
import { NotificationRepository } from '../store/notifications';
import { rescoreStreetPage } from './rebuild';
import { continueRebuild, type PageWork, type RebuildRun, RebuildRunRepository, RunTakenOverError } from './rebuild-run';
import { overdueReminders } from './reminders';
import { SourceRepository } from './repository';
import { ScoreProjector } from './score-projection';
import { SourceLists } from './source-lists';

const JOB = 'rescoreSources';

/**
 * The time an invocation keeps in hand when it starts a page: a page of 200 sources, 16 at once,
 * takes seconds, and up to a few minutes only while the table throttles (the background client's
 * retries); then its progress is saved. An invocation that still runs out lands in the state
 * machine's retry, which goes on from the last save.
 */
export const RESCORE_TIME_RESERVE_MS = 120_000;

/** What starts or continues a run: a scheduled start names it after its event (so a duplicate start joins it); without a name, a new run. */
export interface RescoreInput {
  runId?: string;
}

/** Where a run stands after an invocation; the next invocation's input. */
export interface RescoreChunk extends ChunkResult, RescoreInput {
  runId: string;
  sources: number;
  rescored: number;
  changed: number;
  /** Streets not yet done. */
  streetsLeft: number;
  /** Since the run started. */
  seconds: number;
  /** A newer invocation opened the run, and carries it on: this one stopped. */
  takenOver?: boolean;
}

export interface RescoreDeps extends BaseDeps {
  /** Where the heartbeat goes (standard output in Lambda). */
  metrics?: MetricWriter;
  /** Sources per page (tests make pages small to get many). */
  pageSize?: number;
}

export function createRescoreHandler(deps: RescoreDeps) {
  const lists = new SourceLists(deps.db, deps.tableName, new SourceRepository(deps.db, deps.tableName));
  const projector = new ScoreProjector(deps.db, deps.tableName, deps.clock);
  const notifications = new NotificationRepository(deps.db, deps.tableName);
  const runs = new RebuildRunRepository(deps.db, deps.tableName);
  const streetCodes = deps.district.streets.map((street) => street.code);
  const work: PageWork = (streetCode, cursor) =>
    rescoreStreetPage(lists, projector, deps.district, { streetCode, cursor, size: deps.pageSize }, async (rescored) => {
      for (const { userId, notification } of overdueReminders(rescored, deps.clock.now())) await notifications.add(userId, notification);
    });

  const chunkOf = (run: RebuildRun): RescoreChunk => ({
    runId: run.runId,
    done: run.status === 'done',
    sources: run.sources,
    rescored: run.rescored,
    changed: run.changed,
    streetsLeft: streetCodes.filter((code) => !run.streets[code]?.done).length,
    seconds: (Date.parse(run.finishedAt ?? deps.clock.now().toISOString()) - Date.parse(run.startedAt)) / 1000,
  });

  return async (input: RescoreInput | null | undefined, context?: Pick<Context, 'awsRequestId'> & Partial<Pick<Context, 'getRemainingTimeInMillis'>>) => {
    const logger = deps.logger.child({ requestId: context?.awsRequestId });
    const opened = await runs.begin(input?.runId ?? ulid(), deps.district.code, deps.clock.now());
    if (opened.status === 'done') {
      logger.info('score rebuild run already finished; nothing to do', { runId: opened.runId });
      return chunkOf(opened);
    }
    // Lambda says how long the invocation has left; elsewhere (the local scheduler, the CLI) there is no limit.
    const remainingMs = context?.getRemainingTimeInMillis?.bind(context) ?? (() => Number.POSITIVE_INFINITY);
    try {
      const { run, complete, pages } = await continueRebuild(runs, opened, streetCodes, work, { remainingMs, reserveMs: RESCORE_TIME_RESERVE_MS });
      if (!complete) {
        // Without a page done, the next invocation would stop at the same place: fail, so the retries and then the alarm tell.
        if (pages === 0) throw new Error(`Score rebuild run ${run.runId} made no progress: less than ${RESCORE_TIME_RESERVE_MS} ms were left at its start`);
        logger.info('score rebuild continues in the next invocation', { ...chunkOf(run), pages });
        return chunkOf(run);
      }
      const finished = await runs.finish(run, deps.clock.now());
      recordJobSucceeded(JOB, deps.metrics);
      logger.info('scores rebuilt', { ...chunkOf(finished), invocations: finished.invocations });
      return chunkOf(finished);
    } catch (error) {
      if (!(error instanceof RunTakenOverError)) throw error;
      logger.warn('score rebuild run taken over by a newer invocation; this one stops', { runId: opened.runId });
      return { ...chunkOf(opened), done: true, takenOver: true };
    }
  };
}

export const handler = /* @__PURE__ */ lazy(() => createRescoreHandler(backgroundDepsFromEnv('rescore-sources')));
