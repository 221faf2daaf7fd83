/**
 * A file that cannot be read as a table at all (not a workbook, broken CSV quoting, no header).
 * Its message is in Simplified Chinese and meant for the uploader: the API answers it with a 400,
 * the CLI prints it and exits with status 1. Problems of single rows are not errors but
 * `ImportRowError`s in the report.
 */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}
