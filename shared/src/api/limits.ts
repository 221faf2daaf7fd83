/**
 * Upload limits of the API, free of zod so the mini-app can import them at runtime.
 */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS = 6;

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
