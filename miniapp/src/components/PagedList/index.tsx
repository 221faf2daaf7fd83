import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';
import type { PagedList } from '../../hooks/usePagedList';
import { zh } from '../../i18n/zh-CN';
import { ErrorState, LoadingState } from '../PageState';
import { Tappable } from '../Tappable';
import './index.scss';

export interface PagedListViewProps<T> {
  list: PagedList<T>;
  empty: ReactNode;
  renderItem: (item: T) => ReactNode;
  loadMoreId: string;
}

/**
 * A paged list's states: first load, failure, nothing found (`empty`), or the items followed by
 * a footer that loads more (`loadMoreId`) or says the list is complete.
 */
export function PagedListView<T>({ list, empty, renderItem, loadMoreId }: PagedListViewProps<T>) {
  if (list.items.length === 0) {
    if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
    if (list.loading) return <LoadingState />;
    return <>{empty}</>;
  }
  return (
    <>
      {list.items.map(renderItem)}
      {list.loading ? (
        <Text className="list-footer">{zh.common.loading}</Text>
      ) : list.hasMore ? (
        <Tappable className="list-footer list-footer--more" id={loadMoreId} onClick={list.loadMore}>
          {zh.common.loadMore}
        </Tappable>
      ) : (
        <Text className="list-footer">{zh.common.noMore}</Text>
      )}
    </>
  );
}
