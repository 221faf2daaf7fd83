import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/** Calls `onReturn` when the page shows again after being hidden (not on its first show). */
export function useReturnToPage(onReturn: () => void): void {
  const hidden = useRef(false);
  useDidHide(() => {
    hidden.current = true;
  });
  useDidShow(() => {
    if (!hidden.current) return;
    hidden.current = false;
    onReturn();
  });
}

export interface Remote<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replace the data with a fresher copy the caller already has (e.g. an action's response). */
  setData: (data: T) => void;
}

/**
 * Loads data for a page and keeps loading/error state. With `refreshOnShow` it reloads each time
 * the page comes back into view (returning from a detail page must show the new status).
 * Only the latest request's answer is kept, so quick filter changes cannot show stale results.
 *
 * `load` is what is shown: it loads again whenever `load` is a different function, so pass a
 * function that keeps its identity (module-level, or `useCallback` with what it reads).
 */
export function useRemote<T>(load: () => Promise<T>, options: { refreshOnShow?: boolean } = {}): Remote<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const latestRequest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latestRequest.current;
    setLoading(true);
    setError(undefined);
    try {
      const result = await load();
      if (request === latestRequest.current) setData(result);
    } catch (failure) {
      if (request === latestRequest.current) setError(failure);
    } finally {
      if (request === latestRequest.current) setLoading(false);
    }
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useReturnToPage(() => {
    if (options.refreshOnShow) void reload();
  });

  return { data, error, loading, reload, setData };
}
