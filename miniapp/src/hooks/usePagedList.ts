import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useReturnToPage } from './useRemote';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface PagedList<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => Promise<void>;
}

/**
 * A cursor-paged list that loads its first page when `loadPage` changes (pass it through
 * `useCallback` with the filters it reads) or the page is shown again, the next page at the
 * bottom of the page, and starts over on pull-down.
 */
export function usePagedList<T>(loadPage: (cursor?: string) => Promise<Page<T>>): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const latestRequest = useRef(0);

  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const request = ++latestRequest.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await loadPage(cursor);
        if (request !== latestRequest.current) return;
        setItems((previous) => (cursor ? [...previous, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
      } catch (failure) {
        if (request === latestRequest.current) setError(failure);
      } finally {
        if (request === latestRequest.current) setLoading(false);
      }
    },
    [loadPage],
  );

  const reload = useCallback(() => fetchPage(undefined), [fetchPage]);
  const loadMore = () => {
    if (nextCursor && !loading) void fetchPage(nextCursor);
  };

  useEffect(() => {
    void reload();
  }, [reload]);
  useReturnToPage(() => void reload());
  useReachBottom(loadMore);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return { items, error, loading, hasMore: Boolean(nextCursor), loadMore, reload };
}
