import type { ImportRowErrorT, SourceInputT } from '@green-shield/shared/api/source-schemas';

export type { ImportRowErrorT };

/** One row of a file's table as its cells' texts (skipped cells ''). */
export interface SheetRow {
  /** 1-based spreadsheet row number; the header is row 1. */
  row: number;
  cells: string[];
}

/** One data row of an import file, validated. */
export interface ParsedRow {
  /** 1-based spreadsheet row number; the header is row 1. */
  row: number;
  /** The source, present only when the row has no errors. */
  input?: SourceInputT;
  errors: ImportRowErrorT[];
}
