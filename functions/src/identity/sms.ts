import { maskPhone } from '@green-shield/shared/privacy/mask';
import type { Logger } from '../lib/logger';

/** The seam for SMS delivery; a provider adapter (e.g. Aliyun or Tencent Cloud SMS) implements it. */
export interface SmsSender {
  sendSignInCode(phone: string, code: string): Promise<void>;
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

/** Picks the sender named by SMS_SENDER; an unknown name fails at start-up, not at the first sign-in. */
export function smsSenderNamed(name: string | undefined, logger: Logger): SmsSender {
  switch (name ?? 'console') {
    case 'console':
      return new ConsoleSmsSender(logger);
    default:
      throw new Error(`Unknown SMS_SENDER "${name}"; known: console`);
  }
}
