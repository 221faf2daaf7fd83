/**
 * WeChat subscribe messages (订阅消息) behind a port, like SMS: WeChat's sender where the stage
 * configures a mini-program (its subscribe-message API, with the access token the sign-in adapter's
 * client caches), else the development sender, which logs what it would send. Templates are
 * configuration (`shared/src/notifications/subscribe-templates.json`).
 */
import type { Clock } from './clock';
import { env } from './config';
import type { Logger } from './logger';
import { secretValueFromEnv } from './secret-value';
import { WechatServerClient } from './wechat-server';

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

/** Which version of the mini-program a tap on the message opens: the released one, the trial build, or the developers'. */
export type MiniProgramState = 'formal' | 'trial' | 'developer';

/** WeChat's refusals of a message, in words for the log (any other: its errcode alone). */
const REFUSALS: Readonly<Record<number, string>> = {
  43101: 'the user has no consent left for this template (WeChat counts them too)',
  40003: 'not an openid of this mini-program',
  40037: "not one of this mini-program's template ids",
  47003: 'a field value WeChat does not take (its type or length)',
  41030: 'the page is not in the released mini-program',
};

/**
 * Sends through WeChat's subscribe-message API (`subscribeMessage.send`). A message is sent once:
 * its consent is already spent (store/notifier.ts), so a refusal or an outage is logged, not thrown
 * (a retry of the stream record would send nothing more anyway).
 */
export class WechatSubscribeMessageSender implements SubscribeMessageSender {
  constructor(
    private readonly wechat: WechatServerClient,
    private readonly logger: Logger,
    private readonly state: MiniProgramState = 'formal',
  ) {}

  async send(message: SubscribeMessage): Promise<void> {
    const about = { to: `…${message.toOpenId.slice(-4)}`, templateId: message.templateId };
    try {
      const answer = await this.wechat.callWithToken('/cgi-bin/message/subscribe/send', {
        touser: message.toOpenId,
        template_id: message.templateId,
        page: message.page,
        data: message.data,
        miniprogram_state: this.state,
        lang: 'zh_CN',
      });
      if (answer.errcode) this.logger.warn('subscribe message refused by WeChat', { ...about, errcode: answer.errcode, why: REFUSALS[answer.errcode] });
      else this.logger.info('subscribe message sent', about);
    } catch (error) {
      this.logger.warn('subscribe message not sent: WeChat unavailable', { ...about, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** WeChat's sender where the stage configures a mini-program (WECHAT_APP_ID and its AppSecret), else the development one. */
export function subscribeMessageSenderFromEnv(clock: Clock, logger: Logger): SubscribeMessageSender {
  const appId = env('wechatAppId');
  if (!appId) return new LoggingSubscribeMessageSender(logger);
  return new WechatSubscribeMessageSender(new WechatServerClient(appId, secretValueFromEnv('wechatAppSecretSecret', 'wechatAppSecret'), clock), logger);
}
