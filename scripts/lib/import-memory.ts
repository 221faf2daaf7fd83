/**
 * One import's memory, measured in a process of its own (`npm run bench`, part `import-memory`):
 * a dry run of the importer's two readings over a CSV streamed from the disk, against a registry
 * that knows no source (no database: this is about the file, not the table). Prints one JSON line:
 * rows, the outcome, seconds, peak RSS and heap, and the longest the event loop was held.
 *
 *   tsx scripts/lib/import-memory.ts <file.csv> [rowLimit]
 */
import { createReadStream } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { IMPORT_LIMITS } from '@green-shield/shared/api/limits';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { ImportFileError } from '../../functions/src/sources/import/errors';
import { readSourceFile } from '../../functions/src/sources/import/read-table';
import { importSourceRows } from '../../functions/src/sources/importer';
import type { SourceRepository } from '../../functions/src/sources/repository';

const [path, rowLimit] = process.argv.slice(2);
const limits = { ...IMPORT_LIMITS, rows: Number(rowLimit ?? IMPORT_LIMITS.rows) };
/** A registry without sources: every row would be created. */
const emptyRegistry = { sourceIdsByCreditCodes: async () => new Map(), getMany: async () => [] } as unknown as SourceRepository;

let peakHeap = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
sample();
const sampler = setInterval(sample, 20);
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const started = performance.now();
let outcome: string;
let rows = 0;
try {
  const report = await importSourceRows(
    emptyRegistry,
    () => readSourceFile('csv', createReadStream(path, { highWaterMark: 65_536 }), { limits }),
    { dryRun: true, actorId: 'bench' },
    loadDistrict(),
    { now: () => new Date() },
  );
  rows = report.rows;
  outcome = `read, ${report.created} would be created`;
} catch (error) {
  if (!(error instanceof ImportFileError)) throw error;
  outcome = `refused: ${error.code}`;
}
clearInterval(sampler);
sample();
delay.disable();
console.log(
  JSON.stringify({
    rows,
    outcome,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 1_048_576,
    longestStallMs: delay.max / 1e6,
  }),
);
