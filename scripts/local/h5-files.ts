/**
 * The H5 build as the local gateway serves it, the way CloudFront serves it in AWS: the eco-code
 * link redirect (the same CloudFront Function), the app's security headers, long caching for the
 * hashed files, and text compressed with brotli or gzip as the browser accepts (`Vary:
 * Accept-Encoding`). Compressed copies are made once per file and kept in memory.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import vm from 'node:vm';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { requestPath } from '@green-shield/shared/api/routes';
import { appSecurityHeaders } from '../../functions/src/lib/security-headers';
import { ECO_LINK_REDIRECT_FILE } from '../../infra/constructs/site-hosting';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
/** Types worth compressing (images and fonts are compressed already), as CloudFront chooses them. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);
/** CloudFront compresses objects from 1,000 bytes. */
const MIN_COMPRESS_BYTES = 1000;

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to answer an `Accept-Encoding` header with: brotli if accepted, else gzip, else none.
 * A coding with `q=0` is refused; `*` accepts any coding not named.
 */
export function chooseEncoding(acceptEncoding: string | undefined): ContentEncoding {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    weights.set(name, q ? Number.parseFloat(q.slice(2)) || 0 : 1);
  }
  const accepts = (coding: string) => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}

const compressors: Record<Exclude<ContentEncoding, 'identity'>, (content: Buffer) => Promise<Buffer>> = {
  br: (content) =>
    promisify(brotliCompress)(content, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length },
    }),
  gzip: (content) => promisify(gzip)(content, { level: 9 }),
};

type EdgeResult = { uri: string } | { statusCode: number; headers: Record<string, { value: string }> };

/** The same CloudFront Function the hosted app runs in front of the H5 files (eco-code links). */
const edgeRedirect = vm.runInNewContext(`${readFileSync(ECO_LINK_REDIRECT_FILE, 'utf8')}\n;handler`) as (event: { request: { uri: string } }) => EdgeResult;

export interface H5FilesOptions {
  /** The H5 build (miniapp/dist); without it every file answers 404. */
  staticDir?: string;
  /** Where photos are uploaded to and shown from, for the app's content security policy. */
  objectStoreOrigin: string;
}

/** Answers requests for the H5 files (anything outside /api). */
export function h5Files(options: H5FilesOptions): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  const { staticDir } = options;
  const security = appSecurityHeaders(options.objectStoreOrigin);
  const compressed = new Map<string, Promise<Buffer>>();
  const compress = (file: string, mtimeMs: number, encoding: Exclude<ContentEncoding, 'identity'>, content: Buffer) => {
    const key = `${encoding}:${mtimeMs}:${file}`;
    const known = compressed.get(key);
    if (known) return known;
    const result = compressors[encoding](content);
    compressed.set(key, result);
    return result;
  };

  return async (req, res, pathname) => {
    const edge = edgeRedirect({ request: { uri: pathname } });
    if ('statusCode' in edge) {
      res.writeHead(edge.statusCode, { ...security, ...Object.fromEntries(Object.entries(edge.headers).map(([name, { value }]) => [name, value])) });
      return void res.end();
    }
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', ...security });
      res.end(JSON.stringify({ message: 'Not Found' }));
    };
    if (!staticDir) return notFound();
    const relative = normalize(requestPath(pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(staticDir, relative);
    if (!file.startsWith(staticDir)) return notFound();
    let info = await stat(file).catch(() => undefined);
    if (!info || info.isDirectory()) {
      file = join(staticDir, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    const content = info && (await readFile(file).catch(() => undefined));
    if (!info || !content) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...security });
      return void res.end('H5 app not built yet: run `npm run build:h5`.');
    }

    const extension = extname(file);
    const compressible = COMPRESSIBLE.has(extension) && content.length >= MIN_COMPRESS_BYTES;
    const encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
    const body = encoding === 'identity' ? content : await compress(file, info.mtimeMs, encoding, content);
    const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(file);
    res.writeHead(200, {
      'content-type': MIME[extension] ?? 'application/octet-stream',
      'content-length': String(body.length),
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(compressible ? { vary: 'Accept-Encoding' } : {}),
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
      ...security,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/** Only the H5 files on a port of their own (the benchmark and the build-weight test measure them). */
export async function startH5FileServer(options: H5FilesOptions & { port?: number }): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const serve = h5Files(options);
  const server = createServer((req, res) => {
    serve(req, res, new URL(req.url ?? '/', 'http://localhost').pathname).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
