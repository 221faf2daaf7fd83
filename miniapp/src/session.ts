/** The signed-in user and their tokens, kept in Taro storage across launches. */
import Taro from '@tarojs/taro';
import { OFFICER_ROLES } from '@green-shield/shared/api/endpoints';
import type { TokenResponseT, UserViewT } from '@green-shield/shared/api/schemas';

export interface Session {
  accessToken: string;
  /** Epoch ms; a token this close to expiry is refreshed before a request uses it. */
  expiresAt: number;
  /** Exchanged for a new pair when the access token runs out. */
  refreshToken: string;
  refreshExpiresAt: number;
  user: UserViewT;
}

const STORAGE_KEY = 'green-shield.session';
const EXPIRY_MARGIN_MS = 30_000;

let current: Session | null | undefined;

export function getSession(): Session | null {
  if (current === undefined) {
    const stored = Taro.getStorageSync(STORAGE_KEY) as Session | '';
    current = stored || null;
  }
  // A session from before refresh tokens, or whose refresh token ran out, is over.
  if (current && !(current.refreshToken && current.refreshExpiresAt - EXPIRY_MARGIN_MS > Date.now())) clearSession();
  return current;
}

/**
 * The session as stored, which another page of the H5 app may have refreshed since this one read it.
 * A refresh token works once, and a used one presented again ends the session on the server.
 */
export function reloadSession(): Session | null {
  current = undefined;
  return getSession();
}

export function accessTokenIsFresh(session: Session): boolean {
  return session.expiresAt - EXPIRY_MARGIN_MS > Date.now();
}

export function startSession(tokens: TokenResponseT): void {
  const now = Date.now();
  current = {
    accessToken: tokens.accessToken,
    expiresAt: now + tokens.expiresIn * 1000,
    refreshToken: tokens.refreshToken,
    refreshExpiresAt: now + tokens.refreshExpiresIn * 1000,
    user: tokens.user,
  };
  Taro.setStorageSync(STORAGE_KEY, current);
}

export function clearSession(): void {
  current = null;
  Taro.removeStorageSync(STORAGE_KEY);
}

export function isOfficer(user: UserViewT): boolean {
  return user.roles.some((role) => OFFICER_ROLES.includes(role));
}

export function isBureauOfficer(user: UserViewT): boolean {
  return user.roles.includes('bureau_officer');
}

/** Bureau officers see the whole district and filter by street; street officers see only their own. */
export function seesWholeDistrict(user: UserViewT): boolean {
  return isBureauOfficer(user);
}
