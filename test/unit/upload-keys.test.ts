import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { importUploadKey, parseUploadKey, photoUploadKey } from '@green-shield/shared/api/upload-keys';
import { photoKeys } from '@green-shield/shared/api/schemas';
import { StartImportBody } from '@green-shield/shared/api/source-schemas';

const me = ulid();
const other = ulid();

describe('upload keys', () => {
  it('reads back the owner and extension of the keys the server makes', () => {
    const photo = photoUploadKey(me, ulid(), 'image/jpeg');
    expect(parseUploadKey(photo, 'photo')).toEqual({ ownerId: me, extension: 'jpg' });
    expect(parseUploadKey(photo, 'import')).toBeUndefined();
    const list = importUploadKey(me, ulid(), 'xlsx');
    expect(parseUploadKey(list, 'import')).toEqual({ ownerId: me, extension: 'xlsx' });
    expect(parseUploadKey(list, 'photo')).toBeUndefined();
    expect(photoKeys.safeParse([photo]).success).toBe(true);
    expect(StartImportBody.safeParse({ uploadKey: list }).success).toBe(true);
  });

  it('refuses every key the server did not make, however it would normalise', () => {
    const theirs = photoUploadKey(other, ulid(), 'image/png');
    const file = theirs.split('/')[2];
    for (const key of [
      `uploads/${me}/../${other}/${file}`,
      `uploads/${me}/./${file}`,
      `uploads/${me}//${file}`,
      `uploads/${me}/%2e%2e/${other}/${file}`,
      `uploads/${me}\\..\\${other}\\${file}`,
      `uploads/${me}/${file}/`,
      `/uploads/${me}/${file}`,
      `uploads/${me}/${file.toLowerCase()}`,
      `uploads/${me}/${file.replace('.png', '.svg')}`,
      `uploads/${me}/${file}\n`,
      `photos/${me}/${file}`,
    ]) {
      expect(parseUploadKey(key, 'photo'), key).toBeUndefined();
      expect(photoKeys.safeParse([key]).success, key).toBe(false);
    }
  });
});
