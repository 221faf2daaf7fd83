/**
 * The local on-failure destination: a stream record a consumer failed past its retries becomes a
 * `StreamFailure` item in the table (AWS keeps a pointer in the consumer's SQS queue instead), listed
 * and run again by `npm run streams:redrive`. The item is written with retries on a backoff that
 * outlasts a short outage; if the table stays unreachable, the failure is appended to a file in the
 * data folder instead (and fsync'd), which the next redrive moves into the table. Either way the
 * runner moves past the record only once its failure is stored.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type Backoff, withRetries } from '../../functions/src/lib/backoff';
import type { Logger } from '../../functions/src/lib/logger';
import { keys } from '../../functions/src/store/keys';
import { queryPartition, queryPrefix, stripKeys } from '../../functions/src/store/operations';
import type { SetAside } from './stream-delivery';

export interface StreamFailure {
  /** The stream function (its name in functions/src/lambdas.ts). */
  consumer: string;
  shardId: string;
  sequenceNumber: string;
  eventName: string;
  /** The changed item's key (pk, sk): a redrive re-reads the item's current image by it. */
  itemKey: Record<string, string>;
  /** The changed item's `entity`, for the listing. */
  itemEntity?: string;
  reason: SetAside['reason'];
  attempts: number;
  error?: string;
  failedAt: string;
}

/** Retries of the failure write itself, before falling back to the file (about 30–60 s in all). */
const FAILURE_WRITE_RETRIES: Backoff = { retries: 6, firstDelayMs: 1000, maxDelayMs: 20_000 };

export const failureFileFor = (dataDir: string, tableName: string) => join(dataDir, `stream-failures-${tableName}.jsonl`);

export function toStreamFailure(consumer: string, shardId: string, { record, reason, attempts, error }: SetAside, now: Date): StreamFailure {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  return {
    consumer,
    shardId,
    sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
    eventName: record.eventName ?? 'INSERT',
    itemKey: unmarshall((record.dynamodb?.Keys ?? {}) as Record<string, AttributeValue>) as Record<string, string>,
    itemEntity: image?.entity?.S,
    reason,
    attempts,
    error,
    failedAt: now.toISOString(),
  };
}

export class StreamFailureStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The append-only file used while the table is unreachable. */
    readonly fallbackFile: string,
    private readonly logger: Logger,
    private readonly backoff: Backoff = FAILURE_WRITE_RETRIES,
  ) {}

  /** Stores a failure durably: in the table, or (table unreachable after every retry) in the file. */
  async add(failure: StreamFailure): Promise<'table' | 'file'> {
    try {
      await withRetries(this.backoff, () => this.put(failure));
      return 'table';
    } catch (error) {
      this.logger.error('stream failure not written to the table; appended to the failure file', { error, file: this.fallbackFile });
      this.append(failure);
      return 'file';
    }
  }

  /** Failures in the table, oldest first per consumer; of one consumer when named. */
  async list(consumer?: string): Promise<StreamFailure[]> {
    const items = consumer
      ? await queryPrefix(this.db, this.tableName, keys.streamFailures, keys.streamFailuresOf(consumer))
      : await queryPartition(this.db, this.tableName, keys.streamFailures);
    return items.map((item) => stripKeys<StreamFailure>(item));
  }

  async remove(failure: Pick<StreamFailure, 'consumer' | 'sequenceNumber'>): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.streamFailure(failure.consumer, failure.sequenceNumber) }));
  }

  /** Moves failures from the fallback file into the table; returns how many. The file is renamed first, so none is read twice. */
  async importFallbackFile(): Promise<number> {
    const importing = `${this.fallbackFile}.importing`;
    let moved = 0;
    // A file left by an interrupted import first, then the current one.
    if (existsSync(importing)) moved += await this.importFile(importing);
    if (existsSync(this.fallbackFile)) {
      renameSync(this.fallbackFile, importing);
      moved += await this.importFile(importing);
    }
    return moved;
  }

  private async importFile(file: string): Promise<number> {
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    for (const line of lines) await this.put(JSON.parse(line) as StreamFailure);
    unlinkSync(file);
    return lines.length;
  }

  private async put(failure: StreamFailure): Promise<void> {
    // Keyed by consumer and sequence number: storing the same failure twice keeps one item.
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.streamFailure(failure.consumer, failure.sequenceNumber), entity: 'StreamFailure', ...failure },
      }),
    );
  }

  private append(failure: StreamFailure): void {
    mkdirSync(dirname(this.fallbackFile), { recursive: true });
    const fd = openSync(this.fallbackFile, 'a');
    try {
      writeSync(fd, `${JSON.stringify(failure)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
