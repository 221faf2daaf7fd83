/** The streaming import readers driven from bytes and tables in memory, their results as whole tables. */
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { chunksOf } from '../../functions/src/sources/import/byte-chunks';
import { parseSourceRows } from '../../functions/src/sources/import/columns';
import { csvRecords } from '../../functions/src/sources/import/csv';
import type { ImportLimits } from '@green-shield/shared/api/limits';
import { type ImportFormat, readSourceFile } from '../../functions/src/sources/import/read-table';
import type { ParsedRow, SheetRow } from '../../functions/src/sources/import/types';
import { readXlsxRows } from '../../functions/src/sources/import/xlsx';
import { openZip, writeZip, type ZipEntry } from '../../functions/src/sources/import/zip';

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

/** A workbook with some parts' text edited (undefined: the part removed) and parts added; `store` keeps entries uncompressed. */
export async function editedWorkbook(
  bytes: Uint8Array,
  edits: Record<string, ((text: string) => string | undefined) | undefined> = {},
  options: { add?: Record<string, string>; store?: boolean } = {},
): Promise<Uint8Array> {
  const zip = openZip(bytes);
  const entries: ZipEntry[] = [];
  for (const name of zip.names) {
    const data = (await zip.read(name))!;
    const edit = edits[name];
    if (!edit) {
      entries.push({ name, data });
      continue;
    }
    const text = edit(new TextDecoder().decode(data));
    if (text !== undefined) entries.push({ name, data: new TextEncoder().encode(text) });
  }
  for (const [name, text] of Object.entries(options.add ?? {})) entries.push({ name, data: new TextEncoder().encode(text) });
  return writeZip(entries, { store: options.store });
}
