/**
 * Limits of the API, free of zod so the mini-app can import them at runtime: the schemas enforce
 * them and the mini-app's forms cap, count and check with them.
 */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS = 6;
/** Officers' tags on one source. */
export const MAX_TAGS = 20;
/** Counts on an officer's home (overdue complaints, evidence awaiting a decision) stop here ("999+"): enough to say how much, at a bounded cost. */
export const SUMMARY_COUNT_CAP = 999;

/** The longest text (characters) the API takes, by what the text is. */
export const MAX_LENGTH = {
  // Identifiers and codes
  id: 64,
  cursor: 1024,
  streetCode: 40,
  refreshToken: 200,
  complaintSubtype: 40,
  trackingNumber: 40,
  ecoCode: 80,
  /** As typed: 18 characters once spaces and full-width forms are folded. */
  creditCode: 40,
  checklistVersion: 60,
  checklistItem: 40,

  // Complaints
  description: 2000,
  address: 200,
  occurrenceNote: 200,
  ratingComment: 500,
  /** Why a complainant reopens, or why an officer rejects rectification evidence. */
  reason: 1000,
  /** Officers' notes and reasons on a complaint, and an inspection's overall note. */
  officerNote: 2000,
  referral: 200,

  // Sources
  personName: 40,
  sourceName: 100,
  sourceNamePrefix: 50,
  tag: 20,
  inspectionItemNote: 500,
  /** A note with rectification evidence or a record (penalty, permit); an incident's description. */
  note: 1000,
  /** A penalty decision's or a permit's number. */
  documentNumber: 60,
  permitType: 40,
  claimNote: 500,
  claimReason: 500,

  // Co-governance
  /** Why a street asks for a joint inspection; a result's summary; a patrol task's brief. */
  jointReason: 2000,
  /** A comment on a joint inspection request, a question, an answer, a triage or review note. */
  comment: 1000,
  /** A neighbourhood (居委会/小区) a volunteer names; what they are available for. */
  neighbourhood: 60,
  availability: 200,
  /** What a volunteer saw. */
  observation: 1000,
  taskTitle: 60,
} as const;

/** How much one joint inspection request or patrol task may name: sources, people going, linked complaints or observations, the area's radius (and its default). */
export const COGOV_LIMITS = { sources: 20, people: 10, links: 10, areaRadiusMetres: 2000, defaultAreaRadiusMetres: 200 } as const;

/** The shortest text that says enough, where one character does not. */
export const MIN_LENGTH = {
  refreshToken: 20,
  description: 5,
  /** A complaint's address must say where; a source's only has to be there. */
  address: 2,
  reason: 2,
  claimReason: 2,
} as const;

/** Accepted image formats with their file extensions (the first is used for stored keys). */
export const IMAGE_EXTENSIONS = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic'],
} as const;

export type ImageContentType = keyof typeof IMAGE_EXTENSIONS;
export const IMAGE_CONTENT_TYPES = Object.keys(IMAGE_EXTENSIONS) as [ImageContentType, ...ImageContentType[]];

export function contentTypeForExtension(extension: string): ImageContentType | undefined {
  const lower = extension.toLowerCase();
  return IMAGE_CONTENT_TYPES.find((type) => (IMAGE_EXTENSIONS[type] as readonly string[]).includes(lower));
}

/** Files the registry imports, with the content type their upload must declare. */
export const IMPORT_FILE_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ImportFormat = keyof typeof IMPORT_FILE_TYPES;

/**
 * What one import file may hold. Each limit bounds the memory or the time one file can cost the import
 * job (a 10 MB list of five million one-column rows once took the process to 4.6 GB): a file past
 * one is refused as a whole, saying the limit, before anything of it is written.
 */
const importLimits = {
  /** Rows of data (non-blank rows below the header): two and a half times the district's registry. */
  rows: 50_000,
  /** Error rows a job's report keeps (its errorCount counts every one; the CLI prints every one). */
  reportedErrors: 500,
  /** A workbook is read with random access (its ZIP directory is at the end), so it is held whole, compressed. */
  workbookBytes: UPLOAD_LIMIT_BYTES,
  /** Characters of one CSV record, or of one run of worksheet XML between two tags (a cell's text). */
  recordChars: 1_048_576,
  /** Cells of a worksheet (merged ranges filled in), and shared strings of a workbook. */
  cells: 2_000_000,
  /** Characters of a workbook's shared strings, which are held while its sheet is read. */
  sharedStringChars: 32 * 1_048_576,
  /** One part of a workbook once inflated (a sheet is read as it inflates, never held). */
  partBytes: 128 * 1_048_576,
  /** A part that is held whole once inflated (the workbook, its relationships, its styles). */
  heldPartBytes: 16 * 1_048_576,
  /** How many times its compressed size a part may inflate to, once past 1 MiB (a zip bomb goes far beyond). */
  compressionRatio: 100,
};
export type ImportLimits = Readonly<typeof importLimits>;
export const IMPORT_LIMITS: ImportLimits = Object.freeze(importLimits);

/** The Idempotency-Key header a retried submission repeats. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
