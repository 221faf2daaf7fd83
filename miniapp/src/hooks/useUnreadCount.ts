import { useEffect } from 'react';
import { call } from '../api/client';
import { showUnreadBadge } from '../navigation';
import { useRemote } from './useRemote';

const loadNotifications = () => call('listNotifications');

/** Unread notifications, refreshed whenever the page shows, mirrored on the tab bar badge. */
export function useUnreadCount(): number {
  const { data } = useRemote(loadNotifications, { refreshOnShow: true });
  const unread = data?.unread ?? 0;
  useEffect(() => {
    if (data) showUnreadBadge(unread);
  }, [data, unread]);
  return unread;
}
