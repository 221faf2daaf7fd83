/**
 * How the local stream runner hands one shard's records to a consumer, with the failure semantics
 * of Lambda's event-source mapping as declared in functions/src/lambdas.ts: batches in order; a
 * record the consumer reports failed is retried from there (the records before it are done); an
 * invocation that fails outright has its batch halved until the failing record is alone; a record
 * that still fails after `retryAttempts` retries, or is older than `maxRecordAgeSeconds`, is set
 * aside (the on-failure destination). Unlike Lambda, every retry and split waits on a backoff
 * schedule, so a short outage of the table does not use up the retries within milliseconds.
 * No I/O of its own: the runner passes the consumer, the failure sink, the checkpoint and the clock.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { type Backoff, retryDelayMs } from '../../functions/src/lib/backoff';
import type { StreamFunction } from '../../functions/src/lambdas';

export type DeliveryPolicy = Pick<StreamFunction, 'batchSize' | 'retryAttempts' | 'bisectBatchOnError' | 'maxRecordAgeSeconds'> & {
  /** The waits between attempts (its `retries` is ignored: `retryAttempts` counts them). */
  backoff: Omit<Backoff, 'retries'>;
};

export interface SetAside {
  record: DynamoDBRecord;
  reason: 'retries-exhausted' | 'too-old';
  /** Invocations that included the record and failed on it. */
  attempts: number;
  error?: string;
}

export interface DeliveryPorts {
  /** Invokes the consumer; a throw is a failed invocation (the whole batch failed). */
  invoke(batch: DynamoDBRecord[]): Promise<DynamoDBBatchResponse | undefined>;
  /** Stores a record that cannot be processed; resolves once it is stored durably. */
  setAside(failure: SetAside): Promise<void>;
  /** Every record up to and including this one is handled (processed or set aside). */
  handled(record: DynamoDBRecord): void;
  sleep(ms: number): Promise<void>;
  nowMs(): number;
  /** Checked between attempts: when true, delivery stops and the rest is redelivered next time. */
  stopped(): boolean;
}

const ageSeconds = (record: DynamoDBRecord, nowMs: number) => nowMs / 1000 - (record.dynamodb?.ApproximateCreationDateTime ?? nowMs / 1000);

/** Delivers `records` (one shard's, in order) and returns when each is handled, or when stopped. */
export async function deliverInOrder(records: readonly DynamoDBRecord[], policy: DeliveryPolicy, ports: DeliveryPorts): Promise<void> {
  let pending = records;
  let window = policy.batchSize;
  let failures = 0;
  let lastError: string | undefined;
  /** The last record of a batch being halved: full batches resume once it is handled. */
  let halvingUntil: DynamoDBRecord | undefined;
  const moveOn = (count: number) => {
    if (count > 0) ports.handled(pending[count - 1]);
    pending = pending.slice(count);
    if (halvingUntil && !pending.includes(halvingUntil)) {
      halvingUntil = undefined;
      window = policy.batchSize;
    }
  };
  const setAside = async (reason: SetAside['reason']) => {
    await ports.setAside({ record: pending[0], reason, attempts: failures, error: lastError });
    moveOn(1);
    failures = 0;
    lastError = undefined;
  };

  while (pending.length > 0 && !ports.stopped()) {
    if (ageSeconds(pending[0], ports.nowMs()) > policy.maxRecordAgeSeconds) {
      await setAside('too-old');
      continue;
    }
    const batch = pending.slice(0, window);
    let failedAt: number;
    let invocationFailed = false;
    try {
      const reported = (await ports.invoke(batch))?.batchItemFailures?.[0]?.itemIdentifier;
      // An identifier that names no record of the batch fails the whole batch, as in Lambda.
      failedAt =
        reported === undefined
          ? -1
          : Math.max(
              0,
              batch.findIndex((record) => record.dynamodb?.SequenceNumber === reported),
            );
      if (failedAt >= 0) lastError = 'the consumer reported the record as failed';
    } catch (error) {
      invocationFailed = true;
      failedAt = 0;
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (failedAt === -1) {
      moveOn(batch.length);
      failures = 0;
      lastError = undefined;
      continue;
    }
    if (failedAt > 0) {
      // Progress: the records before the failed one are done, and the failed one starts its count.
      moveOn(failedAt);
      failures = 0;
    }
    const backoff = { ...policy.backoff, retries: policy.retryAttempts };
    if (invocationFailed && policy.bisectBatchOnError && batch.length > 1) {
      // Halving is not a retry of the failing record: its retries start once it is alone.
      halvingUntil ??= batch[batch.length - 1];
      window = Math.ceil(batch.length / 2);
      await ports.sleep(retryDelayMs(backoff, 1));
      continue;
    }
    failures++;
    if (failures > policy.retryAttempts) {
      await setAside('retries-exhausted');
      continue;
    }
    await ports.sleep(retryDelayMs(backoff, failures));
  }
}
