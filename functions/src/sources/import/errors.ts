/**
 * A file that cannot be read as a table at all (not a workbook, broken CSV quoting, no header, past
 * a limit): a machine code and a message in Simplified Chinese for the uploader. The job fails at once
 * with both (reading the same bytes again would find the same problem), the API answers it with a
 * 400, the CLI prints it and exits with status 1. Problems of single rows are not errors but
 * `ImportRowError`s in the report.
 */
import type { ImportFailureCode } from '@green-shield/shared/api/import-failures';

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';

  constructor(
    readonly code: ImportFailureCode,
    message: string,
  ) {
    super(message);
  }
}
