import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ComplaintCard } from '../../components/ComplaintCard';
import { PagedListView } from '../../components/PagedList';
import { EmptyState } from '../../components/PageState';
import { usePagedList } from '../../hooks/usePagedList';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { PAGES } from '../../navigation';

const loadMyComplaintsPage = (cursor?: string) => call('myComplaints', { query: { cursor } });

export default function MinePage() {
  const user = useSignedInUser();
  const list = usePagedList(loadMyComplaintsPage);
  if (!user) return null;

  return (
    <View className="page">
      <PagedListView
        list={list}
        loadMoreId="mine-load-more"
        empty={
          <EmptyState
            id="mine-empty"
            title={zh.mine.empty}
            hint={zh.mine.emptyHint}
            action={
              <Button small onClick={() => Taro.navigateTo({ url: PAGES.report })}>
                {zh.mine.report}
              </Button>
            }
          />
        }
        renderItem={(complaint) => <ComplaintCard key={complaint.id} complaint={complaint} idPrefix="mine-item" asOfficer={false} />}
      />
    </View>
  );
}
