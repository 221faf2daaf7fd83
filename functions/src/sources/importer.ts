/**
 * Commits parsed import rows: new credit codes become new sources, known ones update their source
 * (only when something changed), bad rows are reported and skipped — valid rows of a file with some
 * bad rows ARE committed. A dry run reports the same counts and writes nothing.
 *
 * A run can resume an interrupted one (import jobs): it skips the rows the cursor says were
 * committed, and leaves alone every source changed since the job first started — the interrupted run
 * wrote it after its last cursor, or an officer edited it since, and an officer's edit is newer than
 * the list. Nothing a resumed run does reverts a later edit.
 */
import { IMPORT_LIMITS, type ImportLimits } from '@green-shield/shared/api/limits';
import type { ImportReportT, ImportRowErrorT, SourceInputT } from '@green-shield/shared/api/source-schemas';
import { findStreet, type DistrictConfig } from '@green-shield/shared/districts/district';
import { toWgs84 } from '@green-shield/shared/geo/coordinates';
import type { Clock } from '../lib/clock';
import { inPool } from '../lib/pool';
import type { ParsedRow } from './import/types';
import { type ChunkOutcome, CommittedPrefix, EMPTY_CURSOR, type ImportCursor } from './import-job-lease';
import type { SourceRecord } from './records';
import type { SourceRepository } from './repository';
import { changeEvent, newSourceRecord } from './registration';

export interface ImportOptions {
  dryRun: boolean;
  actorId: string;
  onProgress?: (done: number, total: number) => void;
  /** Each bad row's errors as the file is checked (the CLI prints every one; the report keeps the first). */
  onRowErrors?: (errors: ImportRowErrorT[]) => void;
  /** Resuming an interrupted run: where it stopped, and when the job first started. */
  resume?: { cursor: ImportCursor; startedAt: string };
  /** Called (in order, awaited) each time the committed prefix grows. */
  onCommitted?: (cursor: ImportCursor) => Promise<void>;
  /** Called before each chunk; throws to stop the run (the job was taken from it). */
  beforeChunk?: () => void;
  limits?: Pick<ImportLimits, 'reportedErrors'>;
}

/** The file's rows, read anew on each call: an import reads its file twice. */
export type ImportRows = () => AsyncIterable<ParsedRow>;

/** Rows looked up together (one BatchGet of credit codes, one of sources). */
export const IMPORT_CHUNK_ROWS = 99;
/** Chunks in flight at once. */
const CONCURRENCY = 8;

/**
 * Imports a file in two readings, neither holding more than a chunk of rows: the first checks every
 * row and counts them, so a file refused as a whole (past a limit, broken at its end) writes
 * nothing; the second commits the valid rows, chunk by chunk.
 */
export async function importSourceRows(
  repo: SourceRepository,
  rows: ImportRows,
  options: ImportOptions,
  district: DistrictConfig,
  clock: Clock,
): Promise<ImportReportT> {
  const keptErrors = options.limits?.reportedErrors ?? IMPORT_LIMITS.reportedErrors;
  const checked = { rows: 0, rejected: 0, errorCount: 0, errors: [] as ImportRowErrorT[] };
  for await (const row of rows()) {
    checked.rows++;
    const errors = rowErrors(row, district);
    if (row.input && errors.length === 0) continue;
    checked.rejected++;
    checked.errorCount += errors.length;
    checked.errors.push(...errors.slice(0, keptErrors - checked.errors.length));
    options.onRowErrors?.(errors);
  }

  const start = options.resume?.cursor ?? EMPTY_CURSOR;
  const actor = { actorId: options.actorId, actorRole: 'system' as const, actorName: '批量导入' };
  const changedSince = options.dryRun ? undefined : options.resume?.startedAt;
  let done = checked.rejected + start.rows;
  options.onProgress?.(done, checked.rows);

  const prefix = new CommittedPrefix(start);
  let cursorWrites = Promise.resolve();
  await inPool(validChunks(rows(), district, start.rows), CONCURRENCY, async (chunk) => {
    options.beforeChunk?.();
    const outcome = await commitChunk(repo, chunk.rows, { ...options, actor, changedSince }, district, clock);
    done += chunk.rows.length;
    options.onProgress?.(done, checked.rows);
    if (prefix.finish(chunk.index, outcome) && options.onCommitted) {
      const cursor = prefix.cursor;
      cursorWrites = cursorWrites.then(() => options.onCommitted?.(cursor));
      await cursorWrites;
    }
  });
  const committed = prefix.cursor;
  return {
    dryRun: options.dryRun,
    rows: checked.rows,
    // Valid: the rows that went in (or would have, in a dry run).
    valid: checked.rows - checked.rejected - committed.rejected,
    created: committed.created,
    updated: committed.updated,
    unchanged: committed.unchanged,
    rejected: checked.rejected + committed.rejected,
    // The registry refuses a row with one error.
    errorCount: checked.errorCount + committed.rejected,
    errors: [...checked.errors, ...committed.errors].sort((a, b) => a.row - b.row).slice(0, keptErrors),
  };
}

