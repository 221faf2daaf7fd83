/**
 * Imports cannot take the system down (issue 9, items 1 and 8), through the API on the local system,
 * where the import job runs in the same Node process as the gateway: a file of half a million rows
 * fails at the row limit within seconds while the API keeps answering; a large valid file imports
 * while requests still answer promptly; a crafted workbook fails at once with its reason and code,
 * without a retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '@green-shield/shared/api/limits';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { SOURCE_IMPORT_COLUMNS } from '../../functions/src/sources/import/column-specs';
import { writeXlsx } from '../../functions/src/sources/import/xlsx-writer';
import { startTestSystem, DEMO_ACCOUNTS, type TestSystem } from '../support/system';
import type { ApiClient } from '../support/api-client';
import { uploadImportFile } from '../support/fixtures';
import { editedWorkbook } from '../support/import-readers';

let t: TestSystem;
let bureau: ApiClient;
beforeAll(async () => {
  t = await startTestSystem();
  bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
});
afterAll(() => t?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const finished = (job: { status: string }) => job.status === 'done' || job.status === 'failed';

/**
 * Starts a dry-run import of the file and, until it ends, asks the API for its health every 50 ms,
 * timing each answer: the job, and the answer times of the requests made while it ran.
 */
async function importWhileAsking(bytes: Uint8Array, format: 'csv' | 'xlsx', timeoutMs = 120_000) {
  const uploadKey = await uploadImportFile(bureau, bytes, format);
  const started = await bureau.call('POST', '/api/sources/imports', { uploadKey, dryRun: true }).expect(202);
  const answerMs: number[] = [];
  let job = started;
  let running = false;
  const deadline = Date.now() + timeoutMs;
  const asking = (async () => {
    while (!finished(job) && Date.now() < deadline) {
      const sent = performance.now();
      const health = await fetch(`${t.system.url}/api/health`);
      await health.arrayBuffer();
      if (running) answerMs.push(performance.now() - sent);
      await sleep(50);
    }
  })();
  while (!finished(job) && Date.now() < deadline) {
    await sleep(100);
    job = await bureau.call('GET', `/api/sources/imports/${started.id}`).expect(200);
    running ||= job.status === 'running';
  }
  await asking;
  return { job, answerMs, slowestMs: Math.max(0, ...answerMs) };
}

const HEADER = [...SOURCE_IMPORT_COLUMNS];
const row = (n: number) => [
  '餐饮',
  `压测面馆${n}`,
  composeCreditCode('92', '310106', `LD${String(n).padStart(6, '0')}`),
  '南京西路 1 号',
  '31.2235',
  '121.4455',
  '',
  '静安寺街道',
];

describe('an import of a file too big to take', () => {
  it('fails at the row limit, with the limit in its reason and a code, while the API keeps answering', { timeout: 180_000 }, async () => {
    // The outside review's file: 1 MB, half a million rows of one column (it froze the API for 14 s).
    const bytes = new TextEncoder().encode(`名称\n${'老王\n'.repeat(500_000)}`.slice(0, 1_048_576));
    const { job, answerMs, slowestMs } = await importWhileAsking(bytes, 'csv');
    expect(job).toMatchObject({ status: 'failed', failureCode: 'TOO_MANY_ROWS' });
    expect(job.failure).toContain(`${IMPORT_LIMITS.rows.toLocaleString('en')} 行`);
    expect(answerMs.length, 'requests answered while the job ran').toBeGreaterThan(3);
    expect(slowestMs, `slowest of ${answerMs.length} answers during the import`).toBeLessThan(1000);
    // Refused once, not retried: a file's problem is final.
    expect(t.logs.filter((line) => line.includes('import file refused') && line.includes(job.id))).toHaveLength(1);
    expect(t.logs.some((line) => line.includes('record failed') && line.includes('importJobs'))).toBe(false);
  });
});

describe('an import of a large valid file', () => {
  it('reads every row while requests still answer promptly', { timeout: 240_000 }, async () => {
    const rows = 20_000;
    const csv = new TextEncoder().encode([HEADER.slice(0, 8), ...Array.from({ length: rows }, (_, n) => row(n))].map((cells) => cells.join(',')).join('\r\n'));
    const { job, answerMs, slowestMs } = await importWhileAsking(csv, 'csv');
    expect(job).toMatchObject({ status: 'done', report: { rows, valid: rows, created: rows, rejected: 0 } });
    expect(answerMs.length, 'requests answered while the job ran').toBeGreaterThan(3);
    expect(slowestMs, `slowest of ${answerMs.length} answers during the import`).toBeLessThan(1000);
  });
});

describe('a crafted workbook', () => {
  it('fails its job at once with a precise reason and code, without a retry', async () => {
    // A cell's text holding a character reference beyond U+10FFFF: once a RangeError, three retries and "系统错误".
    const crafted = await editedWorkbook(writeXlsx([HEADER, row(1)]), {
      'xl/worksheets/sheet1.xml': (xml) => xml.replace('压测面馆1', '压测面馆&#x110000;'),
    });
    const { job } = await importWhileAsking(crafted, 'xlsx', 30_000);
    expect(job).toMatchObject({ status: 'failed', failureCode: 'BAD_CHARACTER_REFERENCE' });
    expect(job.failure).toMatch(/^工作簿的 xl\/worksheets\/sheet1\.xml 第 \d+ 行第 \d+ 列含有无效的字符引用/);
    expect(t.logs.filter((line) => line.includes('import file refused') && line.includes(job.id))).toHaveLength(1);
  });
});
