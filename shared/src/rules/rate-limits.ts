/**
 * Per-account rate limits (rate-limits.json): which routes count as one act, and how many acts each
 * role may take per window.
 */
import table from './rate-limits.json' with { type: 'json' };
import type { Role, RouteId } from '../api/endpoints';

export interface RateLimit {
  count: number;
  windowSeconds: number;
}

export interface RateLimitAction {
  /** The routes that count as this act; they share one counter per account. */
  routes: readonly RouteId[];
  why: string;
  limits: Partial<Record<Role, RateLimit>>;
}

export interface RateLimitTable {
  version: string;
  actions: Record<string, RateLimitAction>;
}

export const RATE_LIMITS: RateLimitTable = table as RateLimitTable;

/** The limit one request falls under: the act it counts as, and how many of those per window. */
export interface AppliedRateLimit extends RateLimit {
  action: string;
}

/**
 * The table as a lookup: the limit on a route for an account with these roles (the most generous
 * of its roles' limits), or undefined when the route is not limited for any of them.
 */
export function rateLimitLookup(rules: RateLimitTable = RATE_LIMITS): (routeId: RouteId, roles: readonly Role[]) => AppliedRateLimit | undefined {
  const byRoute = new Map<RouteId, [string, RateLimitAction]>();
  for (const [action, spec] of Object.entries(rules.actions)) {
    for (const routeId of spec.routes) {
      if (byRoute.has(routeId)) throw new Error(`Route ${routeId} counts as two acts in the rate limits`);
      byRoute.set(routeId, [action, spec]);
    }
  }
  return (routeId, roles) => {
    const found = byRoute.get(routeId);
    if (!found) return undefined;
    const [action, spec] = found;
    let applied: AppliedRateLimit | undefined;
    for (const role of roles) {
      const limit = spec.limits[role];
      if (limit && (!applied || limit.count / limit.windowSeconds > applied.count / applied.windowSeconds)) applied = { action, ...limit };
    }
    return applied;
  };
}
