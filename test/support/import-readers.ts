/** The streaming import readers driven from bytes and tables in memory, their results as whole tables. */
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { chunksOf } from '../../functions/src/sources/import/byte-chunks';
import { parseSourceRows } from '../../functions/src/sources/import/columns';
import { csvRecords } from '../../functions/src/sources/import/csv';
import { type ImportFormat, type ImportLimits, readSourceFile } from '../../functions/src/sources/import/read-table';
import type { ParsedRow, SheetRow } from '../../functions/src/sources/import/types';
import { readXlsxRows } from '../../functions/src/sources/import/xlsx';

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Rows as a table: index = row number - 1, rows without values empty. */
export function tableOf(rows: readonly SheetRow[]): string[][] {
  const table: string[][] = [];
  for (const { row, cells } of rows) {
    while (table.length < row - 1) table.push([]);
    table.push(cells);
  }
  return table;
}

export const csvTable = async (bytes: Uint8Array) => (await collect(csvRecords(chunksOf(bytes)))).map((row) => row.cells);
export const xlsxTable = async (bytes: Uint8Array, scoreHeader?: (header: readonly string[]) => number) =>
  tableOf(await collect(readXlsxRows(chunksOf(bytes), { scoreHeader })));

/** The table's rows (index + 1 the row number) validated, as from a file. */
export async function parseTable(table: readonly (readonly string[])[], district?: DistrictConfig): Promise<ParsedRow[]> {
  async function* rows() {
    for (const [index, cells] of table.entries()) yield { row: index + 1, cells: [...cells] };
  }
  return collect(parseSourceRows(rows(), district));
}

export const readFile = (format: ImportFormat, bytes: Uint8Array, limits?: ImportLimits) => collect(readSourceFile(format, chunksOf(bytes), { limits }));

/** The error an async action rejects with. */
export async function rejectionOf(action: () => Promise<unknown>): Promise<Error> {
  try {
    await action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
