import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import type { PatrolTaskViewT } from '@green-shield/shared/api/cogov-schemas';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ChipFilter, FilteredListPage } from '../../components/FilterBar';
import { PatrolTaskCard } from '../../components/PatrolTaskCard';
import { EmptyState } from '../../components/PageState';
import { Pill } from '../../components/Pill';
import { usePagedList } from '../../hooks/usePagedList';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { openPage } from '../../navigation';
import { claimState, volunteerTaskActions } from '../../utils/community';
import { claimOrRelease } from '../task-steps';
import { isNotAVolunteer, NotAVolunteer } from '../VolunteerOnly';

const t = zhCommunity.volunteer;
type Scope = 'open' | 'mine';
const SCOPES = (['open', 'mine'] as const).map((value) => ({ value, label: t.scope[value] }));

/** One task: open it, claim a place or give it back (`task-claim-<id>`, `task-release-<id>`). */
function TaskItem({ task, onChanged }: { task: PatrolTaskViewT; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const state = claimState(task.mine);
  const actions = volunteerTaskActions(task, new Date());
  const step = async (which: 'claim' | 'release') => {
    setBusy(true);
    await claimOrRelease(which, task.id);
    setBusy(false);
    onChanged();
  };
  return (
    <PatrolTaskCard
      task={task}
      idPrefix="task"
      onOpen={() => openPage('volunteerTask', { id: task.id })}
      badges={
        state && (
          <Pill tone={state === 'done' ? 'muted' : 'success'} state={state}>
            {t.myState[state]}
          </Pill>
        )
      }
    >
      {actions.includes('claim') && (
        <Button id={`task-claim-${task.id}`} small disabled={busy} label={t.claimNamed(task.title)} onClick={() => void step('claim')}>
          {t.claim}
        </Button>
      )}
      {actions.includes('release') && (
        <Button
          id={`task-release-${task.id}`}
          small
          variant="secondary"
          disabled={busy}
          label={t.releaseNamed(task.title)}
          onClick={() => void step('release')}
        >
          {t.release}
        </Button>
      )}
    </PatrolTaskCard>
  );
}

/**
 * Patrol tasks of the volunteer's street (`task-scope-open`): the current ones, soonest ending first,
 * with their places; or the ones they claimed (`task-scope-mine`, `?mine=true`), latest first.
 */
export default function VolunteerTasksPage() {
  const user = useSignedInUser();
  const [scope, setScope] = useState<Scope>(useRouter().params.mine === 'true' ? 'mine' : 'open');
  const list = usePagedList(useCallback((cursor) => call('volunteerTasks', { query: { mine: scope === 'mine' ? 'true' : undefined, cursor } }), [scope]));
  if (!user) return null;
  if (isNotAVolunteer(list.error)) return <NotAVolunteer />;
  return (
    <FilteredListPage
      list={list}
      loadMoreId="task-load-more"
      empty={scope === 'open' ? <EmptyState id="task-empty" title={t.emptyOpen} hint={t.emptyOpenHint} /> : <EmptyState id="task-empty" title={t.emptyMine} />}
      renderItem={(task) => <TaskItem key={task.id} task={task} onChanged={() => void list.reload()} />}
    >
      <ChipFilter label={t.scope.label} options={SCOPES} value={scope} onChange={setScope} idPrefix="task-scope" />
    </FilteredListPage>
  );
}
