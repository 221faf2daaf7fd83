/**
 * What the H5 app weighs (issue 9, item 19), for `npm run bench` and the test that keeps it down:
 *
 * - the build: every JavaScript and CSS file in miniapp/dist, uncompressed, read from disk;
 * - the first screen: what Chromium downloads when a new visitor opens the app on a phone (it
 *   lands on the sign-in page), from the same file server the local gateway uses, compressed as
 *   served; each file's gzip size (level 9) is measured from its bytes, so the figure does not
 *   depend on which encoding the browser chose.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startH5FileServer } from '../local/h5-files';
import { PHONE } from './chromium';

export const KB = 1024;
/** Issue 9, item 19: the first screen at most 150 KB gzipped, the whole build under 1.5 MB. */
export const H5_WEIGHT_TARGETS = { firstScreenGzipBytes: 150 * KB, buildBytes: 1.5 * KB * KB };

export interface BuildWeight {
  files: number;
  /** JavaScript and CSS, uncompressed. */
  bytes: number;
  gzipBytes: number;
  largest: Array<{ file: string; bytes: number }>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

export function buildWeight(distDir: string): BuildWeight {
  const files = filesUnder(distDir)
    .filter((file) => ['.js', '.css'].includes(extname(file)))
    .map((file) => {
      const content = readFileSync(file);
      return { file: relative(distDir, file), bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
  return {
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    largest: [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 5),
  };
}

export interface DownloadedFile {
  path: string;
  /** As sent (after Content-Encoding). */
  transferredBytes: number;
  bytes: number;
  gzipBytes: number;
  contentEncoding?: string;
  vary?: string;
}

export interface FirstScreen {
  files: DownloadedFile[];
  transferredBytes: number;
  bytes: number;
  gzipBytes: number;
}

/**
 * Opens the app signed out on a phone and sums what it downloads until the network is idle. The
 * API is not part of the app's weight: its requests are answered 503 without a body.
 */
export async function measureFirstScreen(browser: Browser, distDir: string): Promise<FirstScreen> {
  const server = await startH5FileServer({ staticDir: distDir, objectStoreOrigin: 'http://127.0.0.1:1' });
  const context = await browser.newContext(PHONE);
  try {
    await context.route('**/api/**', (route) => route.fulfill({ status: 503, body: '' }));
    const page = await context.newPage();
    const finished: Array<Promise<DownloadedFile | undefined>> = [];
    page.on('requestfinished', (request) => {
      finished.push(
        (async () => {
          const url = new URL(request.url());
          const response = await request.response();
          if (!response || url.origin !== server.url || url.pathname.startsWith('/api/')) return undefined;
          const [sizes, body, headers] = await Promise.all([request.sizes(), response.body(), response.allHeaders()]);
          return {
            path: url.pathname,
            transferredBytes: sizes.responseBodySize,
            bytes: body.length,
            gzipBytes: gzipSync(body, { level: 9 }).length,
            contentEncoding: headers['content-encoding'],
            vary: headers.vary,
          };
        })(),
      );
    });
    await page.goto(server.url, { waitUntil: 'networkidle' });
    const files = (await Promise.all(finished)).filter((file): file is DownloadedFile => file !== undefined);
    return {
      files,
      transferredBytes: files.reduce((sum, file) => sum + file.transferredBytes, 0),
      bytes: files.reduce((sum, file) => sum + file.bytes, 0),
      gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    };
  } finally {
    await context.close();
    await server.stop();
  }
}
