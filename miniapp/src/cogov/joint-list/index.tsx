import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ChipFilter, FilteredListPage } from '../../components/FilterBar';
import { EmptyState } from '../../components/PageState';
import { usePagedList } from '../../hooks/usePagedList';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { openJointRaise } from '../../navigation';
import { isBureauOfficer, isOfficer } from '../../session';
import { JointCard } from '../JointCard';
import '../cogov.scss';

const t = zhCommunity.joint;
type Scope = 'mine' | 'open' | 'all';
const scopeOption = (scope: Scope) => ({ value: scope, label: t.listFilters[scope] });
/** The bureau starts with what it owes a step on, the most urgent first; a street with its requests not yet ended. */
const BUREAU_SCOPES = (['mine', 'open', 'all'] as const).map(scopeOption);
const STREET_SCOPES = (['open', 'all'] as const).map(scopeOption);

/**
 * Joint inspection requests: a street officer's own street's (with 申请联合检查, `joint-raise-entry`),
 * or for the bureau those owed a step by due date, overdue first (`joint-scope-<scope>`).
 */
export default function JointListPage() {
  const user = useSignedInUser();
  const bureau = user ? isBureauOfficer(user) : false;
  const [scope, setScope] = useState<Scope>(bureau ? 'mine' : 'open');
  const list = usePagedList(
    useCallback(
      (cursor) =>
        call('listJointInspections', {
          query: { awaiting: scope === 'mine' ? 'bureau' : undefined, open: scope === 'open' ? 'true' : undefined, cursor },
        }),
      [scope],
    ),
  );
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  return (
    <FilteredListPage
      list={list}
      loadMoreId="joint-load-more"
      empty={<EmptyState id="joint-empty" title={t.empty} hint={bureau ? undefined : t.emptyHintStreet} />}
      renderItem={(request) => <JointCard key={request.id} request={request} />}
    >
      {!bureau && (
        <View className="joint-form__gap">
          <Button id="joint-raise-entry" block role="link" onClick={() => openJointRaise()}>
            {t.raiseEntry}
          </Button>
        </View>
      )}
      <ChipFilter label={t.listFilters.label} options={bureau ? BUREAU_SCOPES : STREET_SCOPES} value={scope} onChange={setScope} idPrefix="joint-scope" />
    </FilteredListPage>
  );
}
