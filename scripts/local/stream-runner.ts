/**
 * Feeds the table's stream to one consumer the way its Lambda event-source mapping does: the
 * consumer's filter, batches in order per shard, and the failure semantics declared with the
 * function in functions/src/lambdas.ts (stream-delivery.ts), with a backoff between retries. A
 * record that keeps failing is stored as a `StreamFailure` item (stream-failures.ts) before the
 * runner moves past it. The position in each shard is kept in a checkpoint file (written to a
 * temporary file, fsync'd, then renamed over the old one, so a crash leaves the old or the new
 * checkpoint, never a torn one); without a checkpoint the runner starts at the trim horizon.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Backoff } from '../../functions/src/lib/backoff';
import type { StreamFunction } from '../../functions/src/lambdas';
import type { Logger } from '../../functions/src/lib/logger';
import { deliverInOrder } from './stream-delivery';
import { type StreamFailureStore, toStreamFailure } from './stream-failures';

export type StreamHandler = (event: DynamoDBStreamEvent, context: { awsRequestId: string }) => Promise<DynamoDBBatchResponse | undefined>;

/** Waits between retries of a failing record: 4, 8, 16 s… (half of each random), about 14–28 s over three retries. */
export const RUNNER_BACKOFF: Omit<Backoff, 'retries'> = { firstDelayMs: 4000, maxDelayMs: 30_000 };

export interface StreamRunnerOptions {
  endpoint: string;
  streamArn: string;
  spec: StreamFunction;
  handler: StreamHandler;
  failures: StreamFailureStore;
  logger: Logger;
  /** Where to remember the last handled record of each shard across restarts. */
  checkpointFile?: string;
  backoff?: Omit<Backoff, 'retries'>;
  pollMs?: number;
}

export interface StreamRunner {
  /** Resolves once the runner has handled every record written before the call. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export const checkpointFileFor = (dataDir: string, tableName: string, consumer: string) => join(dataDir, `stream-checkpoints-${tableName}-${consumer}.json`);

/** The consumer's event-source filters (record kind, and the new image's entity and status; the entities also taken modified). */
export function passesFilter(spec: Pick<StreamFunction, 'eventNames' | 'entities' | 'statuses' | 'alsoModified'>, record: StreamRecord): boolean {
  const image = record.dynamodb?.NewImage;
  const entity = image?.entity?.S ?? '';
  return (
    ((spec.eventNames as readonly string[]).includes(record.eventName ?? '') &&
      spec.entities.includes(entity) &&
      (!spec.statuses || spec.statuses.includes(image?.status?.S ?? ''))) ||
    (record.eventName === 'MODIFY' && (spec.alsoModified ?? []).includes(entity))
  );
}

export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const change = record.dynamodb!;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: change.ApproximateCreationDateTime ? change.ApproximateCreationDateTime.getTime() / 1000 : undefined,
      Keys: change.Keys as never,
      NewImage: change.NewImage as never,
      OldImage: change.OldImage as never,
      SequenceNumber: change.SequenceNumber,
      SizeBytes: change.SizeBytes,
      StreamViewType: change.StreamViewType as never,
    },
  };
}

export function startStreamRunner(options: StreamRunnerOptions): StreamRunner {
  const { spec, logger } = options;
  const client = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: process.env.AWS_REGION ?? 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const checkpoints: Record<string, string> = readCheckpoints(options.checkpointFile);
  const iterators = new Map<string, string | null>();
  const stopping = new AbortController();
  let waiters: Array<() => void> = [];
  let lastDescribe = 0;

  /** A wait that stopping the runner cuts short. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      stopping.signal.addEventListener('abort', wake);
    });

  async function refreshShards(): Promise<void> {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: options.streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId!;
      if (iterators.has(id)) continue;
      const after = checkpoints[id];
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: options.streamArn,
          ShardId: id,
          ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      iterators.set(id, ShardIterator ?? null);
    }
  }

  function deliver(shardId: string, records: DynamoDBRecord[]): Promise<void> {
    return deliverInOrder(
      records,
      { ...spec, backoff: options.backoff ?? RUNNER_BACKOFF },
      {
        invoke: (batch) => options.handler({ Records: batch }, { awsRequestId: randomUUID() }),
        setAside: async (failure) => {
          const where = await options.failures.add(toStreamFailure(spec.name, shardId, failure, new Date()));
          logger.error('stream record failed past its retries; stored as a stream failure (npm run streams:redrive)', {
            sequenceNumber: failure.record.dynamodb?.SequenceNumber,
            reason: failure.reason,
            attempts: failure.attempts,
            where,
          });
        },
        handled: (record) => {
          checkpoints[shardId] = record.dynamodb!.SequenceNumber!;
        },
        sleep,
        nowMs: Date.now,
        stopped: () => stopping.signal.aborted,
      },
    );
  }

  /** Reads each shard once; returns whether any shard had records. */
  async function pollOnce(): Promise<boolean> {
    if (Date.now() - lastDescribe > 2000) {
      await refreshShards();
      lastDescribe = Date.now();
    }
    let sawRecords = false;
    for (const [shardId, iterator] of iterators) {
      if (!iterator) continue;
      const { Records = [], NextShardIterator } = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      if (Records.length === 0) {
        iterators.set(shardId, NextShardIterator ?? null);
        continue;
      }
      sawRecords = true;
      const wanted = Records.filter((record) => passesFilter(spec, record)).map((record) => toLambdaRecord(record, options.streamArn));
      await deliver(shardId, wanted);
      if (stopping.signal.aborted) return sawRecords;
      // Records the filter dropped are handled too.
      checkpoints[shardId] = Records[Records.length - 1].dynamodb!.SequenceNumber!;
      writeCheckpoints(options.checkpointFile, checkpoints);
      iterators.set(shardId, NextShardIterator ?? null);
    }
    return sawRecords;
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const waiting = waiters;
      waiters = [];
      try {
        // A poll that found no record at all means everything written before it is handled.
        const sawRecords = await pollOnce();
        if (sawRecords) waiters.push(...waiting);
        else for (const resolve of waiting) resolve();
      } catch (error) {
        waiters.push(...waiting);
        logger.warn('stream poll failed', { error });
        // Read again from the last handled record of each shard.
        writeCheckpoints(options.checkpointFile, checkpoints);
        iterators.clear();
        lastDescribe = 0;
      }
      await sleep(options.pollMs ?? 200);
    }
  })();

  return {
    caughtUp: () => new Promise<void>((resolve) => waiters.push(resolve)),
    stop: async () => {
      stopping.abort();
      await loop;
      writeCheckpoints(options.checkpointFile, checkpoints);
      for (const resolve of waiters) resolve();
      client.destroy();
    },
  };
}

function readCheckpoints(file: string | undefined): Record<string, string> {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Write, fsync, rename: the checkpoint file is always a whole one. */
function writeCheckpoints(file: string | undefined, checkpoints: Record<string, string>): void {
  if (!file) return;
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, JSON.stringify(checkpoints));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
