/** The notifications function's endpoints (see ../endpoints.ts). */
import type { Endpoint } from '../endpoint';

export const NOTIFICATIONS_ENDPOINTS = {
  listNotifications: {
    method: 'GET',
    path: '/api/notifications',
    service: 'notifications',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
  },
  markNotificationsRead: {
    method: 'POST',
    path: '/api/notifications/read',
    service: 'notifications',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
  },
  recordSubscriptions: {
    method: 'POST',
    path: '/api/notifications/subscriptions',
    service: 'notifications',
    auth: ['resident', 'street_officer', 'bureau_officer', 'admin'],
    successStatus: 200,
  },
} as const satisfies Record<string, Endpoint & { service: 'notifications' }>;
