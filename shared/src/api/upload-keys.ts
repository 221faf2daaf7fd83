/**
 * The keys of uploads, made by the server and accepted back only in exactly the shape it made them:
 * `uploads/<user id>/<ulid>.<extension>` for a photo, `uploads/<user id>/import-<ulid>.<csv|xlsx>` for
 * a list to import. Nothing else passes (no `..`, `.` or empty segments, no escapes, no backslashes),
 * so a key cannot name someone else's upload through a path that an HTTP client or S3 normalises;
 * the owner is compared whole, never as a prefix. Free of zod: the schemas and the functions use it.
 */
import { IMAGE_EXTENSIONS, IMPORT_FILE_TYPES, type ImageContentType, type ImportFormat } from './limits';

/** Where uploads wait to be used (the bucket expires what is left there). */
export const UPLOAD_PREFIX = 'uploads/';
/** Where records keep their photos, copied from uploads once checked: evidence, kept (and versioned). */
export const PHOTO_PREFIX = 'photos/';
/** Files the server makes for download (the import template). */
export const TEMPLATE_PREFIX = 'templates/';
/** Every prefix objects are kept under: functions are granted the bucket by these (`grants.uploads`, functions/src/lambdas.ts). */
export const OBJECT_PREFIXES = { uploads: UPLOAD_PREFIX, photos: PHOTO_PREFIX, templates: TEMPLATE_PREFIX } as const;
export type ObjectPrefix = keyof typeof OBJECT_PREFIXES;

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const PHOTO_EXTENSIONS = Object.values(IMAGE_EXTENSIONS).map((extensions) => extensions[0]);
const IMPORT_EXTENSIONS = Object.keys(IMPORT_FILE_TYPES);

export const PHOTO_UPLOAD_KEY = new RegExp(`^${UPLOAD_PREFIX}(${ULID})/${ULID}\\.(${PHOTO_EXTENSIONS.join('|')})$`);
export const IMPORT_UPLOAD_KEY = new RegExp(`^${UPLOAD_PREFIX}(${ULID})/import-${ULID}\\.(${IMPORT_EXTENSIONS.join('|')})$`);

export function photoUploadKey(ownerId: string, uploadId: string, contentType: ImageContentType): string {
  return `${UPLOAD_PREFIX}${ownerId}/${uploadId}.${IMAGE_EXTENSIONS[contentType][0]}`;
}

export function importUploadKey(ownerId: string, uploadId: string, format: ImportFormat): string {
  return `${UPLOAD_PREFIX}${ownerId}/import-${uploadId}.${format}`;
}

/** Who made the upload and its extension, if the key is one the server makes; undefined otherwise. */
export function parseUploadKey(key: string, kind: 'photo' | 'import'): { ownerId: string; extension: string } | undefined {
  const match = (kind === 'photo' ? PHOTO_UPLOAD_KEY : IMPORT_UPLOAD_KEY).exec(key);
  return match ? { ownerId: match[1], extension: match[2] } : undefined;
}
