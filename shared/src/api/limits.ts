/**
 * Limits of the API, free of zod so the mini-app can import them at runtime: the schemas enforce
 * them and the mini-app's forms cap, count and check with them.
 */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS = 6;
/** Officers' tags on one source. */
export const MAX_TAGS = 20;

/** Lengths of text (characters) by what the text is; `min` where a shorter one says too little. */
export const TEXT_LIMITS = {
  // Identifiers and codes
  id: { max: 64 },
  cursor: { max: 1024 },
  /** The key of an upload (a photo, an import file). */
  storageKey: { max: 200 },
  streetCode: { max: 40 },
  refreshToken: { min: 20, max: 200 },
  complaintSubtype: { max: 40 },
  trackingNumber: { max: 40 },
  ecoCode: { max: 80 },
  creditCode: { max: 18 },
  checklistVersion: { max: 60 },
  checklistItem: { max: 40 },

  // Complaints
  description: { min: 5, max: 2000 },
  /** A complaint's address must say where; a source's is simply required. */
  address: { min: 2, max: 200 },
  occurrenceNote: { max: 200 },
  ratingComment: { max: 500 },
  /** Why a complainant reopens, or why an officer rejects rectification evidence. */
  reason: { min: 2, max: 1000 },
  /** Officers' notes and reasons on a complaint, and an inspection's overall note. */
  officerNote: { max: 2000 },
  referral: { max: 200 },

  // Sources
  personName: { max: 40 },
  sourceName: { max: 100 },
  sourceNamePrefix: { max: 50 },
  tag: { max: 20 },
  inspectionItemNote: { max: 500 },
  /** A note with rectification evidence or a record (penalty, permit); an incident's description. */
  note: { max: 1000 },
  /** A penalty decision's or a permit's number. */
  documentNumber: { max: 60 },
  permitType: { max: 40 },
  claimNote: { max: 500 },
  claimReason: { min: 2, max: 500 },
} as const satisfies Record<string, { min?: number; max: number }>;

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

/** The Idempotency-Key header a retried submission repeats. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
