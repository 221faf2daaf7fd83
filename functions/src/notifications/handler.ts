import { NOTIFICATIONS_ROUTES } from '@green-shield/shared/api/routes/notifications';
import { createHttpHandler, type HttpHandler } from '../lib/http';
import { apiDepsFromEnv, lazy, type ApiDeps } from '../store/runtime';
import { NotificationRepository } from '../store/notifications';
import { SubscribeConsents } from '../store/notifier';

export function createNotificationsHandler(deps: ApiDeps): HttpHandler {
  const repo = new NotificationRepository(deps.db, deps.tableName);
  const consents = new SubscribeConsents(deps.db, deps.tableName);
  return createHttpHandler(
    NOTIFICATIONS_ROUTES,
    {
      listNotifications: async ({ principal }) => {
        const items = await repo.latest(principal.userId);
        return { items, unread: items.filter((item) => !item.read).length };
      },
      markNotificationsRead: async ({ principal, body }) => {
        const ids = body.ids ?? (await repo.latest(principal.userId)).filter((item) => !item.read).map((item) => item.id);
        return { updated: await repo.markRead(principal.userId, ids) };
      },
      recordSubscriptions: async ({ principal, body }) => ({ recorded: await consents.record(principal.userId, body.templateKeys) }),
    },
    deps,
  );
}

export const handler = /* @__PURE__ */ lazy(() => createNotificationsHandler(apiDepsFromEnv('notifications')));
