import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PatrolTaskViewT } from '@green-shield/shared/api/cogov-schemas';
import { call, userMessageOf } from '../../api/client';
import { Button } from '../../components/Button';
import { ChipFilter, FilteredListPage } from '../../components/FilterBar';
import { EmptyState } from '../../components/PageState';
import { PatrolTaskCard } from '../../components/PatrolTaskCard';
import { usePagedList } from '../../hooks/usePagedList';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { openPage } from '../../navigation';
import { PRIMARY_COLOR } from '../../styles/colors';
import { claimState, taskAvailability } from '../../utils/community';
import { NotAnOfficer, StreetScopeFilter, useStreetScope } from '../StreetScope';

const t = zhCommunity.officer;
type When = 'current' | 'all';
const SCOPES = (['current', 'all'] as const).map((value) => ({ value, label: t.taskScope[value] }));

/** Who claimed the task and how far they got, read when asked for (`patrol-<id>-claimants`). */
function Claimants({ taskId }: { taskId: string }) {
  const [claimants, setClaimants] = useState<PatrolTaskViewT['claimants']>();
  const [shown, setShown] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const toggle = async () => {
    if (shown) return setShown(false);
    setShown(true);
    try {
      setClaimants((await call('getPatrolTask', { params: { id: taskId } })).claimants ?? []);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <View>
      <Button id={`patrol-${taskId}-claimants-toggle`} small variant="ghost" onClick={() => void toggle()}>
        {shown ? t.claimantsHide : t.claimantsShow}
      </Button>
      {shown && (
        <View id={`patrol-${taskId}-claimants`}>
          {failure !== undefined && <Text className="community-line community-line--alert">{userMessageOf(failure)}</Text>}
          {claimants?.length === 0 && <Text className="community-line community-line--muted">{t.noClaimants}</Text>}
          {claimants?.map((claimant) => (
            <Text key={claimant.userId} className="community-line">
              {t.claimant(claimant.name, t.claimantState[claimState(claimant) ?? 'claimed'])}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

/** A task with its places, who claimed it, and (while it may still be claimed) cancelling it (`patrol-<id>-cancel`). */
function PatrolItem({ task, onChanged }: { task: PatrolTaskViewT; onChanged: () => void }) {
  const cancellable = ['open', 'full'].includes(taskAvailability(task, new Date()));
  const cancel = async () => {
    const { confirm } = await Taro.showModal({ content: t.cancelConfirm, confirmColor: PRIMARY_COLOR });
    if (!confirm) return;
    try {
      await call('cancelPatrolTask', { params: { id: task.id } });
      Taro.showToast({ title: t.cancelledToast, icon: 'success' });
    } catch (error) {
      Taro.showModal({ content: userMessageOf(error), showCancel: false, confirmColor: PRIMARY_COLOR });
    }
    onChanged();
  };
  return (
    <PatrolTaskCard task={task} idPrefix="patrol">
      <Claimants taskId={task.id} />
      {cancellable && (
        <Button id={`patrol-${task.id}-cancel`} small variant="secondary" label={t.cancelNamed(task.title)} onClick={() => void cancel()}>
          {t.cancel}
        </Button>
      )}
    </PatrolTaskCard>
  );
}

/** 巡查任务 for officers: the street's current tasks (soonest ending first) or all, and publishing one (`patrol-publish-entry`). */
export default function PatrolTasksPage() {
  const scope = useStreetScope();
  const { streetCode, ready } = scope;
  const [when, setWhen] = useState<When>('current');
  const list = usePagedList(
    useCallback(
      (cursor) => (ready ? call('listPatrolTasks', { query: { streetCode, when, cursor } }) : Promise.resolve({ items: [] })),
      [ready, streetCode, when],
    ),
  );
  if (!scope.user) return null;
  if (!scope.officer) return <NotAnOfficer />;
  return (
    <FilteredListPage
      list={list}
      loadMoreId="patrol-load-more"
      empty={<EmptyState id="patrol-empty" title={ready ? t.emptyTasks : t.chooseStreetHint} hint={ready && !scope.bureau ? t.emptyTasksHint : undefined} />}
      renderItem={(task) => <PatrolItem key={task.id} task={task} onChanged={() => void list.reload()} />}
    >
      {!scope.bureau && (
        <View className="community-gap">
          <Button id="patrol-publish-entry" block role="link" onClick={() => openPage('patrolPublish')}>
            {t.publishEntry}
          </Button>
        </View>
      )}
      {scope.bureau && <StreetScopeFilter value={streetCode} onChange={scope.setStreetCode} />}
      <ChipFilter label={t.taskScope.label} options={SCOPES} value={when} onChange={setWhen} idPrefix="patrol-scope" />
    </FilteredListPage>
  );
}
