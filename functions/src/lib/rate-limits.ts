/**
 * Fixed-window rate limits, one mechanism for every limit the API sets: sign-in codes (identity)
 * and how fast one account acts (the HTTP edge, from shared/src/rules/rate-limits.json). Counting
 * is a table operation, so the counter is a port here and its adapter lives in store/rate-limits.ts.
 */
import { ApiError } from './errors';

/** One window of a fixed length, aligned to the epoch: its label (part of the counter's key) and its end. */
export interface RateWindow {
  label: string;
  endsMs: number;
}

export function fixedWindow(now: Date, windowSeconds: number): RateWindow {
  const lengthMs = windowSeconds * 1000;
  const startMs = Math.floor(now.getTime() / lengthMs) * lengthMs;
  // ISO 8601 interval notation: start and duration, so windows of different lengths never share a counter.
  return { label: `${new Date(startMs).toISOString()}/PT${windowSeconds}S`, endsMs: startMs + lengthMs };
}

/** One act to count against a limit. */
export interface RateCount {
  /** What is limited, e.g. `otp-phone` or an action of the rate-limit table. */
  scope: string;
  /** Whose acts are counted: an account, a phone number's hash, a client address. */
  subject: string;
  limit: number;
  window: RateWindow;
  now: Date;
  /**
   * The Idempotency-Key of an idempotent request: a retry of an act counted under this key before
   * is let through without counting again (for as long as the key is remembered).
   */
  actKey?: string;
}

export interface RateCounter {
  /** Counts the act atomically; false, counting nothing, when the window's limit is reached. */
  take(count: RateCount): Promise<boolean>;
}

/** Whole seconds until the window turns, at least one (the value of a Retry-After header). */
export function secondsUntil(endsMs: number, now: Date): number {
  return Math.max(1, Math.ceil((endsMs - now.getTime()) / 1000));
}

/** The one refusal of every rate limit: 429 RATE_LIMITED with Retry-After. */
export function rateLimited(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError('RATE_LIMITED', message, undefined, { 'retry-after': String(retryAfterSeconds) });
}
