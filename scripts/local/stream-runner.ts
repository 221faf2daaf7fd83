/**
 * Feeds the table's stream to the consumer the way Lambda's event-source mapping does: batches in
 * order per shard, partial-batch failures retried from the failed record, and a record that keeps
 * failing set aside (locally: logged) after the configured retries.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Logger } from '../../functions/src/lib/logger';

export interface StreamRunnerOptions {
  endpoint: string;
  streamArn: string;
  handler: (event: DynamoDBStreamEvent, context: { awsRequestId: string }) => Promise<DynamoDBBatchResponse | undefined>;
  batchSize: number;
  retryAttempts: number;
  /** The event-source filter: only these record kinds are delivered… */
  eventNames: ReadonlyArray<string>;
  /** …of items with one of these `entity` values in their new image. */
  entities: readonly string[];
  logger: Logger;
  /** Where to remember the last processed record of each shard across restarts. */
  checkpointFile?: string;
  pollMs?: number;
}

function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
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

export function startStreamRunner(options: StreamRunnerOptions): { stop(): Promise<void> } {
  const client = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: process.env.AWS_REGION ?? 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const checkpoints: Record<string, string> = readCheckpoints(options.checkpointFile);
  const iterators = new Map<string, string | null>();
  let running = true;
  let lastDescribe = 0;

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

  async function deliver(shardId: string, records: DynamoDBRecord[]): Promise<void> {
    let pending = records;
    let attempts = 0;
    while (pending.length) {
      const batch = pending.slice(0, options.batchSize);
      let failedAt = -1;
      try {
        const result = await options.handler({ Records: batch }, { awsRequestId: randomUUID() });
        const failed = result?.batchItemFailures?.[0]?.itemIdentifier;
        failedAt = failed ? batch.findIndex((record) => record.dynamodb?.SequenceNumber === failed) : -1;
      } catch (error) {
        options.logger.error('stream consumer threw', { error });
        failedAt = 0;
      }
      if (failedAt === -1) {
        pending = pending.slice(batch.length);
        attempts = 0;
      } else if (++attempts > options.retryAttempts) {
        options.logger.error('stream record failed after retries; set aside as a dead letter', { sequenceNumber: batch[failedAt].dynamodb?.SequenceNumber });
        pending = pending.slice(failedAt + 1);
        attempts = 0;
      } else {
        pending = pending.slice(failedAt);
        continue;
      }
      const last = records[records.length - pending.length - 1];
      if (last?.dynamodb?.SequenceNumber) checkpoints[shardId] = last.dynamodb.SequenceNumber;
    }
    writeCheckpoints(options.checkpointFile, checkpoints);
  }

  async function pollOnce(): Promise<void> {
    if (Date.now() - lastDescribe > 2000) {
      await refreshShards();
      lastDescribe = Date.now();
    }
    for (const [shardId, iterator] of iterators) {
      if (!iterator) continue;
      const { Records, NextShardIterator } = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      iterators.set(shardId, NextShardIterator ?? null);
      const wanted = (Records ?? []).filter(
        (record) => options.eventNames.includes(record.eventName ?? '') && options.entities.includes(record.dynamodb?.NewImage?.entity?.S ?? ''),
      );
      if (wanted.length)
        await deliver(
          shardId,
          wanted.map((record) => toLambdaRecord(record, options.streamArn)),
        );
      else if (Records?.length) checkpoints[shardId] = Records[Records.length - 1].dynamodb!.SequenceNumber!;
    }
  }

  const loop = (async () => {
    while (running) {
      try {
        await pollOnce();
      } catch (error) {
        options.logger.warn('stream poll failed', { error });
        iterators.clear();
        lastDescribe = 0;
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
    }
  })();

  return {
    stop: async () => {
      running = false;
      await loop;
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

function writeCheckpoints(file: string | undefined, checkpoints: Record<string, string>): void {
  if (file) writeFileSync(file, JSON.stringify(checkpoints));
}
