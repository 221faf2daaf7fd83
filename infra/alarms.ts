/**
 * Every alarm's threshold and evaluation, declared once with the reason for its numbers. The stack
 * builds its alarms from this table (constructs/monitoring.ts), docs/runbook.md says what each one
 * means and what to do, and test/infra checks the template against it. Most alarm on a rate or on
 * several periods in a row; the few that fire on a single event say why one event matters.
 */
import { Duration } from 'aws-cdk-lib';

export interface AlarmRule {
  /** The statistic of each period (`Sum`, `Maximum`, `p99`). */
  statistic: string;
  period: Duration;
  /** Breaching at or above the threshold, or (heartbeats) below it. */
  comparison: 'atLeast' | 'below';
  threshold: number;
  /** Alarms when `datapointsToAlarm` of the last `evaluationPeriods` periods breach. */
  evaluationPeriods: number;
  datapointsToAlarm: number;
  /** A period without data means nothing happened (`notBreaching`), or that the expected signal is missing (`breaching`). */
  missingData: 'notBreaching' | 'breaching';
  /** Rates only: a period with fewer requests is not judged. */
  minimumRequests?: number;
  /** Why these numbers; a single-event alarm says why one event matters. Becomes the alarm's description. */
  why: string;
}

const FIVE_MINUTES = Duration.minutes(5);

export const ALARM_RULES = {
  /** 5xx answers as a percentage of requests (metric math), judged only when a period has enough requests. */
  apiServerErrorRate: {
    statistic: 'Sum',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: 5,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    missingData: 'notBreaching',
    minimumRequests: 10,
    why:
      'The functions answer every known failure with a 4xx, so a 5xx is a crash, a timeout or API Gateway failing to reach a function. ' +
      '5 % of requests in two of three 5-minute periods is a broken deployment or a dependency down, not one unlucky request; ' +
      'a period with fewer than 10 requests is not judged (one failure in three requests would be 33 %).',
  },
  apiLatencyP99: {
    statistic: 'p99',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: Duration.seconds(3).toMilliseconds(),
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    missingData: 'notBreaching',
    why:
      'Residents on phones give up after a few seconds. Cold starts lift a single period; a p99 of 3 s or more for 15 minutes is a slow ' +
      'dependency (a throttled table, an SMS provider) or an undersized function. Periods with too few requests for a p99 are not judged.',
  },
  httpFunctionErrors: {
    statistic: 'Sum',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: 5,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    missingData: 'notBreaching',
    why:
      'The handlers turn every known failure into an API answer, so a Lambda error of an API function is a crash or a timeout. A lone ' +
      'timeout in a burst of cold starts is noise; 5 or more in two of three 5-minute periods is a fault someone must look at.',
  },
  streamFunctionErrors: {
    statistic: 'Sum',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: 3,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    missingData: 'notBreaching',
    why:
      'A failing batch is retried, halved to isolate the record, and what still fails goes to the on-failure queue (alarmed on its own). ' +
      'Errors in every 5-minute period for 15 minutes mean the consumer keeps failing: a poison record being retried, or the table unreachable.',
  },
  scheduledFunctionErrors: {
    statistic: 'Sum',
    period: Duration.minutes(15),
    comparison: 'atLeast',
    threshold: 3,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    missingData: 'notBreaching',
    why:
      'A failed run is retried twice (Lambda, or the state machine of a chunked job): 3 errors within 15 minutes are a run that failed with ' +
      'its retries, or runs failing in a row. The job’s heartbeat alarm says so too, later; this one says it sooner.',
  },
  functionThrottles: {
    statistic: 'Sum',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: 10,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    missingData: 'notBreaching',
    why:
      'A function is throttled at its reserved concurrency or the account’s limit: callers get errors, stream batches wait. A burst when a ' +
      'notice goes out is absorbed by retries; 10 or more in two of three 5-minute periods means the cap is too low for the load.',
  },
  tableThrottles: {
    statistic: 'Sum',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: 20,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    missingData: 'notBreaching',
    why:
      'An on-demand table throttles only past a partition’s throughput (a hot key) or a jump beyond twice its previous peak. The SDK ' +
      'retries throttled requests (background work for about 15 s), so a few are absorbed; 20 in two of three periods reach users.',
  },
  tableSystemErrors: {
    statistic: 'Sum',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: 5,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    missingData: 'notBreaching',
    why: 'Internal errors of DynamoDB itself, retried by the SDK; 5 or more in two of three 5-minute periods is a service event (see AWS Health).',
  },
  deadLetterQueue: {
    statistic: 'Maximum',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: 1,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    missingData: 'notBreaching',
    why:
      'One message matters: each is work that failed every retry (a notification never sent, a score or import left behind, a scheduled run ' +
      'that never started), and a table-stream pointer in it can be read for 24 hours only. Redrive it the same day (docs/runbook.md).',
  },
  jobExecutionsFailed: {
    statistic: 'Sum',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: 1,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    missingData: 'notBreaching',
    why:
      'One failed execution matters: it fails only once the retries of a chunk gave up (or it timed out), so that run of the job will not ' +
      'finish by itself, like a dead-letter message.',
  },
} as const satisfies Record<string, AlarmRule>;

