import Taro from '@tarojs/taro'

/** Page paths, as registered in app.config.ts (officer pages live in the `officer` subpackage). */
export const PAGES = {
  home: '/pages/home/index',
  notifications: '/pages/notifications/index',
  account: '/pages/account/index',
  login: '/pages/login/index',
  report: '/pages/report/index',
  mine: '/pages/mine/index',
  complaint: '/pages/complaint/index',
  queue: '/officer/queue/index',
  handle: '/officer/handle/index',
} as const

/** Tab order in app.config.ts; the notifications tab carries the unread badge. */
const NOTIFICATIONS_TAB_INDEX = 1

export function openComplaint(complaintId: string, asOfficer: boolean): void {
  const page = asOfficer ? PAGES.handle : PAGES.complaint
  Taro.navigateTo({ url: `${page}?id=${encodeURIComponent(complaintId)}` })
}

export function openQueue(filters: { overdue?: boolean } = {}): void {
  Taro.navigateTo({ url: filters.overdue ? `${PAGES.queue}?overdue=true` : PAGES.queue })
}

export function showUnreadBadge(unread: number): void {
  // Fails harmlessly when the current page is not a tab page; the next tab visit syncs it again.
  const update = unread > 0
    ? Taro.setTabBarBadge({ index: NOTIFICATIONS_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) })
    : Taro.removeTabBarBadge({ index: NOTIFICATIONS_TAB_INDEX })
  Promise.resolve(update).catch(() => undefined)
}
