/**
 * What the scheduled jobs share.
 *
 * Chunks: a job whose work may outgrow one invocation (`chunked` in lambdas.ts) does what fits, saves
 * its progress in the table and returns a `ChunkResult`; until it says `done`, it is invoked again
 * with what it returned.
 *
 * The heartbeat: a job that finished its work writes one line in CloudWatch's embedded metric format
 * to its log, which CloudWatch Logs turns into a datapoint of `GreenShield/Jobs JobSucceeded`, so no
 * metrics client or permission is needed. Each job's alarm (infra/alarms.ts) treats a window without
 * one as a breach: a job that stopped running, or runs and never finishes, is noticed even when it
 * fails without a word.
 */

/** What a chunked job's invocation returns; the whole of it is the next invocation's input. */
export interface ChunkResult {
  done: boolean;
}

export const JOB_HEARTBEAT = {
  namespace: 'GreenShield/Jobs',
  metricName: 'JobSucceeded',
  /** The Lambda function's name: unique per deployed stage, so stages sharing an account never mask each other. */
  dimension: 'Function',
} as const;

/** Where metric lines go: standard output in Lambda (the log CloudWatch reads); tests collect them. */
export type MetricWriter = (line: string) => void;

export const writeToStdout: MetricWriter = (line) => process.stdout.write(`${line}\n`);

/** The heartbeat line of `job` (the function's name in Lambda, the spec's name elsewhere). */
export function jobSucceededLine(functionName: string, job: string, at: Date): string {
  return JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        { Namespace: JOB_HEARTBEAT.namespace, Dimensions: [[JOB_HEARTBEAT.dimension]], Metrics: [{ Name: JOB_HEARTBEAT.metricName, Unit: 'Count' }] },
      ],
    },
    [JOB_HEARTBEAT.dimension]: functionName,
    job,
    [JOB_HEARTBEAT.metricName]: 1,
  });
}

/** Records that `job` finished its work now. The timestamp is the wall clock's: CloudWatch refuses datapoints far from it. */
export function recordJobSucceeded(job: string, write: MetricWriter = writeToStdout): void {
  write(jobSucceededLine(process.env.AWS_LAMBDA_FUNCTION_NAME ?? job, job, new Date()));
}
