/**
 * Which streets an officer acts for. Pure. Bureau officers act on everything in their district;
 * street officers only on their street's. The registry checks it on every officer action, identity
 * when linking an operator to a source. (Operators act only on sources linked to them; that check
 * needs the table, so the registry's service makes it.)
 */
import { ApiError } from './errors';
import type { Principal } from './tokens';

export type OfficerScope = { kind: 'district' } | { kind: 'street'; streetCode: string };

export function officerScope(principal: Principal): OfficerScope {
  if (principal.roles.includes('bureau_officer')) return { kind: 'district' };
  if (principal.roles.includes('street_officer') && principal.streetCode) return { kind: 'street', streetCode: principal.streetCode };
  throw new ApiError('FORBIDDEN', 'Only officers may do this');
}

export function scopeCovers(scope: OfficerScope, streetCode: string): boolean {
  return scope.kind === 'district' || scope.streetCode === streetCode;
}

/** The street an officer's list is limited to: their own, or the one a bureau officer chose. */
export function streetFilter(scope: OfficerScope, requested: string | undefined): string | undefined {
  if (scope.kind === 'district') return requested;
  if (requested && requested !== scope.streetCode) throw new ApiError('FORBIDDEN', 'Street officers see only their own street');
  return scope.streetCode;
}

export function requireScope(scope: OfficerScope, streetCode: string): void {
  if (!scopeCovers(scope, streetCode)) throw new ApiError('FORBIDDEN', "This source is in another street's care");
}
