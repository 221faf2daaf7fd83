/**
 * The stream consumers and scheduled jobs of FUNCTIONS, built for this machine with the same
 * factories their Lambda entry points use. The local system runs them; `npm run streams:redrive`
 * runs failed stream records through the same consumers.
 */
import { randomUUID } from 'node:crypto';
import type { AccessGuard } from './access-guard';
import { FUNCTIONS, type ScheduledFunction, type StreamFunction } from '../../functions/src/lambdas';
import type { ChunkResult, MetricWriter } from '../../functions/src/lib/jobs';
import type { ObjectStore } from '../../functions/src/lib/object-store';
import type { SubscribeMessageSender } from '../../functions/src/lib/subscribe-messages';
import type { BaseDeps } from '../../functions/src/store/runtime';
import { createTableEventsHandler } from '../../functions/src/entries/table-events';
import { createImportJobsHandler } from '../../functions/src/sources/import-job-handler';
import type { ImportJobTiming } from '../../functions/src/sources/import-job-lease';
import { createAutoCloseHandler } from '../../functions/src/complaints/auto-close-handler';
import { createRescoreHandler, type RescoreChunk } from '../../functions/src/sources/rescore-handler';
import { createImportWatchdogHandler } from '../../functions/src/sources/import-watchdog-handler';
import type { StreamHandler } from './stream-runner';

export interface BackgroundDeps extends BaseDeps {
  objects: ObjectStore;
  /** How subscribe messages go out; the development sender (it logs) when absent. */
  subscribeMessages?: SubscribeMessageSender;
  /** Import job heartbeat and staleness (tests shorten them). */
  importJobTiming?: ImportJobTiming;
  /** Gives each function a table client and object store that refuse what its grants do not allow (the local system's); `db` and `objects` as they are when absent. */
  guard?: AccessGuard;
  /** Where the scheduled jobs' heartbeats go; nowhere by default (there is no CloudWatch here). */
  metrics?: MetricWriter;
}

export const STREAM_FUNCTIONS = FUNCTIONS.filter((fn): fn is StreamFunction => fn.trigger === 'table-stream');
export const SCHEDULED_FUNCTIONS = FUNCTIONS.filter((fn): fn is ScheduledFunction => fn.trigger === 'schedule');

const forFunction = (deps: BackgroundDeps, name: string) => ({
  ...deps,
  db: deps.guard ? deps.guard.tableFor(name, deps.db) : deps.db,
  objects: deps.guard ? deps.guard.objectsFor(name, deps.objects) : deps.objects,
  logger: deps.logger.child({ service: name }),
});

/** Every stream function's handler, by name. */
export function streamConsumers(deps: BackgroundDeps): Record<string, StreamHandler> {
  const consumers: Record<string, StreamHandler> = {
    tableEvents: createTableEventsHandler(forFunction(deps, 'tableEvents'), deps.subscribeMessages),
    importJobs: createImportJobsHandler({ ...forFunction(deps, 'importJobs'), timing: deps.importJobTiming }),
  };
  return checkedAgainst(STREAM_FUNCTIONS, consumers);
}

/**
 * A chunked job's run, as its state machine drives it in AWS: invoked with what the last invocation
 * returned until that says done (here without a time limit, so usually at once).
 */
async function untilDone<T extends ChunkResult>(invoke: (input: T | undefined) => Promise<T>): Promise<T> {
  let result = await invoke(undefined);
  while (!result.done) result = await invoke(result);
  return result;
}

/** Every scheduled function's run, by name. */
export function scheduledJobs(deps: BackgroundDeps) {
  const forJob = (name: string) => ({ ...forFunction(deps, name), metrics: deps.metrics ?? (() => undefined) });
  const autoClose = createAutoCloseHandler(forJob('autoClose'));
  const rescore = createRescoreHandler(forJob('rescoreSources'));
  const watchdog = createImportWatchdogHandler({ ...forJob('importWatchdog'), timing: deps.importJobTiming });
  const jobs = {
    autoClose: () => autoClose({}, { awsRequestId: randomUUID() }),
    rescoreSources: () => untilDone<RescoreChunk>((input) => rescore(input, { awsRequestId: randomUUID() })),
    importWatchdog: () => watchdog({}, { awsRequestId: randomUUID() }),
  };
  return checkedAgainst(SCHEDULED_FUNCTIONS, jobs);
}

/** A function declared in FUNCTIONS without a local build (or the reverse) is a mistake found at start. */
function checkedAgainst<T extends Record<string, unknown>>(specs: ReadonlyArray<{ name: string }>, built: T): T {
  const declared = specs.map((spec) => spec.name).sort();
  const local = Object.keys(built).sort();
  if (declared.join() !== local.join()) throw new Error(`Local background functions (${local.join(', ')}) differ from FUNCTIONS (${declared.join(', ')})`);
  return built;
}
