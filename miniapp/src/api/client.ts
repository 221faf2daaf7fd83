/**
 * The mini-app's only door to the API. Methods and paths come from the shared endpoint table (free
 * of zod); request and response types from the route table and its zod schemas through type-only
 * imports, so zod never enters the bundle.
 */
import Taro from '@tarojs/taro';
import type { z } from 'zod/mini';
import { ENDPOINTS } from '@green-shield/shared/api/endpoints';
import type { ROUTES } from '@green-shield/shared/api/routes';
import type { ErrorBody, ErrorCode, ErrorDetail } from '@green-shield/shared/api/errors';
import type * as S from '@green-shield/shared/api/schemas';
import type { ImportFormat } from '@green-shield/shared/api/limits';
import { zh, type ClientErrorCode, type SourceErrorCode } from '../i18n/zh-CN';
import { accessTokenIsFresh, clearSession, getSession, reloadSession, startSession } from '../session';
import { PAGES } from '../navigation';

type Routes = typeof ROUTES;
export type RouteId = keyof Routes;

type SchemaAt<Id extends RouteId, Part extends 'body' | 'query' | 'params'> = Routes[Id] extends { [P in Part]: infer Schema extends z.ZodMiniType }
  ? Schema
  : never;

type Part<Id extends RouteId, Name extends 'body' | 'params', Schema = SchemaAt<Id, Name>> = [Schema] extends [never]
  ? unknown
  : Schema extends z.ZodMiniType
    ? { [K in Name]: z.input<Schema> }
    : never;

/** Query strings are optional as a whole: every query field of the API is optional or has a fallback. */
type QueryPart<Id extends RouteId, Schema = SchemaAt<Id, 'query'>> = [Schema] extends [never]
  ? unknown
  : Schema extends z.ZodMiniType
    ? { query?: z.input<Schema> }
    : never;

export type RequestOf<Id extends RouteId> = Part<Id, 'body'> & Part<Id, 'params'> & QueryPart<Id> & { headers?: Record<string, string> };
export type ResponseOf<Id extends RouteId> = z.infer<Routes[Id]['response']>;

/** Routes whose request needs nothing can be called without a second argument. */
type RequestArgs<Id extends RouteId> = object extends RequestOf<Id> ? [request?: RequestOf<Id>] : [request: RequestOf<Id>];

/** Routes that answer with a document (SVG) instead of JSON: fetched as text with `fetchDocument`. */
type DocumentRouteId = { [Id in RouteId]: Routes[Id] extends { produces: string } ? Id : never }[RouteId];

/** Empty for H5 (same origin as the gateway), an HTTPS origin for WeChat; see `.env.*`. */
const API_BASE = process.env.TARO_APP_API;
const REQUEST_TIMEOUT_MS = 15_000;

/** The API names fields by where they came from (`body.location.address`); forms know only the path. */
const REQUEST_PART = /^(body|query|path)(\.|$)/;

/**
 * A field message users can read: the API's own where it speaks Chinese (its checks' messages for
 * users), plain words otherwise (a schema's English default, an internal check's wording).
 */
function readableFieldMessage(message: string): string {
  return /[\u4e00-\u9fff]/.test(message) ? message : zh.common.fieldInvalid;
}

export class ApiError extends Error {
  /** Field problems with paths relative to the request part, e.g. `location.address`, in words users can read. */
  readonly details: ErrorDetail[];

  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode | SourceErrorCode,
    serverMessage: string,
    details: ErrorDetail[] = [],
    /** From a 429's Retry-After: how long until the limit lets the user try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(serverMessage);
    this.name = 'ApiError';
    this.details = details.map((detail) => ({ field: detail.field.replace(REQUEST_PART, ''), message: readableFieldMessage(detail.message) }));
  }

  /** The message shown to the user: our Chinese wording for the code, the server's as a fallback. */
  get userMessage(): string {
    if (this.code === 'RATE_LIMITED' && this.retryAfterSeconds) return zh.rateLimitedFor(this.retryAfterSeconds);
    return zh.errors[this.code] ?? this.message;
  }

