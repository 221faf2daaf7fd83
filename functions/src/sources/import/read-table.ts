/** An import file's bytes to validated rows, whatever its format. */
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { parseCsv } from './csv';
import { parseSourceTable } from './columns';
import { recognisedColumnCount } from './column-specs';
import { ImportFileError } from './errors';
import type { ParsedRow } from './types';
import { readXlsx } from './xlsx';

export type ImportFormat = 'csv' | 'xlsx';

export function readSourceFile(format: ImportFormat, bytes: Uint8Array, district?: DistrictConfig): ParsedRow[] {
  // Of a workbook's sheets, the one whose header names the most of our columns.
  const table = format === 'xlsx' ? readXlsx(bytes, recognisedColumnCount) : parseCsv(bytes);
  return parseSourceTable(table, district);
}

/** The format a file name's extension announces; any other file is refused with a hint. */
export function formatFromFileName(name: string): ImportFormat {
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'xlsx') return extension;
  if (extension === 'xls') throw new ImportFileError('不支持旧版 Excel（.xls）文件：请在 Excel 中“另存为” .xlsx 后再导入');
  throw new ImportFileError('只能导入 .xlsx 或 .csv 文件');
}