/** A row's problems: the file's own (a row has its source exactly when it has none), and a street outside the district. */
function rowErrors(row: ParsedRow, district: DistrictConfig): ImportRowErrorT[] {
  if (!row.input || findStreet(district, row.input.streetCode)) return row.errors;
  return [...row.errors, { row: row.row, field: 'streetCode', message: '不是本区的街道/镇' }];
}

/** The valid rows after the first `skip`, in chunks numbered from 0, as the file is read. */
async function* validChunks(rows: AsyncIterable<ParsedRow>, district: DistrictConfig, skip: number): AsyncGenerator<{ index: number; rows: ValidRow[] }> {
  let skipped = 0;
  let chunk: ValidRow[] = [];
  let index = 0;
  for await (const row of rows) {
    if (!row.input || rowErrors(row, district).length > 0) continue;
    if (skipped < skip) {
      skipped++;
      continue;
    }
    chunk.push(row as ValidRow);
    if (chunk.length === IMPORT_CHUNK_ROWS) {
      yield { index: index++, rows: chunk };
      chunk = [];
    }
  }
  if (chunk.length > 0) yield { index, rows: chunk };
}

type ValidRow = ParsedRow & { input: NonNullable<ParsedRow['input']> };

interface ChunkOptions {
  dryRun: boolean;
  actor: { actorId: string; actorRole: 'system'; actorName: string };
  /** Resuming: sources changed at or after this time are left alone. */
  changedSince?: string;
}

/** One chunk: its credit codes looked up together, new ones registered, changed ones updated. */
async function commitChunk(repo: SourceRepository, chunk: ValidRow[], options: ChunkOptions, district: DistrictConfig, clock: Clock): Promise<ChunkOutcome> {
  const outcome: ChunkOutcome = { rows: chunk.length, created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
  const reject = (error: ImportRowErrorT) => {
    outcome.errors.push(error);
    outcome.rejected++;
  };
  const existingIds = await repo.sourceIdsByCreditCodes(
    district.code,
    chunk.map((row) => row.input.creditCode),
  );
  const existing = new Map((await repo.getMany([...existingIds.values()])).map((source) => [source.creditCode, source]));
  const known = chunk.filter((row) => existing.has(row.input.creditCode));
  const { changedSince } = options;
  const untouched = changedSince
    ? known.filter((row) => {
        const current = existing.get(row.input.creditCode)!;
        if (current.updatedAt < changedSince) return true;
        // Written by the interrupted run (counted as what it did then) or edited by an officer since.
        if (current.createdAt >= changedSince) outcome.created++;
        else outcome.updated++;
        return false;
      })
    : known;
  await createAll(chunk.filter((row) => !existing.has(row.input.creditCode)));
  await updateAll(untouched);
  return outcome;

  /** New credit codes, registered in as few transactions as fit. */
  async function createAll(fresh: ValidRow[]): Promise<void> {
    if (options.dryRun) {
      outcome.created += fresh.length;
      return;
    }
    const now = clock.now().toISOString();
    const registrations = fresh.map((row) => {
      const source = newSourceRecord(row.input, district, now);
      return {
        source,
        event: {
          sourceId: source.id,
          eventId: source.id,
          at: now,
          districtCode: source.districtCode,
          sourceName: source.name,
          type: 'registered' as const,
          ...options.actor,
        },
      };
    });
    const outcomes = await repo.createMany(registrations);
    outcomes.forEach((result, index) => {
      if (result === 'ok') outcome.created++;
      else reject({ row: fresh[index].row, field: 'creditCode', message: '该统一社会信用代码正被同时登记，请重新导入' });
    });
  }

  /** Known credit codes: unchanged rows are left alone, changed ones applied in as few transactions as fit. */
  async function updateAll(rows: ValidRow[]): Promise<void> {
    const now = clock.now().toISOString();
    const changes = rows.flatMap((row) => {
      const current = existing.get(row.input.creditCode)!;
      const next = updatedRecord(current, row.input, now);
      const event = changeEvent(current, next, options.actor, now);
      if (!event) {
        outcome.unchanged++;
        return [];
      }
      return [{ row, next, previous: current, event }];
    });
    if (options.dryRun) {
      outcome.updated += changes.length;
      return;
    }
    const outcomes = await repo.updateMany(changes);
    outcomes.forEach((result, index) => {
      if (result === 'ok') outcome.updated++;
      else reject({ row: changes[index].row.row, field: 'creditCode', message: '该商户正被他人修改，请重新导入' });
    });
  }
}

/** What a list row makes of a known source: its attributes from the row, tags added, never removed. */
function updatedRecord(current: SourceRecord, input: SourceInputT, now: string): SourceRecord {
  const wgs = toWgs84(input.location);
  return {
    ...current,
    kind: input.kind,
    name: input.name,
    address: input.address,
    location: { lat: wgs.lat, lng: wgs.lng, coordSystem: 'WGS-84' },
    streetCode: input.streetCode,
    responsiblePerson: input.responsiblePerson ?? current.responsiblePerson,
    restaurant: input.kind === 'restaurant' ? { ...current.restaurant, ...input.restaurant } : undefined,
    tags: [...new Set([...current.tags, ...input.tags])],
    version: current.version + 1,
    updatedAt: now,
  };
}
