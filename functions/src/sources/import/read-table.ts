/** An import file's bytes to validated rows, whatever its format, as the bytes arrive. */
import { IMPORT_LIMITS, type ImportLimits } from '@green-shield/shared/api/limits';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { csvRecords } from './csv';
import { parseSourceRows } from './columns';
import { recognisedColumnCount } from './column-specs';
import { ImportFileError } from './errors';
import type { ParsedRow } from './types';
import { readXlsxRows } from './xlsx';

export type ImportFormat = 'csv' | 'xlsx';

/**
 * The file's rows, validated, in file order. Anything wrong with the file as a whole (not a
 * workbook, broken XML or quoting, no header, past a limit) is thrown as an `ImportFileError`; any
 * other error comes from reading the bytes (the store, the disk) and may pass on a retry.
 */
export function readSourceFile(
  format: ImportFormat,
  bytes: AsyncIterable<Uint8Array>,
  options: { district?: DistrictConfig; limits?: ImportLimits } = {},
): AsyncGenerator<ParsedRow> {
  const limits = options.limits ?? IMPORT_LIMITS;
  // Of a workbook's sheets, the one whose header names the most of our columns.
  const table = format === 'xlsx' ? readXlsxRows(bytes, { scoreHeader: recognisedColumnCount, limits }) : csvRecords(bytes, limits);
  return parseSourceRows(table, options.district, limits);
}

/** The format a file name's extension announces; any other file is refused with a hint. */
export function formatFromFileName(name: string): ImportFormat {
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'xlsx') return extension;
  if (extension === 'xls') throw new ImportFileError('UNSUPPORTED_FILE_TYPE', '不支持旧版 Excel（.xls）文件：请在 Excel 中“另存为” .xlsx 后再导入');
  throw new ImportFileError('UNSUPPORTED_FILE_TYPE', '只能导入 .xlsx 或 .csv 文件');
}
