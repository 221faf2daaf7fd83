import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, placeAddress } from '../../miniapp/src/utils/format';
import { checkPhoto, imageContentType, photoRefusal } from '../../miniapp/src/utils/photo-check';
import { UPLOAD_LIMIT_BYTES } from '@green-shield/shared/api/limits';
import { newIdempotencyKey } from '../../miniapp/src/utils/idempotency-key';
import { optionalId } from '../../miniapp/src/utils/optional-id';
import { IDEMPOTENCY_KEY_PATTERN } from '@green-shield/shared/api/limits';

describe('mini-app helpers', () => {
  it('formats instants in Beijing time, across the date line', () => {
    expect(formatDateTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30');
    expect(formatDay('2026-03-05T06:30:00.000Z')).toBe('2026-03-05');
  });

  it('makes idempotency keys the API accepts, different every draft', () => {
    const keys = Array.from({ length: 100 }, newIdempotencyKey);
    expect(new Set(keys).size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const key of keys) expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
  });

  it('passes ids only when there is one', () => {
    expect(optionalId(undefined)).toEqual({});
    expect(optionalId('x')).toEqual({ id: 'x' });
  });
});

describe('a picked photo', () => {
  const jpeg = { path: 'blob:https://app/1', size: 2048, name: 'fumes.jpg', mimeType: 'image/jpeg' };

  it('takes its format from the MIME type, else from the name or path', () => {
    expect(imageContentType(jpeg)).toBe('image/jpeg');
    expect(imageContentType({ path: 'blob:x', name: 'IMG_0001.HEIC', mimeType: '' })).toBe('image/heic');
    expect(imageContentType({ path: 'wxfile://tmp/abc.png' })).toBe('image/png');
    expect(imageContentType({ path: 'blob:x', name: 'notes.pdf', mimeType: 'application/pdf' })).toBeUndefined();
  });

  it('is refused with a reason naming the file: format, empty, too large, unreadable', () => {
    expect(checkPhoto(jpeg)).toEqual({ contentType: 'image/jpeg' });
    const refusals = [
      [{ ...jpeg, name: 'notes.pdf', mimeType: 'application/pdf' }, 'unsupported'],
      [{ ...jpeg, size: 0 }, 'empty'],
      [{ ...jpeg, size: UPLOAD_LIMIT_BYTES + 1 }, 'tooLarge'],
      [{ ...jpeg, unreadable: true }, 'unreadable'],
    ] as const;
    for (const [image, problem] of refusals) {
      expect(checkPhoto(image)).toEqual({ problem });
      const sentence = photoRefusal(image, problem);
      expect(sentence).toContain(`「${image.name}」`);
      expect(sentence).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(checkPhoto({ ...jpeg, size: UPLOAD_LIMIT_BYTES })).toEqual({ contentType: 'image/jpeg' });
    // WeChat gives no name: the sentence still says why.
    expect(photoRefusal({ path: 'wxfile://tmp/a.gif', size: 1 }, 'unsupported')).toMatch(/^这张图片/);
  });
});

describe('a place picked on the map', () => {
  it('fills the address with the place’s name after it, once, within the field’s length', () => {
    expect(placeAddress({ name: '老弄堂面馆', address: '上海市静安区愚园路210号' }, 200)).toBe('上海市静安区愚园路210号（老弄堂面馆）');
    expect(placeAddress({ name: '愚园路210号', address: '上海市静安区愚园路210号' }, 200)).toBe('上海市静安区愚园路210号');
    expect(placeAddress({ name: '静安寺', address: '' }, 200)).toBe('静安寺');
    expect(placeAddress({ name: '', address: '上海市静安区愚园路210号' }, 8)).toBe('上海市静安区愚园');
  });
});
