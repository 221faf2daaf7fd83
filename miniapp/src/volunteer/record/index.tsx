import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ServiceRecordViewT } from '@green-shield/shared/api/cogov-schemas';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { Section } from '../../components/Section';
import { usePullDownReload } from '../../hooks/usePullDownReload';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { shiftMonth } from '../../utils/community';
import { formatDateTime, formatDay } from '../../utils/format';
import { VolunteerLoadable } from '../VolunteerOnly';
import '../../styles/community.scss';

const c = zhCommunity;
const t = c.volunteer;

function Stat({ id, value, label }: { id: string; value: string; label: string }) {
  return (
    <View className="community-stat" id={id}>
      <Text className="community-stat__value">{value}</Text>
      <Text className="community-stat__label">{label}</Text>
    </View>
  );
}

/** A month of the record: its figures (`record-<figure>`), the street's thanks, the patrols, and the totals. */
function Month({ record }: { record: ServiceRecordViewT }) {
  return (
    <>
      <Section>
        <View className="community-stats">
          <Stat id="record-tasks" value={t.times(record.tasksDone)} label={t.tasksDone} />
          <Stat id="record-hours" value={c.hours(record.hours)} label={t.hoursServed} />
          <Stat id="record-observations" value={t.items(record.observations.submitted)} label={t.observationsSubmitted} />
          <Stat id="record-confirmed" value={t.items(record.observations.confirmed)} label={t.observationsConfirmed} />
          <Stat id="record-reviews" value={t.times(record.reviews)} label={t.reviews} />
        </View>
      </Section>
      <Section title={t.thanksTitle} id="record-thanks">
        {record.thanks.length === 0 && <Text className="community-line community-line--muted">{t.noThanks}</Text>}
        {record.thanks.map((thanks) => (
          <View key={thanks.at} className="community-row">
            <View className="community-row__name">
              <Text className="community-line">{thanks.note}</Text>
              <Text className="community-line community-line--muted">{c.byLine(thanks.byName, formatDateTime(thanks.at))}</Text>
            </View>
          </View>
        ))}
      </Section>
      <Section title={t.monthTasksTitle}>
        {record.tasks.length === 0 && <Text className="community-line community-line--muted">{t.noTasks}</Text>}
        {record.tasks.map((task) => (
          <Text key={task.taskId} className="community-line">
            {t.taskLine(task.title, formatDay(task.startsAt), c.hours(task.hours))}
          </Text>
        ))}
      </Section>
      <Text className="community-intro" id="record-totals">
        {t.totals(record.totals.tasksDone, c.hours(record.totals.hours), record.totals.observationsConfirmed)}
      </Text>
    </>
  );
}

/** 服务记录: the volunteer's month by month (`record-previous`, `record-next`; the current month first). */
export default function ServiceRecordPage() {
  const user = useSignedInUser();
  const current = formatDay(new Date().toISOString()).slice(0, 7);
  const [month, setMonth] = useState(current);
  const record = useRemote(useCallback(() => call('myServiceRecord', { query: { month } }), [month]));
  usePullDownReload(record.reload);
  if (!user) return null;
  return (
    <View className="page">
      <View className="month-switch">
        <Button id="record-previous" small variant="secondary" onClick={() => setMonth(shiftMonth(month, -1))}>
          {`‹ ${t.previousMonth}`}
        </Button>
        <Text className="month-switch__title" id="record-month">
          {t.monthTitle(month)}
        </Text>
        <Button id="record-next" small variant="secondary" disabled={month >= current} onClick={() => setMonth(shiftMonth(month, 1))}>
          {`${t.nextMonth} ›`}
        </Button>
      </View>
      <VolunteerLoadable data={record.data} error={record.error} loading={record.loading} onRetry={record.reload}>
        {(view) => <Month record={view} />}
      </VolunteerLoadable>
    </View>
  );
}
