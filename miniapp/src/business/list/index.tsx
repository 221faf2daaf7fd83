import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { EmptyState, Loadable } from '../../components/PageState';
import { SourceCard } from '../../components/SourceCard';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { useSourcePageData } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { PAGES } from '../../navigation';
import { ClaimList } from '../ClaimList';

const loadMySources = () => call('mySources');
const loadMyClaims = () => call('myClaims');

/** The businesses the signed-in user runs, and their claims for more. */
export default function MyBusinessesPage() {
  const user = useSignedInUser();
  const sources = useSourcePageData(loadMySources);
  const claims = useRemote(loadMyClaims, { refreshOnShow: true });
  if (!user) return null;

  return (
    <View className="page">
      <Loadable data={sources.data} error={sources.error} loading={sources.loading} onRetry={sources.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState id="business-empty" title={zh.business.empty} hint={zh.business.emptyHint} />
          ) : (
            items.map((source) => <SourceCard key={source.id} source={source} idPrefix="business-item" asOfficer={false} />)
          )
        }
      </Loadable>
      <ClaimList claims={claims.data?.items ?? []} />
      <Button id="business-claim-entry" variant="secondary" block onClick={() => Taro.navigateTo({ url: PAGES.claim })}>
        {zh.business.claimEntry}
      </Button>
    </View>
  );
}
