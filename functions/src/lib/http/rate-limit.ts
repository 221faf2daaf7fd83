import { RATE_LIMITS, rateLimitLookup, type RateLimitTable } from '@green-shield/shared/rules/rate-limits';
import type { Clock } from '../clock';
import { fixedWindow, rateLimited, type RateCounter, secondsUntil } from '../rate-limits';
import { type EdgeMiddleware, type EdgeRequest, need } from './context';

export interface RateLimitDeps {
  clock: Clock;
  rateCounter: RateCounter;
  /** The limits; the versioned table unless a local system replaces it (the benchmark acts far faster than anyone). */
  rateLimits?: RateLimitTable;
}

const windowName = (seconds: number) =>
  seconds % 86_400 === 0 ? `${seconds / 86_400} day(s)` : seconds % 3600 === 0 ? `${seconds / 3600} hour(s)` : `${seconds} s`;

/**
 * Counts the caller's act against the route's limit for their role before any work is done, and
 * refuses it past the limit with 429 and Retry-After. Only an idempotent route's Idempotency-Key
 * marks a retry (on other routes the header would let a client name every request a retry).
 */
export function rateLimit(deps: RateLimitDeps): EdgeMiddleware {
  const limitFor = rateLimitLookup(deps.rateLimits ?? RATE_LIMITS);
  const rateLimitBefore = async (request: EdgeRequest) => {
    const { principal } = request.context;
    const route = need(request.context, 'route');
    const limit = principal && limitFor(route.id, principal.roles);
    if (!principal || !limit) return;
    const now = deps.clock.now();
    const window = fixedWindow(now, limit.windowSeconds);
    const taken = await deps.rateCounter.take({
      scope: limit.action,
      subject: principal.userId,
      limit: limit.count,
      window,
      now,
      actKey: route.spec.idempotent ? request.context.idempotencyKey : undefined,
    });
    if (!taken) {
      throw rateLimited(
        `This account may do this (${limit.action}) ${limit.count} times per ${windowName(limit.windowSeconds)}; try again later`,
        secondsUntil(window.endsMs, now),
      );
    }
  };
  return { before: rateLimitBefore };
}
