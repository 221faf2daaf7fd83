/**
 * Commits parsed import rows: new credit codes become new sources, known ones update their source
 * (only when something changed), bad rows are reported and skipped — valid rows of a file with some
 * bad rows ARE committed. A dry run reports the same counts and writes nothing.
 */
import type { ImportReportT, ImportRowErrorT, SourceInputT } from '@green-shield/shared/api/source-schemas';
import { findStreet, type DistrictConfig } from '@green-shield/shared/districts/district';
import { toWgs84 } from '@green-shield/shared/geo/coordinates';
import type { Clock } from '../lib/clock';
import { inPool } from '../lib/pool';
import type { ParsedRow } from './import/types';
import type { SourceRecord } from './records';
import type { SourceRepository } from './repository';
import { changeEvent, newSourceRecord } from './registration';

export interface ImportOptions {
  dryRun: boolean;
  actorId: string;
  onProgress?: (done: number, total: number) => void;
}

/** Rows looked up together (one BatchGet of credit codes, one of sources). */
const CHUNK = 100;
/** Chunks in flight at once. */
const CONCURRENCY = 8;

export async function importSourceRows(
  repo: SourceRepository,
  rows: ParsedRow[],
  options: ImportOptions,
  district: DistrictConfig,
  clock: Clock,
): Promise<ImportReportT> {
  const report: ImportReportT = {
    dryRun: options.dryRun,
    rows: rows.length,
    valid: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errorCount: 0,
    errors: [],
  };
  const valid: Array<ParsedRow & { input: NonNullable<ParsedRow['input']> }> = [];
  for (const row of rows) {
    const errors = [...row.errors];
    if (row.input && !findStreet(district, row.input.streetCode)) errors.push({ row: row.row, field: 'streetCode', message: '不是本区的街道/镇' });
    if (errors.length || !row.input) {
      report.errors.push(...errors);
      report.rejected++;
    } else {
      valid.push(row as (typeof valid)[number]);
    }
  }
  const actor = { actorId: options.actorId, actorRole: 'system' as const, actorName: '批量导入' };
  let done = rows.length - valid.length;
  options.onProgress?.(done, rows.length);

  const reject = (error: ImportRowErrorT) => {
    report.errors.push(error);
    report.rejected++;
  };
  const chunks: Array<typeof valid> = [];
  for (let start = 0; start < valid.length; start += CHUNK) chunks.push(valid.slice(start, start + CHUNK));
  await inPool(chunks, CONCURRENCY, async (chunk) => {
    const existingIds = await repo.sourceIdsByCreditCodes(
      district.code,
      chunk.map((row) => row.input.creditCode),
    );
    const existing = new Map((await repo.getMany([...existingIds.values()])).map((source) => [source.creditCode, source]));
    const fresh = chunk.filter((row) => !existing.has(row.input.creditCode));
    await createAll(fresh);
    await updateAll(
      chunk.filter((candidate) => existing.has(candidate.input.creditCode)),
      existing,
    );
    done += chunk.length;
    options.onProgress?.(done, rows.length);
  });
  report.errors.sort((a, b) => a.row - b.row);
  report.errorCount = report.errors.length;
  // Valid: the rows that went in (or would have, in a dry run).
  report.valid = report.rows - report.rejected;
  return report;

  /** New credit codes, registered in as few transactions as fit. */
  async function createAll(fresh: typeof valid): Promise<void> {
    if (options.dryRun) {
      report.created += fresh.length;
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
          ...actor,
        },
      };
    });
    const outcomes = await repo.createMany(registrations);
    outcomes.forEach((outcome, index) => {
      if (outcome === 'ok') report.created++;
      else reject({ row: fresh[index].row, field: 'creditCode', message: '该统一社会信用代码正被同时登记，请重新导入' });
    });
  }

  /** Known credit codes: unchanged rows are left alone, changed ones applied in as few transactions as fit. */
  async function updateAll(known: typeof valid, existing: Map<string, SourceRecord>): Promise<void> {
    const now = clock.now().toISOString();
    const changes = known.flatMap((row) => {
      const current = existing.get(row.input.creditCode)!;
      const next = updatedRecord(current, row.input, now);
      const event = changeEvent(current, next, actor, now);
      if (!event) {
        report.unchanged++;
        return [];
      }
      return [{ row, next, previous: current, event }];
    });
    if (options.dryRun) {
      report.updated += changes.length;
      return;
    }
    const outcomes = await repo.updateMany(changes);
    outcomes.forEach((outcome, index) => {
      if (outcome === 'ok') report.updated++;
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
