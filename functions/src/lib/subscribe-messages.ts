/**
 * WeChat subscribe messages (订阅消息) behind a port, like SMS: the development sender logs what it
 * would send; a sender calling WeChat's subscribe-message API (with the stable access token) is a
 * drop-in. Templates are configuration (`shared/src/notifications/subscribe-templates.json`).
 */
import type { Logger } from './logger';

export interface SubscribeMessage {
  /** The recipient's openid in the mini-program. */
  toOpenId: string;
  templateId: string;
  /** Where a tap opens, with its query. */
  page: string;
  data: Record<string, { value: string }>;
}

export interface SubscribeMessageSender {
  send(message: SubscribeMessage): Promise<void>;
}

/** Writes each message to the log instead of sending it (the openid cut to its last four characters). */
export class LoggingSubscribeMessageSender implements SubscribeMessageSender {
  constructor(private readonly logger: Logger) {}

  async send(message: SubscribeMessage): Promise<void> {
    this.logger.info('subscribe message (development sender, not sent)', {
      to: `…${message.toOpenId.slice(-4)}`,
      templateId: message.templateId,
      page: message.page,
      data: message.data,
    });
  }
}

/** Keeps what it would send, for tests. */
export class RecordingSubscribeMessageSender implements SubscribeMessageSender {
  readonly sent: SubscribeMessage[] = [];

  async send(message: SubscribeMessage): Promise<void> {
    this.sent.push(message);
  }
}
