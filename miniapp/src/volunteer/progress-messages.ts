import Taro from '@tarojs/taro';
import { SUBSCRIBE_TEMPLATES } from '@green-shield/shared/notifications/subscribe-templates';
import { call } from '../api/client';

/** The templates a consent can be asked for (those the deployment configured; WeChat asks for three at most). */
const TEMPLATES = Object.entries(SUBSCRIBE_TEMPLATES)
  .filter(([, template]) => template.templateId)
  .slice(0, 3);

/** Subscribe messages are WeChat's: the H5 app has none to ask for. */
export const ASKS_FOR_MESSAGES = process.env.TARO_ENV === 'weapp' && TEMPLATES.length > 0;

/**
 * Asks the user, from a tap, for consent to the configured templates (WeChat's own dialog; each
 * consent allows one message) and tells the server each one given. How many were given.
 */
export async function askForProgressMessages(): Promise<number> {
  // Closing the dialog, or a client too old to ask, is no consent. The answer names each template id.
  const answer: Record<string, unknown> = await Taro.requestSubscribeMessage({
    tmplIds: TEMPLATES.map(([, template]) => template.templateId),
    entityIds: [],
  }).then(
    (result) => ({ ...result }),
    () => ({}),
  );
  const accepted = TEMPLATES.filter(([, template]) => answer[template.templateId] === 'accept').map(([key]) => key);
  if (accepted.length > 0) await call('recordSubscriptions', { body: { templateKeys: accepted } });
  return accepted.length;
}
