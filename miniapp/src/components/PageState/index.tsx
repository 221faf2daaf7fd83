import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { userMessageOf } from '../../api/client';
import { zh } from '../../i18n/zh-CN';
import { optionalId } from '../../utils/optional-id';
import { Button } from '../Button';
import './index.scss';

export function LoadingState() {
  return (
    <View className="page-state">
      <View className="page-state__spinner" />
      <Text className="page-state__hint">{zh.common.loading}</Text>
    </View>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <View className="page-state" id="page-error">
      <View className="page-state__icon page-state__icon--error">!</View>
      <Text className="page-state__title">{userMessageOf(error)}</Text>
      <Button variant="secondary" small className="page-state__action" onClick={onRetry}>
        {zh.common.retry}
      </Button>
    </View>
  );
}

export function EmptyState({ title, hint, action, id }: { title: string; hint?: string; action?: ReactNode; id?: string }) {
  return (
    <View className="page-state" {...optionalId(id)}>
      <View className="page-state__icon">
        <View className="page-state__leaf" />
      </View>
      <Text className="page-state__title">{title}</Text>
      {hint && <Text className="page-state__hint">{hint}</Text>}
      {action && <View className="page-state__action">{action}</View>}
    </View>
  );
}

/**
 * The usual page body: a spinner on first load, an error with a retry button, or the content
 * (kept on screen during a background reload so it does not flicker).
 */
export function Loadable<T>({
  data,
  error,
  loading,
  onRetry,
  children,
}: {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  onRetry: () => void;
  children: (data: T) => ReactNode;
}) {
  if (data !== undefined && !error) return <>{children(data)}</>;
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  return loading ? <LoadingState /> : null;
}
