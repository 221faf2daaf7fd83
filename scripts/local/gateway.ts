/**
 * The local stand-in for API Gateway (HTTP API, payload v2): each request becomes the event Lambda
 * would receive, routed by the shared route table to the same handler code. Unmatched requests go to
 * the `$default` function, as in AWS. Outside /api it serves the H5 build, as CloudFront does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { matchRoute, requestPath, routeKey, type Service } from '@green-shield/shared/api/routes';
import type { HttpHandler } from '../../functions/src/lib/http';
import { CORS_POLICY } from '../../functions/src/lib/cors';
import { NOSNIFF } from '../../functions/src/lib/security-headers';
import type { Logger } from '../../functions/src/lib/logger';
import { h5Files } from './h5-files';

/** API Gateway's own payload limit for HTTP APIs. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
const TEXT_CONTENT = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

export interface GatewayOptions {
  port: number;
  handlers: Record<Service, HttpHandler>;
  defaultService: Service;
  staticDir?: string;
  /** Where photos are uploaded to and shown from (the local S3), for the app's content security policy. */
  objectStoreOrigin: string;
  logger: Logger;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > GATEWAY_MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function joinedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

export function toLambdaEvent(req: IncomingMessage, url: URL, body: Buffer, route: string, pathParameters?: Record<string, string>): APIGatewayProxyEventV2 {
  const headers = joinedHeaders(req);
  // HTTP APIs hand the function the decoded path, as they route it.
  const path = requestPath(url.pathname);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const textual = TEXT_CONTENT.test(headers['content-type'] ?? 'application/json');
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: route,
    rawPath: path,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters,
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
  };
}

function lambdaContext(functionName: string): Context {
  const started = Date.now();
  return {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `local:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, 30_000 - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*', ...NOSNIFF, ...headers });
  res.end(JSON.stringify(body));
}

export async function handleApiRequest(options: GatewayOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-origin': CORS_POLICY.allowOrigins.join(','),
      'access-control-allow-methods': CORS_POLICY.allowMethods.join(','),
      'access-control-allow-headers': CORS_POLICY.allowHeaders.join(','),
      'access-control-max-age': String(CORS_POLICY.maxAgeSeconds),
      ...NOSNIFF,
    });
    res.end();
    return 204;
  }
  const body = await readBody(req);
  if (body === 'too-large') {
    sendJson(res, 413, { message: 'Request Entity Too Large' });
    return 413;
  }
  const match = matchRoute(req.method ?? 'GET', requestPath(url.pathname));
  const [service, route, pathParameters] =
    match.kind === 'match' ? [match.route.service, routeKey(match.route), match.pathParameters] : [options.defaultService, '$default', undefined];
  const result = await options.handlers[service](toLambdaEvent(req, url, body, route, pathParameters), lambdaContext(service));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ? (result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body) : undefined);
  return result.statusCode ?? 200;
}

export async function startGateway(options: GatewayOptions): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const serveH5File = h5Files(options);
  const server = createServer(async (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    let status = 500;
    try {
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) status = await handleApiRequest(options, req, res, url);
      else await serveH5File(req, res, url.pathname);
    } catch (error) {
      options.logger.error('gateway failure', { error });
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
    } finally {
      if (url.pathname.startsWith('/api')) {
        options.logger.debug('gateway request', { method: req.method, path: url.pathname, status, ms: Math.round(performance.now() - started) });
      }
    }
  });
  // Idle connections are closed by the client first (Node's fetch lets one idle 4 s): a server that
  // closed them at 5 s could race a request reusing the socket after the process was busy (ECONNRESET),
  // as API Gateway and load balancers avoid with long idle timeouts of their own.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${options.port}`, server, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
