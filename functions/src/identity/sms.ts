import { maskPhone } from '@green-shield/shared/privacy/mask';
import { ApiError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { rateLimited } from '../lib/rate-limits';
import { isSmsDeliveryError, SmsDeliveryError } from './sms-failure';
import { AliyunCredentials, type SmsSettingsT } from './sms-settings';

export { isSmsDeliveryError, SmsDeliveryError, type SmsFailureKind } from './sms-failure';

/** The seam for SMS delivery; each provider's adapter (lazy/*-sms.ts) implements it. */
export interface SmsSender {
  sendSignInCode(phone: string, code: string): Promise<void>;
}

/** How long a resident waits when the provider is down before trying again. */
const UNAVAILABLE_RETRY_SECONDS = 60;

/** The API's answer to a failed send: never a 500, and nothing about the provider beyond its kind. */
export function smsFailureAnswer(failure: SmsDeliveryError): ApiError {
  switch (failure.kind) {
    case 'throttled':
      return rateLimited('The SMS provider is limiting messages to this number; try again later', failure.retryAfterSeconds ?? UNAVAILABLE_RETRY_SECONDS);
    case 'number_rejected':
      return new ApiError('SMS_NUMBER_REJECTED', 'The SMS provider cannot deliver to this number', [
        { field: 'body.phone', message: '该号码无法接收短信，请确认号码是否正确或更换手机号' },
      ]);
    case 'unavailable':
      return new ApiError('SMS_UNAVAILABLE', 'Sign-in codes cannot be sent right now; try again later', undefined, {
        'retry-after': String(UNAVAILABLE_RETRY_SECONDS),
      });
  }
}

/**
 * Development sender: writes the code to the server log so a developer can sign in locally.
 * The number is masked; the code is logged on purpose and only by this sender.
 */
export class ConsoleSmsSender implements SmsSender {
  constructor(private readonly logger: Logger) {}

  async sendSignInCode(phone: string, code: string): Promise<void> {
    this.logger.info('sign-in code (development SMS sender)', { to: maskPhone(phone), otp: code });
  }
}

/** Test double that records what would have been sent. */
export class RecordingSmsSender implements SmsSender {
  readonly sent: Array<{ phone: string; code: string }> = [];

  async sendSignInCode(phone: string, code: string): Promise<void> {
    this.sent.push({ phone, code });
  }

  lastCodeFor(phone: string): string | undefined {
    return this.sent.findLast((message) => message.phone === phone)?.code;
  }
}

/**
 * A provider's sender, built on the first code sent: its SDK is imported then (a `lazy/` module,
 * bundled beside the function rather than into it, functions/src/bundling.ts), so signing in,
 * refreshing and everything else the identity function does never load it. Every failure leaves as
 * an SmsDeliveryError and is logged with the provider's code and the masked number only.
 */
export class LazySmsSender implements SmsSender {
  private sender?: Promise<SmsSender>;

  constructor(
    private readonly provider: string,
    private readonly load: () => Promise<SmsSender>,
    private readonly logger: Logger,
  ) {}

  async sendSignInCode(phone: string, code: string): Promise<void> {
    try {
      this.sender ??= this.load().catch((error: unknown) => {
        this.sender = undefined;
        throw error;
      });
      await (await this.sender).sendSignInCode(phone, code);
    } catch (error) {
      const failure = isSmsDeliveryError(error) ? error : new SmsDeliveryError('unavailable', error instanceof Error ? error.name : 'unknown');
      this.logger[failure.kind === 'unavailable' ? 'error' : 'warn']('sign-in code not sent', {
        smsProvider: this.provider,
        providerCode: failure.providerCode,
        failure: failure.kind,
        to: maskPhone(phone),
        // The provider's own words only for a failure before any number was involved (loading, credentials).
        ...(isSmsDeliveryError(error) ? {} : { cause: error instanceof Error ? error.message : String(error) }),
      });
      throw failure;
    }
  }
}

/** Reads the provider's access key (JSON) once; a missing or placeholder secret is an `unavailable` failure. */
async function aliyunCredentials(readSecret: () => Promise<string>) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readSecret());
  } catch {
    parsed = undefined;
  }
  const credentials = AliyunCredentials.safeParse(parsed);
  if (!credentials.success) throw new SmsDeliveryError('unavailable', 'CredentialsNotConfigured');
  return credentials.data;
}

/** The sender the settings name; `readCredentials` gives the credentials secret's value. */
export function smsSenderFor(settings: SmsSettingsT, readCredentials: () => Promise<string>, logger: Logger): SmsSender {
  switch (settings.provider) {
    case 'console':
      return new ConsoleSmsSender(logger);
    case 'aliyun':
      return new LazySmsSender(
        'aliyun',
        async () => (await import('./lazy/aliyun-sms.mjs')).createAliyunSmsSender(settings, await aliyunCredentials(readCredentials)),
        logger,
      );
    case 'aws':
      return new LazySmsSender('aws', async () => (await import('./lazy/aws-sms.mjs')).createAwsSmsSender(settings), logger);
  }
}
