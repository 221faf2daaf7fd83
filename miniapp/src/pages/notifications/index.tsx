import { useEffect } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NotificationViewT } from '@green-shield/shared/api/schemas';
import { call } from '../../api/client';
import { EmptyState, Loadable } from '../../components/PageState';
import { StatusChip } from '../../components/StatusChip';
import { Tappable } from '../../components/Tappable';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { openCommunitySubject, openComplaint, openSource, showUnreadBadge } from '../../navigation';
import { isOfficer } from '../../session';
import { formatDateTime } from '../../utils/format';
import './index.scss';

const loadNotifications = () => call('listNotifications');

function headline(notification: NotificationViewT): string {
  const { subject } = notification;
  const t = zh.notifications;
  if (subject) return t.communityTitle(t.communitySubject[subject.kind], subject.reference, t.communityAction(notification.action));
  if (notification.source) return zh.notifications.sourceTitle(notification.source.name, zh.notifications.sourceAction(notification.action));
  const action = (zh.eventAction as Record<string, string>)[notification.action] ?? (notification.status ? zh.status[notification.status] : '');
  return zh.notifications.title(notification.trackingNumber ?? '', action);
}

export default function NotificationsPage() {
  const user = useSignedInUser();
  const list = useRemote(loadNotifications, { refreshOnShow: true });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const unread = list.data?.unread;
  useEffect(() => {
    if (unread !== undefined) showUnreadBadge(unread);
  }, [unread]);
  if (!user) return null;

  // Optimistic: the list shows the change at once; the next load reconciles with the server.
  const markRead = (ids?: string[]) => {
    if (!list.data) return;
    const affected = (item: NotificationViewT) => !item.read && (!ids || ids.includes(item.id));
    const items = list.data.items.map((item) => (affected(item) ? { ...item, read: true } : item));
    list.setData({ items, unread: Math.max(0, list.data.unread - list.data.items.filter(affected).length) });
    call('markNotificationsRead', { body: ids ? { ids } : {} }).catch(() => undefined);
  };

  const open = (notification: NotificationViewT) => {
    if (!notification.read) markRead([notification.id]);
    // About co-governance, a complaint, or (for operators) about their business.
    if (notification.subject) openCommunitySubject(notification.subject, isOfficer(user));
    else if (notification.source) openSource(notification.source.id, isOfficer(user));
    else if (notification.complaintId) openComplaint(notification.complaintId, isOfficer(user));
  };

  return (
    <View className="page notifications">
      <Loadable data={list.data} error={list.error} loading={list.loading} onRetry={list.reload}>
        {({ items, unread: unreadCount }) =>
          items.length === 0 ? (
            <EmptyState id="notifications-empty" title={zh.notifications.empty} hint={zh.notifications.emptyHint} />
          ) : (
            <>
              {unreadCount > 0 && (
                <View className="notifications__toolbar">
                  <Tappable className="link" id="notifications-read-all" onClick={() => markRead()}>
                    {zh.notifications.readAll}
                  </Tappable>
                </View>
              )}
              {items.map((notification) => (
                <Tappable
                  key={notification.id}
                  role="link"
                  id={`notification-${notification.id}`}
                  className={`notice${notification.read ? '' : ' notice--unread'}`}
                  onClick={() => open(notification)}
                >
                  <View className="notice__dot" />
                  <View className="notice__body">
                    <Text className="notice__title">{headline(notification)}</Text>
                    {notification.deadline && <Text className="notice__deadline">{zh.notifications.deadline(formatDateTime(notification.deadline))}</Text>}
                    <View className="notice__meta">
                      {notification.status && <StatusChip status={notification.status} />}
                      <Text className="notice__time">{formatDateTime(notification.at)}</Text>
                    </View>
                  </View>
                  <Text className="notice__chevron">›</Text>
                </Tappable>
              ))}
            </>
          )
        }
      </Loadable>
    </View>
  );
}
