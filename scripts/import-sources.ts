/**
 * Bulk import of pollution sources (餐饮、汽修、建筑工地、工业企业、其他) from a CSV or XLSX file.
 *
 *   npm run import:sources -- <file.csv|file.xlsx> [--commit]
 *
 * Without --commit it is a dry run: every row is read and validated and the counts say what would be
 * created, updated or left unchanged, but nothing is written. With --commit the valid rows are
 * written even when other rows are rejected; a row whose credit code is already registered updates
 * that source.
 *
 * The file's first row is the header (Chinese or English column names; see SOURCE_IMPORT_COLUMNS in
 * functions/src/sources/import/column-specs.ts). CSV may be UTF-8 or GBK/GB18030; XLSX is read from
 * the worksheet that holds the table. Bad rows are printed with their spreadsheet row number, column and
 * reason. The file is read as it streams from the disk (twice: checked whole, then committed), so its
 * size does not matter; its rows are limited (IMPORT_LIMITS in shared/src/api/limits.ts) as in the app.
 *
 * Environment:
 *   TABLE_NAME         the table (required), e.g. GreenShield
 *   DYNAMODB_ENDPOINT  DynamoDB Local while `npm start` runs: http://127.0.0.1:8700
 *                      (unset: AWS, with the usual AWS_REGION / AWS_PROFILE credentials)
 *   DISTRICT_CODE      the district whose streets the file names (default 310106, Jing'an)
 *
 * Example against the local system:
 *   TABLE_NAME=GreenShield DYNAMODB_ENDPOINT=http://127.0.0.1:8700 npm run import:sources -- 餐饮名单.xlsx --commit
 *
 * Exit status: 0 every row valid; 2 some rows rejected (with --commit the valid rows were still
 * written); 1 the file could not be read.
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ImportReportT } from '@green-shield/shared/api/source-schemas';
import { importSourceRows } from '../functions/src/sources/importer';
import { SourceRepository } from '../functions/src/sources/repository';
import { backgroundDepsFromEnv } from '../functions/src/store/background-client';
import { ImportFileError } from '../functions/src/sources/import/errors';
import { formatFromFileName, readSourceFile } from '../functions/src/sources/import/read-table';
import type { ImportRowErrorT } from '../functions/src/sources/import/types';
import { createProgressBar, type ProgressBar } from './lib/progress-bar';

const USAGE = '用法：npm run import:sources -- <文件.csv|文件.xlsx> [--commit]（不加 --commit 时只校验、不写入）';

const EXIT = { allValid: 0, fileError: 1, rowsRejected: 2 } as const;

/** The file's bytes as they are read; a file that cannot be read is refused like a broken one. */
async function* fileBytes(path: string): AsyncGenerator<Uint8Array> {
  try {
    yield* createReadStream(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new ImportFileError('FILE_UNREADABLE', code === 'ENOENT' ? `文件不存在：${path}` : `无法读取文件 ${path}（${code}）`);
  }
}

function describeError(error: ImportRowErrorT): string {
  return `  第 ${error.row} 行${error.field ? `  ${error.field}` : ''}：${error.message}`;
}

const errorKey = (error: ImportRowErrorT) => `${error.row}\u0000${error.field ?? ''}\u0000${error.message}`;

function printSummary(report: ImportReportT, seconds: number): void {
  console.log(report.dryRun ? '\n试运行：没有写入任何数据（确认无误后加 --commit 导入）' : '\n已导入');
  console.log(`  行数 ${report.rows}  有效 ${report.valid}  新建 ${report.created}  更新 ${report.updated}  未变 ${report.unchanged}  拒绝 ${report.rejected}`);
  console.log(`  用时 ${seconds.toFixed(1)} 秒，${Math.round(report.rows / Math.max(seconds, 0.001))} 行/秒`);
}

function commandLine(): { path: string; commit: boolean } | undefined {
  try {
    const { values, positionals } = parseArgs({ options: { commit: { type: 'boolean', default: false } }, allowPositionals: true });
    return positionals.length === 1 ? { path: positionals[0], commit: values.commit } : undefined;
  } catch {
    return undefined; // an unknown option
  }
}

async function main(): Promise<number> {
  const args = commandLine();
  if (!args) {
    console.error(USAGE);
    return EXIT.fileError;
  }
  const { path, commit } = args;
  const startedAt = performance.now();
  const deps = backgroundDepsFromEnv('import-cli');
  const printed = new Set<string>();
  let bar: ProgressBar | undefined;
  let report: ImportReportT;
  try {
    const format = formatFromFileName(path);
    report = await importSourceRows(
      new SourceRepository(deps.db, deps.tableName),
      // Read as it streams from the disk: once to check every row, once to commit.
      () => readSourceFile(format, fileBytes(path), { district: deps.district }),
      {
        dryRun: !commit,
        actorId: 'cli',
        onRowErrors: (errors) => {
          if (printed.size === 0) console.log('有问题的行：');
          for (const error of errors) printed.add(errorKey(error));
          console.log(errors.map(describeError).join('\n'));
        },
        onProgress: (done, total) => {
          bar ??= createProgressBar(total, commit ? '导入' : '校验');
          bar.update(done);
        },
      },
      deps.district,
      deps.clock,
    );
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    console.error(`${error.message}（${error.code}）`);
    return EXIT.fileError;
  }
  bar?.finish();

  // The registry can reject rows the file looked fine in (e.g. a credit code registered concurrently).
  const commitErrors = report.errors.filter((error) => !printed.has(errorKey(error)));
  if (commitErrors.length > 0) console.log(`登记时被拒绝：\n${commitErrors.map(describeError).join('\n')}`);

  printSummary(report, (performance.now() - startedAt) / 1000);
  if (report.rejected === 0) return EXIT.allValid;
  console.log(
    commit
      ? `\n有 ${report.rejected} 行被拒绝；其余 ${report.valid} 行有效数据已写入。`
      : `\n有 ${report.rejected} 行被拒绝；加 --commit 时其余 ${report.valid} 行有效数据仍会写入。`,
  );
  return EXIT.rowsRejected;
}

// Exit explicitly: the DynamoDB client's kept-alive sockets would otherwise hold the process open.
process.exit(await main());
