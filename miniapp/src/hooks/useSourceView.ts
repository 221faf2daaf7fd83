import { useRouter } from '@tarojs/taro';
import { useRemote, type Remote } from './useRemote';
import { usePullDownReload } from './usePullDownReload';
import { useRemoteAction, type RemoteAction } from './useRemoteAction';
import { zh } from '../i18n/zh-CN';

/** The page's `id` parameter: the source it shows. */
export function useSourceId(): string {
  return useRouter().params.id ?? '';
}

/**
 * A source's page data, loaded again whenever the page shows (an officer's decision changes the
 * level and score meanwhile) and on pull-down.
 */
export function useSourcePageData<T>(load: () => Promise<T>): Remote<T> {
  const remote = useRemote(load, { refreshOnShow: true });
  usePullDownReload(remote.reload);
  return remote;
}

/** An action on a source's view; a stale version or a rectification closed meanwhile reloads it. */
export function useSourceAction<T>(remote: Remote<T>): RemoteAction<T> {
  return useRemoteAction(remote, {
    codes: ['VERSION_CONFLICT', 'RECTIFICATION_NOT_OPEN'],
    messages: { VERSION_CONFLICT: zh.sources.staleView },
  });
}