/**
 * How far behind each table-stream consumer may fall (`IteratorAge`, the age of the records it was
 * last given), by function name.
 */
export const ITERATOR_AGE_RULES: Record<string, AlarmRule> = {
  tableEvents: {
    statistic: 'Maximum',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: Duration.minutes(5).toMilliseconds(),
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    missingData: 'notBreaching',
    why: 'Notifications and rescoring 5 minutes or more behind for 10 minutes: the consumer keeps failing or cannot keep up.',
  },
  importJobs: {
    statistic: 'Maximum',
    period: FIVE_MINUTES,
    comparison: 'atLeast',
    threshold: Duration.minutes(30).toMilliseconds(),
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    missingData: 'notBreaching',
    why:
      'One import run holds its consumer for up to 15 minutes, so the records behind it wait, and the metric comes only with each run. ' +
      'A record 30 minutes old means imports queue behind a stuck job, or the consumer keeps failing.',
  },
};

/**
 * The heartbeat of each scheduled job (`JobSucceeded`, lib/jobs.ts), by function name: no datapoint
 * in a window longer than the job's period plus its run time is a breach. CloudWatch looks back one
 * day at most (periods × evaluation periods ≤ 24 h), which is why no job may run less often than
 * twice a day.
 */
export const HEARTBEAT_RULES: Record<string, AlarmRule> = {
  rescoreSources: {
    statistic: 'Sum',
    period: Duration.hours(1),
    comparison: 'below',
    threshold: 1,
    evaluationPeriods: 20,
    datapointsToAlarm: 20,
    missingData: 'breaching',
    why:
      'Runs every 12 hours: 20 hours without a finished run means a run was missed, or never finished (its retries gave up, or it still ' +
      'runs). Healthy runs finish about 12 hours apart, well inside.',
  },
  autoClose: {
    statistic: 'Sum',
    period: Duration.hours(1),
    comparison: 'below',
    threshold: 1,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    missingData: 'breaching',
    why:
      'Runs hourly: 3 hours without a finished run are two runs missed in a row. A complaint closing itself a few hours late is harmless ' +
      '(its window is 7 days), so one missed run is not worth waking anyone.',
  },
  importWatchdog: {
    statistic: 'Sum',
    period: FIVE_MINUTES,
    comparison: 'below',
    threshold: 1,
    evaluationPeriods: 4,
    datapointsToAlarm: 4,
    missingData: 'breaching',
    why: 'Runs every 5 minutes: 20 minutes without a run means stalled imports are no longer failed, and officers watch a job that never moves.',
  },
};

/** The longest window CloudWatch evaluates (periods × evaluation periods), in every partition. */
export const MAX_ALARM_WINDOW = Duration.days(1);

/** Why a rule cannot work as declared, or undefined: its window fits CloudWatch, and a heartbeat's outlasts its job's period. */
export function ruleProblem(rule: AlarmRule, jobPeriod?: Duration): string | undefined {
  const window = rule.period.toSeconds() * rule.evaluationPeriods;
  if (rule.datapointsToAlarm > rule.evaluationPeriods) return 'needs more datapoints than it evaluates';
  if (window > MAX_ALARM_WINDOW.toSeconds()) return `looks back ${window / 3600} hours; CloudWatch evaluates at most 24`;
  if (jobPeriod && rule.datapointsToAlarm * rule.period.toSeconds() <= jobPeriod.toSeconds())
    return `alarms within ${window / 60} minutes, no longer than the job's period of ${jobPeriod.toMinutes()} minutes: every healthy gap would breach`;
  return undefined;
}
