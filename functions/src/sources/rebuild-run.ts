/**
 * The scheduled score rebuild in chunks that fit a Lambda invocation however large the district: a
 * run item in the table holds each street's cursor and the counts so far. Each invocation opens the
 * run, walks on from the saved cursors, saves after every page, and stops between pages once less
 * than its reserve of time is left; the next invocation (the state machine's next turn) goes on from
 * there. So a chunk delivered again (a retry, a duplicate start) redoes no finished page, and at most
 * the page a crash interrupted is done twice (rescoring is idempotent). Opening the run moves its
 * version and every save is conditional on it, so of two invocations on one run the newer one carries
 * on and the older stops at its next save.
 */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';
import { stripKeys, unlessConditionFails } from '../store/operations';
import type { PageReport } from './rebuild';
import { type StreetProgress, walkStreets } from './street-walk';

export interface RebuildRun {
  runId: string;
  districtCode: string;
  status: 'running' | 'done';
  startedAt: string;
  finishedAt?: string;
  /** Each street's progress by street code; a street not listed has not begun. */
  streets: Record<string, StreetProgress>;
  /** Sources read so far, how many were due and rescored, and how many of those changed. */
  sources: number;
  rescored: number;
  changed: number;
  /** Invocations that opened the run (its chunks, and any delivered again). */
  invocations: number;
  /** Moves with every write; each write expects the version its invocation last saw. */
  version: number;
}

/** Another invocation opened the run since this one did: this one must stop. */
export class RunTakenOverError extends Error {
  constructor(run: Pick<RebuildRun, 'runId' | 'version'>) {
    super(`Score rebuild run ${run.runId} was opened by a newer invocation (this one held version ${run.version})`);
  }
}

/** Finished runs stay a month for inspection, then expire. */
const RUN_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** `#a`-style names for every attribute an expression mentions (some, like `status`, are reserved words). */
const names = (...attributes: string[]) => Object.fromEntries(attributes.map((attribute) => [`#${attribute}`, attribute]));

export class RebuildRunRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Opens a run for one invocation, creating it on the first; the version moves, so an older invocation still at work stops. */
  async begin(runId: string, districtCode: string, now: Date): Promise<RebuildRun> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.rebuildRun(runId),
        UpdateExpression:
          'SET #entity = if_not_exists(#entity, :entity), #runId = :runId, #districtCode = if_not_exists(#districtCode, :districtCode), ' +
          '#status = if_not_exists(#status, :running), #startedAt = if_not_exists(#startedAt, :now), #streets = if_not_exists(#streets, :none), ' +
          '#sources = if_not_exists(#sources, :zero), #rescored = if_not_exists(#rescored, :zero), #changed = if_not_exists(#changed, :zero), #version = if_not_exists(#version, :zero) + :one, ' +
          '#expiresAt = if_not_exists(#expiresAt, :expiresAt) ADD #invocations :one',
        ExpressionAttributeNames: names(
          'entity',
          'runId',
          'districtCode',
          'status',
          'startedAt',
          'streets',
          'sources',
          'rescored',
          'changed',
          'version',
          'expiresAt',
          'invocations',
        ),
        ExpressionAttributeValues: {
          ':entity': 'ScoreRebuildRun',
          ':runId': runId,
          ':districtCode': districtCode,
          ':running': 'running',
          ':now': now.toISOString(),
          ':none': {},
          ':zero': 0,
          ':one': 1,
          ':expiresAt': Math.floor(now.getTime() / 1000) + RUN_RETENTION_SECONDS,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stripKeys<RebuildRun>(Attributes ?? {});
  }

  async get(runId: string): Promise<RebuildRun | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.rebuildRun(runId), ConsistentRead: true }));
    return Item ? stripKeys<RebuildRun>(Item) : undefined;
  }

  /** Saves where a street stands after a page and what the page did, in one write. */
  checkpoint(run: RebuildRun, streetCode: string, progress: StreetProgress, page: PageReport): Promise<RebuildRun> {
    const attributeNames = { ...names('streets', 'sources', 'rescored', 'changed'), '#street': streetCode };
    return this.update(
      run,
      'SET #streets.#street = :progress, #version = :next ADD #sources :sources, #rescored :rescored, #changed :changed',
      attributeNames,
      {
        ':progress': progress,
        ':sources': page.sources,
        ':rescored': page.rescored,
        ':changed': page.changed,
      },
    );
  }

  /** Every street is done. */
  finish(run: RebuildRun, now: Date): Promise<RebuildRun> {
    return this.update(run, 'SET #status = :done, #finishedAt = :now, #version = :next', names('status', 'finishedAt'), {
      ':done': 'done',
      ':now': now.toISOString(),
    });
  }

  /** An update on condition that the run is at the version this invocation last saw; throws RunTakenOverError otherwise. */
  private async update(run: RebuildRun, expression: string, attributeNames: Record<string, string>, values: Record<string, unknown>): Promise<RebuildRun> {
    const answer = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.rebuildRun(run.runId),
          UpdateExpression: expression,
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { ...attributeNames, ...names('version') },
          ExpressionAttributeValues: { ...values, ':version': run.version, ':next': run.version + 1 },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (!answer) throw new RunTakenOverError(run);
    return stripKeys<RebuildRun>(answer.Attributes ?? {});
  }
}

/** The rebuild's work on one page of one street (`rescoreStreetPage`). */
export type PageWork = (streetCode: string, cursor: string | undefined) => Promise<{ nextCursor?: string; result: PageReport }>;

/** How long the invocation has left, and how much of it to keep for the page in hand and the last save. */
export interface TimeBudget {
  remainingMs: () => number;
  reserveMs: number;
}

/**
 * Works a run on from its saved cursors until every street is done (`complete`) or less than the
 * reserve is left before a page; saves after every page, one save at a time.
 */
export async function continueRebuild(
  runs: RebuildRunRepository,
  run: RebuildRun,
  streetCodes: readonly string[],
  work: PageWork,
  budget: TimeBudget,
  streetsAtOnce = 1,
): Promise<{ run: RebuildRun; complete: boolean; pages: number }> {
  let current = run;
  let pages = 0;
  let saved: Promise<void> = Promise.resolve();
  const complete = await walkStreets(streetCodes, run.streets, {
    page: work,
    stop: () => budget.remainingMs() < budget.reserveMs,
    afterPage: (street, progress, result) => {
      // Each save expects the version the one before left, so saves of streets walked at once queue up.
      saved = saved.then(async () => {
        current = await runs.checkpoint(current, street, progress, result);
        pages++;
      });
      return saved;
    },
    streetsAtOnce,
  });
  return { run: current, complete, pages };
}
