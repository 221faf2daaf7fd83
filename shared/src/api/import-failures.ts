/**
 * Why an import job failed, for programs (the job's `failureCode`; its `failure` says it in Chinese
 * for people). Every one is final: the job fails at once and is not retried, because reading the same
 * bytes again finds the same problem. Only an unreachable store or table is retried.
 */
export const IMPORT_FAILURE_CODES = [
  // The file as a whole
  'UPLOAD_MISSING',
  'UNSUPPORTED_FILE_TYPE',
  'FILE_UNREADABLE',
  'FILE_TOO_LARGE',
  'TOO_MANY_ROWS',
  'NO_HEADER',
  'HEADER_UNRECOGNISED',
  // CSV
  'WORKBOOK_AS_CSV',
  'UNCLOSED_QUOTE',
  'RECORD_TOO_LONG',
  // XLSX: the ZIP package
  'NOT_A_WORKBOOK',
  'LEGACY_OR_ENCRYPTED_WORKBOOK',
  'DAMAGED_PART',
  'PART_TOO_LARGE',
  'ZIP_BOMB',
  // XLSX: the workbook's parts
  'MISSING_PART',
  'NO_SHEETS',
  'BAD_XML',
  'BAD_CHARACTER_REFERENCE',
  'SHARED_STRING_OUT_OF_RANGE',
  'TOO_MANY_CELLS',
  // The job's runs
  'INTERRUPTED',
  'RUNS_EXHAUSTED',
] as const;

export type ImportFailureCode = (typeof IMPORT_FAILURE_CODES)[number];
