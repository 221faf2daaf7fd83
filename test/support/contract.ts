/**
 * The contract test: every API response the integration and browser tests receive is parsed with
 * its route's declared response schema (a success) or the one error shape (4xx/5xx). Each checked
 * response is noted in the run's scratch directory; global-setup.ts turns the notes into
 * test-artifacts/contract-coverage-<project>.json and a one-line summary at the end of the run.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchRoute, requestPath, ROUTES, type RouteId, type RouteSpec } from '@green-shield/shared/api/routes';
import { ErrorBody } from '@green-shield/shared/api/schemas';
import type { z } from 'zod/mini';

export interface ObservedResponse {
  method: string;
  /** Path with or without query string, or a full URL. */
  url: string;
  status: number;
  contentType: string;
  /** Parsed JSON for a JSON answer, else the text. */
  body: unknown;
}

/** One checked response: its route (or `METHOD path` when no route matches), status and what is wrong with it. */
export interface ContractCheck {
  route: string;
  status: number;
  problem?: string;
  /** The body was gone before it could be read (a browser page navigated away): not checked. */
  unread?: true;
}

const NOTES_FILE = 'contract-notes.jsonl';

const describeIssues = (error: z.core.$ZodError) =>
  error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

/** Fields of `sent` that parsing dropped: the response carries something its schema does not declare. */
function undeclaredFields(sent: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) return sent.flatMap((item, i) => undeclaredFields(item, parsed[i], `${at}[${i}]`));
  if (!sent || typeof sent !== 'object' || !parsed || typeof parsed !== 'object') return [];
  return Object.entries(sent).flatMap(([key, value]) => {
    const path = at ? `${at}.${key}` : key;
    return key in parsed ? undeclaredFields(value, (parsed as Record<string, unknown>)[key], path) : [path];
  });
}

function problemWith(response: ObservedResponse, spec: RouteSpec | undefined): string | undefined {
  const isJson = /^application\/json\b/i.test(response.contentType);
  if (response.status >= 400) {
    if (!isJson) return `error answered as ${response.contentType || 'no content type'}, not JSON`;
    const parsed = ErrorBody.safeParse(response.body);
    return parsed.success ? undefined : `error body is not the one error shape: ${describeIssues(parsed.error)}`;
  }
  if (!spec) return `success (${response.status}) from a request no route declares`;
  if (response.status !== spec.successStatus) return `status ${response.status}, but the route declares ${spec.successStatus}`;
  if (spec.produces) {
    return response.contentType.startsWith(spec.produces) ? undefined : `content type ${response.contentType}, but the route produces ${spec.produces}`;
  }
  if (!isJson) return `answered as ${response.contentType || 'no content type'}, not JSON`;
  const parsed = spec.response.safeParse(response.body);
  if (!parsed.success) return `body does not match the declared response schema: ${describeIssues(parsed.error)}`;
  const undeclared = undeclaredFields(response.body, parsed.data);
  return undeclared.length ? `body has fields the response schema does not declare: ${undeclared.slice(0, 10).join(', ')}` : undefined;
}

/** The path of an API call worth checking: not outside /api/, not a CORS preflight. */
function apiPath(response: Pick<ObservedResponse, 'method' | 'url'>): string | undefined {
  const pathname = requestPath(new URL(response.url, 'http://api.invalid').pathname);
  return pathname.startsWith('/api/') && response.method !== 'OPTIONS' ? pathname : undefined;
}

/** Checks one response; undefined for what is not the API (outside /api/) and for CORS preflights. */
export function checkApiResponse(response: ObservedResponse): ContractCheck | undefined {
  const pathname = apiPath(response);
  if (!pathname) return undefined;
  const match = matchRoute(response.method, pathname);
  const spec = match.kind === 'match' ? match.route : undefined;
  const problem = problemWith(response, spec);
  const route = match.kind === 'match' ? match.id : `${response.method} ${pathname}`;
  if (!problem) return { route, status: response.status };
  const declared = spec ? `route ${route} (${spec.method} ${spec.path})` : 'no route';
  return { route, status: response.status, problem: `Contract broken by ${response.method} ${pathname} → ${response.status}, ${declared}: ${problem}` };
}

const note = (check: ContractCheck, notesDir: string) => appendFileSync(join(notesDir, NOTES_FILE), `${JSON.stringify(check)}\n`);

/** Checks a response and notes the check in `notesDir`; returns the message of a broken contract. */
export function checkAndNote(response: ObservedResponse, notesDir: string): string | undefined {
  const check = checkApiResponse(response);
  if (check) note(check, notesDir);
  return check?.problem;
}

/** Notes a response whose body was gone before it could be checked, so the coverage says so. */
export function noteUnread(response: Pick<ObservedResponse, 'method' | 'url' | 'status'>, notesDir: string): void {
  const pathname = apiPath(response);
  if (!pathname) return;
  const match = matchRoute(response.method, pathname);
  note({ route: match.kind === 'match' ? match.id : `${response.method} ${pathname}`, status: response.status, unread: true }, notesDir);
}

export interface ContractCoverage {
  project: string;
  checkedResponses: number;
  mismatches: number;
  /** Responses whose body was gone before it could be read (not counted as checked). */
  unread: number;
  /** Per route id: how many responses of each status were checked. */
  routes: Record<string, Record<string, number>>;
  /** Routes that answered a test with a success, so their response schema was checked. */
  successChecked: RouteId[];
  /** Routes no test called. */
  untouched: RouteId[];
}

/** Sums up the checks of a run. */
export function summarizeChecks(project: string, notes: ContractCheck[]): ContractCoverage {
  const checks = notes.filter((check) => !check.unread);
  const routes: Record<string, Record<string, number>> = {};
  for (const { route, status } of checks) {
    routes[route] ??= {};
    routes[route][status] = (routes[route][status] ?? 0) + 1;
  }
  const ids = Object.keys(ROUTES) as RouteId[];
  return {
    project,
    checkedResponses: checks.length,
    mismatches: checks.filter((check) => check.problem).length,
    unread: notes.length - checks.length,
    routes,
    successChecked: ids.filter((id) => Object.keys(routes[id] ?? {}).some((status) => Number(status) < 400)),
    untouched: ids.filter((id) => !routes[id]),
  };
}

/** The checks noted in `notesDir` during a run (none when no test called the API). */
export function readNotes(notesDir: string): ContractCheck[] {
  const file = join(notesDir, NOTES_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

export function coverageSummary(coverage: ContractCoverage, file: string): string {
  const total = Object.keys(ROUTES).length;
  const untouched = coverage.untouched.length ? ` (untouched: ${coverage.untouched.join(', ')})` : '';
  const unread = coverage.unread ? ` (${coverage.unread} more unread: the page had moved on)` : '';
  return (
    `contract (${coverage.project}): ${coverage.checkedResponses} API responses checked against their declared schemas${unread}, ${coverage.mismatches} mismatches; ` +
    `${total - coverage.untouched.length}/${total} routes called${untouched}, ${coverage.successChecked.length} with a success checked → ${file}`
  );
}
