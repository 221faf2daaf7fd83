/**
 * Sign-in code policy. Product settings (not regulation): change them here.
 */
export const OTP_POLICY = {
  digits: 6,
  validSeconds: 5 * 60,
  maxAttempts: 5,
  resendAfterSeconds: 60,
  /** Codes sent to one number per hour. */
  perPhonePerHour: 5,
  /** Codes requested from one client address per hour (a shared NAT holds many residents). */
  perAddressPerHour: 30,
} as const;

/** How long a signed-in device stays signed in without a new code. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
/**
 * A used refresh token still answers with the same successor this long after its first use (a
 * refresh whose answer was lost); presented later, it ends the whole session.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 60;
