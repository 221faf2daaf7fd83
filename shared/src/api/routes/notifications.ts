/** The notifications function's routes: its endpoints with their schemas (see ../routes.ts). */
import { NOTIFICATIONS_ENDPOINTS } from '../endpoints/notifications';
import { withSchemas } from '../route-spec';
import * as s from '../schemas';
import * as co from '../cogov-schemas';

export const NOTIFICATIONS_ROUTES = /* @__PURE__ */ withSchemas(NOTIFICATIONS_ENDPOINTS, {
  listNotifications: {
    response: s.NotificationList,
  },
  markNotificationsRead: {
    body: s.MarkReadBody,
    response: s.MarkReadResponse,
  },
  recordSubscriptions: {
    body: co.SubscriptionsBody,
    response: co.SubscriptionsResponse,
  },
});
