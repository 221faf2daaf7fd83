/**
 * The H5 files as the local gateway sends them (scripts/local/h5-files.ts): compressed as the
 * browser accepts, byte for byte the same once decompressed, with `Vary: Accept-Encoding` so no
 * cache hands one encoding to a browser that asked for another; images and small files as they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startH5FileServer } from '../../scripts/local/h5-files';
import { PNG_BYTES } from '../support/fixtures';

const SCRIPT = Buffer.from(`console.log(${JSON.stringify('绿盾通 '.repeat(2000))});\n`);

let server: Awaited<ReturnType<typeof startH5FileServer>>;

beforeAll(async () => {
  const site = mkdtempSync(join(tmpdir(), 'green-shield-h5-files-'));
  mkdirSync(join(site, 'js'));
  mkdirSync(join(site, 'static'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>绿盾通</title><div id="app"></div>');
  writeFileSync(join(site, 'js', 'app.0123abcd.js'), SCRIPT);
  writeFileSync(join(site, 'static', 'tab.png'), PNG_BYTES);
  server = await startH5FileServer({ staticDir: site, objectStoreOrigin: 'http://127.0.0.1:4569' });
});
afterAll(() => server?.stop());

/** A raw GET (fetch would decompress on its own and hide what was sent). */
function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the H5 files from the local gateway', () => {
  it('sends scripts brotli- or gzip-compressed as accepted, the same bytes once decompressed', async () => {
    const br = await get('/js/app.0123abcd.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(br.body).equals(SCRIPT)).toBe(true);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers['content-security-policy']).toBeDefined();

    const gzip = await get('/js/app.0123abcd.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(SCRIPT)).toBe(true);

    const plain = await get('/js/app.0123abcd.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.equals(SCRIPT)).toBe(true);
  });

  it('sends images and files under 1,000 bytes as they are', async () => {
    const image = await get('/static/tab.png', 'gzip, br');
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.body.equals(PNG_BYTES)).toBe(true);
    const page = await get('/', 'gzip, br');
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-encoding']).toBeUndefined();
  });
});