  /** Field messages by the API's field path (e.g. `location.address`), for showing next to inputs. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.details.map((detail) => [detail.field, detail.message]));
  }
}

/** The message for a failure; `wording` replaces the usual one for codes that mean something else on this page. */
export function userMessageOf(error: unknown, wording: Partial<Record<ApiError['code'], string>> = {}): string {
  if (!(error instanceof ApiError)) return zh.errors.UNKNOWN;
  return wording[error.code] ?? error.userMessage;
}

function buildPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params?.[name] ?? ''));
}

function buildQuery(query: Record<string, unknown> | undefined): string {
  const pairs = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** Seconds from a Retry-After header (WeChat keeps the server's spelling of header names, browsers lowercase them). */
function retryAfterOf(header: unknown): number | undefined {
  const value = Object.entries((header ?? {}) as Record<string, unknown>).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

function isErrorBody(data: unknown): data is ErrorBody {
  return typeof data === 'object' && data !== null && typeof (data as ErrorBody).error?.code === 'string';
}

export async function call<Id extends RouteId>(id: Id, ...[request]: RequestArgs<Id>): Promise<ResponseOf<Id>> {
  return parse(id, await sendSignedIn(id, request as RequestParts | undefined, 'json'));
}

/**
 * A route that answers with a document (the eco-code poster's SVG) as text. Error answers are
 * still JSON and become an ApiError like any other.
 */
export async function fetchDocument<Id extends DocumentRouteId>(id: Id, ...[request]: RequestArgs<Id>): Promise<string> {
  const response = await sendSignedIn(id, request as RequestParts | undefined, 'text');
  if (response.statusCode >= 200 && response.statusCode < 300) return String(response.data ?? '');
  return parse(id, { ...response, data: parseJsonText(response.data) }) as never;
}

interface RequestParts {
  body?: unknown;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
}

type ResponseFormat = 'json' | 'text';

async function sendSignedIn(id: RouteId, request: RequestParts | undefined, format: ResponseFormat) {
  const token = await currentAccessToken();
  const response = await send(id, request, token, format);
  if (response.statusCode === 401 && token) {
    // Revoked or expired early (e.g. a changed role): one refresh, one retry, else sign in again.
    const renewed = await refreshSession().catch(endSessionIfRefused);
    if (renewed) return send(id, request, renewed, format);
  }
  return response;
}

async function send(id: RouteId, request: RequestParts | undefined, token: string | undefined, format: ResponseFormat = 'json') {
  const { method, path: pathTemplate } = ENDPOINTS[id];
  const { body, params, query, headers } = request ?? {};
  const header: Record<string, string> = { ...headers };
  if (token) header.Authorization = `Bearer ${token}`;
  return Taro.request({
    url: `${API_BASE}${buildPath(pathTemplate, params)}${buildQuery(query)}`,
    method,
    data: body,
    header,
    timeout: REQUEST_TIMEOUT_MS,
    // WeChat returns the body unparsed for any dataType but 'json'; Taro's H5 reads it as text.
    dataType: format,
    responseType: 'text',
  }).catch((failure: { errMsg?: string }) => {
    throw new ApiError(0, 'NETWORK', failure.errMsg ?? 'network error');
  });
}

function parseJsonText(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function parse<Id extends RouteId>(_id: Id, { statusCode, data, header }: { statusCode: number; data: unknown; header?: unknown }): ResponseOf<Id> {
  if (statusCode >= 200 && statusCode < 300) return data as ResponseOf<Id>;
  if (isErrorBody(data)) throw new ApiError(statusCode, data.error.code, data.error.message, data.error.details, retryAfterOf(header));
  throw new ApiError(statusCode, statusCode >= 500 ? 'INTERNAL' : 'UNKNOWN', `HTTP ${statusCode}`);
}

// ---------- session tokens ----------

let pendingRefresh: Promise<string> | undefined;

/** The access token to send, refreshed first when it is about to run out. */
async function currentAccessToken(): Promise<string | undefined> {
  const session = getSession();
  if (!session) return undefined;
  if (accessTokenIsFresh(session)) return session.accessToken;
  return refreshSession().catch(endSessionIfRefused);
}

/**
 * Only the server's refusal ends a session. A network failure (offline, or the page unloading
 * mid-refresh) must keep the stored tokens, or closing the app at the wrong moment signs the user out.
 */
function endSessionIfRefused(error: unknown): undefined {
  if (error instanceof ApiError && error.status === 401) {
    endSession();
    return undefined;
  }
  throw error;
}

/**
 * One refresh at a time: concurrent requests share it. A refresh token works once; presented again
 * after the server's grace it ends the session, so tokens another page refreshed meanwhile are taken
 * up rather than this page's used one sent again.
 */
function refreshSession(): Promise<string> {
  pendingRefresh ??= (async () => {
    const known = getSession();
    const session = reloadSession();
    if (!session) throw new ApiError(401, 'UNAUTHENTICATED', 'signed out');
    if (session.refreshToken !== known?.refreshToken && accessTokenIsFresh(session)) return session.accessToken;
    const tokens = parse('refreshToken', await send('refreshToken', { body: { refreshToken: session.refreshToken } }, undefined));
    startSession(tokens);
    return tokens.accessToken;
  })().finally(() => {
    pendingRefresh = undefined;
  });
  return pendingRefresh;
}

function endSession(): void {
  clearSession();
  Taro.reLaunch({ url: PAGES.login });
}

/** Retires the refresh token on the server too; signing out works offline all the same. */
export async function signOut(): Promise<void> {
  const session = getSession();
  if (session) await send('signOut', { body: { refreshToken: session.refreshToken } }, undefined).catch(() => undefined);
  endSession();
}

let districtRequest: Promise<S.DistrictViewT> | undefined;

/** The district's streets and time limits change with a deployment, not during a session. */
export function getDistrict(): Promise<S.DistrictViewT> {
  districtRequest ??= call('district').catch((error: unknown) => {
    districtRequest = undefined;
    throw error;
  });
  return districtRequest;
}

// ---------- uploads (photos, import files) ----------

export type ImageContentType = z.input<typeof S.CreateUploadBody>['contentType'];

/** A file on the device: a local temp file path (WeChat) or a blob: URL (H5). */
export interface LocalFile {
  path: string;
  size: number;
  /** The file's own name, where the platform gives one (H5 file inputs, WeChat chat files). */
  name?: string;
}

type UploadTicket = ResponseOf<'createUpload'> | ResponseOf<'createImportUpload'>;

/**
 * Sends a local file straight to storage with the ticket's presigned POST: the ticket's fields
 * first (its policy and the `Content-Type` the storage holds the upload to), the file last as
 * `file`. Returns the ticket's key, which the request that uses the file then names.
 */
async function uploadToTicket(ticket: UploadTicket, file: LocalFile, onProgress: (percent: number) => void): Promise<string> {
  const task = Taro.uploadFile({
    url: ticket.url,
    filePath: file.path,
    name: 'file',
    formData: ticket.fields,
    // H5 only: without it the part is called `file-<time>`.
    ...(file.name ? { fileName: file.name } : {}),
    // A presigned POST needs no cookies, and storage CORS does not allow credentials.
    withCredentials: false,
  });
  task.onProgressUpdate(({ progress }) => onProgress(progress));
  const result = await task.catch((failure: { errMsg?: string }) => {
    throw new ApiError(0, 'UPLOAD_FAILED', failure.errMsg ?? 'upload failed');
  });
  if (result.statusCode < 200 || result.statusCode >= 300) {
    throw new ApiError(result.statusCode, 'UPLOAD_FAILED', `storage answered ${result.statusCode}`);
  }
  return ticket.key;
}

/** Uploads one image; the complaint (or an officer's resolution, …) then names its key in `photoKeys`. */
export async function uploadImage(image: LocalFile, contentType: ImageContentType, onProgress: (percent: number) => void): Promise<string> {
  const ticket = await call('createUpload', { body: { contentType, size: image.size } });
  return uploadToTicket(ticket, image, onProgress);
}

/** Uploads a CSV or XLSX list of sources (bureau officers); `importSources` then names its key. */
export async function uploadImportFile(file: LocalFile, format: ImportFormat, onProgress: (percent: number) => void): Promise<string> {
  const ticket = await call('createImportUpload', { body: { format, size: file.size } });
  return uploadToTicket(ticket, file, onProgress);
}
