/** The local gateway's choice of compression for the H5 files (scripts/local/h5-files.ts), as CloudFront chooses. */
import { describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../scripts/local/h5-files';

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, then none', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('deflate')).toBe('identity');
    expect(chooseEncoding(undefined)).toBe('identity');
    expect(chooseEncoding('')).toBe('identity');
  });

  it('honours q-values and the wildcard', () => {
    expect(chooseEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('BR;Q=0.5')).toBe('br');
    expect(chooseEncoding('gzip;q=0, br;q=0')).toBe('identity');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('br;q=0, *')).toBe('gzip');
    expect(chooseEncoding('identity, *;q=0')).toBe('identity');
  });
});
