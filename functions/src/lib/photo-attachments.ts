/**
 * Photos attached to records (complaints, inspections, rectification evidence): uploads are checked
 * before anything is written, then copied beside the record they belong to; readers get short-lived
 * download URLs.
 */
import { ulid } from 'ulid';
import { UPLOAD_LIMIT_BYTES } from '@green-shield/shared/api/limits';
import { PHOTO_PREFIX, parseUploadKey } from '@green-shield/shared/api/upload-keys';
import { ApiError } from './errors';
import type { Principal } from './tokens';
import { SNIFF_BYTES, sniffImage } from './image-sniff';
import type { ObjectStore } from './object-store';

const PHOTO_URL_SECONDS = 15 * 60;

export class PhotoAttachments {
  constructor(private readonly objects: ObjectStore) {}

  /**
   * Every referenced upload must be a photo upload key the server made for the caller (compared
   * whole, see upload-keys.ts), exist, be an image by its bytes and fit the limit.
   */
  async check(principal: Principal, uploadKeys: string[], field: string): Promise<void> {
    if (new Set(uploadKeys).size !== uploadKeys.length) {
      throw new ApiError('INVALID_UPLOAD', 'The same photo is listed twice', [{ field, message: 'duplicate photo' }]);
    }
    const problems = await Promise.all(
      uploadKeys.map(async (key, index) => {
        const at = `${field}.${index}`;
        if (parseUploadKey(key, 'photo')?.ownerId !== principal.userId) return { field: at, message: 'not an upload of yours' };
        const object = await this.objects.inspect(key, SNIFF_BYTES);
        if (!object) return { field: at, message: 'upload not found (not uploaded, or expired)' };
        if (object.size > UPLOAD_LIMIT_BYTES) return { field: at, message: 'larger than 10 MB' };
        if (!sniffImage(object.head)) return { field: at, message: 'not an image (JPEG, PNG, WebP or HEIC)' };
        return undefined;
      }),
    );
    const details = problems.filter((problem) => problem !== undefined);
    if (details.length) throw new ApiError('INVALID_UPLOAD', 'Some photos cannot be accepted', details);
  }

  /** Copies accepted (checked) uploads under `photos/<ownerId>/`; abandoned uploads expire by the bucket's lifecycle. */
  async attach(ownerId: string, label: string, uploadKeys: string[]): Promise<string[]> {
    const attached = uploadKeys.map((key, index) => `${PHOTO_PREFIX}${ownerId}/${label}-${ulid()}-${index}.${parseUploadKey(key, 'photo')?.extension}`);
    await Promise.all(uploadKeys.map((key, index) => this.objects.copy(key, attached[index])));
    return attached;
  }

  /** Removes copies made for a write that then failed. */
  async discard(keys: string[]): Promise<void> {
    if (keys.length) await this.objects.delete(keys);
  }

  async urls(keys: string[]): Promise<Map<string, string>> {
    const entries = await Promise.all(keys.map(async (key) => [key, await this.objects.presignDownload(key, PHOTO_URL_SECONDS)] as const));
    return new Map(entries);
  }
}
