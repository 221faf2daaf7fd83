import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import type { StreetDeskViewT } from '@green-shield/shared/api/cogov-schemas';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { EmptyState, Loadable } from '../../components/PageState';
import { Tappable } from '../../components/Tappable';
import { usePullDownReload } from '../../hooks/usePullDownReload';
import { useRemote } from '../../hooks/useRemote';

import { zhCommunity } from '../../i18n/zh-CN-community';
import { openPage } from '../../navigation';
import { deskCount, deskTarget } from '../../utils/community';
import { formatDateTime } from '../../utils/format';
import { NotAnOfficer, StreetScopeFilter, useStreetScope } from '../StreetScope';
import '../../styles/community.scss';

const t = zhCommunity.officer;
type DeskItem = StreetDeskViewT['items'][number];

/** The counts in groups: what the street owes, what the community brings, the sources to watch. */
const GROUPS = [
  ['complaints', ['complaints_owing', 'complaints_overdue', 'joint_inspections_open', 'inspection_tasks_open']],
  [
    'community',
    ['observations_awaiting_triage', 'disputes_open', 'volunteers_pending', 'volunteers_approved', 'patrol_tasks_current', 'observations_last_30_days'],
  ],
  ['sources', ['sources_key_supervision', 'sources_with_warnings']],
] as const satisfies ReadonlyArray<readonly [keyof typeof t.deskGroups, ReadonlyArray<DeskItem['key']>]>;

/** Counts that mean someone is waiting or late: red when not zero. */
const ALERTS: ReadonlyArray<DeskItem['key']> = ['complaints_overdue', 'observations_awaiting_triage', 'disputes_open', 'volunteers_pending'];

/** One count (`desk-<key>`, `data-count`): a tap opens its list. */
function Count({ item }: { item: DeskItem }) {
  const alert = ALERTS.includes(item.key) && item.count > 0;
  const target = deskTarget(item);
  return (
    <Tappable
      role="link"
      id={`desk-${item.key}`}
      className={`desk-count${alert ? ' desk-count--alert' : ''}`}
      data={{ 'data-count': String(item.count) }}
      onClick={() => openPage(target.page, target.query)}
    >
      <Text className="desk-count__value">{deskCount(item)}</Text>
      <Text className="desk-count__label">{t.desk[item.key]}</Text>
    </Tappable>
  );
}

function Desk({ desk, publish }: { desk: StreetDeskViewT; publish: boolean }) {
  const byKey = new Map(desk.items.map((item) => [item.key, item]));
  const stages = desk.jointInspectionsByStage.map((stage) => `${zhCommunity.joint.status[stage.status]} ${stage.count}`).join(' · ');
  return (
    <>
      {GROUPS.map(([group, keys]) => (
        <View key={group}>
          <Text className="desk-group">{t.deskGroups[group]}</Text>
          <View className="desk-counts">
            {keys.map((key) => {
              const item = byKey.get(key);
              return item ? <Count key={key} item={item} /> : null;
            })}
          </View>
          {group === 'complaints' && stages && <Text className="community-line community-line--muted">{t.jointStages(stages)}</Text>}
        </View>
      ))}
      {publish && (
        <Button id="desk-publish" block role="link" className="community-gap" onClick={() => openPage('patrolPublish')}>
          {t.publishEntry}
        </Button>
      )}
      <Text className="community-intro community-gap">{t.asOf(formatDateTime(desk.asOf))}</Text>
    </>
  );
}

/** 街镇工作台: how much awaits the street, each number opening its list; the bureau looks at one street at a time. */
export default function StreetDeskPage() {
  const scope = useStreetScope();
  const { streetCode, ready } = scope;
  const desk = useRemote(
    useCallback(() => (ready ? call('streetDesk', { query: { streetCode } }) : Promise.resolve(undefined)), [ready, streetCode]),
    {
      refreshOnShow: true,
    },
  );
  usePullDownReload(desk.reload);
  if (!scope.user) return null;
  if (!scope.officer) return <NotAnOfficer />;
  return (
    <View>
      {scope.bureau && (
        <View className="filter-bar">
          <StreetScopeFilter value={streetCode} onChange={scope.setStreetCode} />
        </View>
      )}
      <View className="page filter-bar__list">
        {!ready ? (
          <EmptyState id="desk-choose-street" title={t.chooseStreetHint} />
        ) : (
          <Loadable data={desk.data} error={desk.error} loading={desk.loading} onRetry={desk.reload}>
            {(view) => (view ? <Desk desk={view} publish={scope.user?.roles.includes('street_officer') ?? false} /> : null)}
          </Loadable>
        )}
      </View>
    </View>
  );
}
