/**
 * How an SMS send failed, in a file of its own with no imports: the provider adapters (`lazy/`) are
 * bundled apart from the function and carry their own copy of it, so a failure is recognised by its
 * name rather than by `instanceof`.
 */

/**
 * The three kinds the API answers differently: the number or the account is sending too often (429),
 * the provider refuses this number (400), or the provider cannot send at all just now — outage,
 * spending limit, wrong configuration (503).
 */
export type SmsFailureKind = 'throttled' | 'number_rejected' | 'unavailable';

/** A send that failed: the provider's own code, never its message (which may quote the number). */
export class SmsDeliveryError extends Error {
  constructor(
    readonly kind: SmsFailureKind,
    readonly providerCode: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`SMS not sent (${kind}): ${providerCode}`);
    this.name = 'SmsDeliveryError';
  }
}

export function isSmsDeliveryError(error: unknown): error is SmsDeliveryError {
  return error instanceof Error && error.name === 'SmsDeliveryError' && typeof (error as SmsDeliveryError).kind === 'string';
}
