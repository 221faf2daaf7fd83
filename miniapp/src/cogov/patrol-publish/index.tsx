import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { StreetGuideViewT } from '@green-shield/shared/api/cogov-schemas';
import { PATROL_CAPACITY } from '@green-shield/shared/cogov/patrol-tasks';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { SubmitButton } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { EmptyState, Loadable } from '../../components/PageState';
import { Section } from '../../components/Section';
import { Tappable } from '../../components/Tappable';
import { TextField } from '../../components/TextField';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { pageUrl } from '../../navigation';
import { formatDateTime } from '../../utils/format';
import { newIdempotencyKey } from '../../utils/idempotency-key';
import { patrolWindow } from '../../utils/community';
import { AreaFields, useAreaDraft } from '../AreaFields';
import { type PickedSource, SourcePicker } from '../SourcePicker';
import '../../styles/community.scss';

const t = zhCommunity.officer;
const loadGuide = () => call('streetGuide');
const itemKey = (situationId: string, itemId: string) => `${situationId}:${itemId}`;

/** Today in Beijing, from the next full hour for three hours: an evening's patrol, the usual kind. */
function defaultWindow(now: Date): { day: string; start: string; end: string } {
  const nextHour = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  const [day, start] = formatDateTime(nextHour.toISOString()).split(' ');
  const [, end] = formatDateTime(new Date(nextHour.getTime() + 3 * 3_600_000).toISOString()).split(' ');
  return { day, start, end };
}

/**
 * What volunteers should check, item by item from the street operational guide, grouped by situation
 * (`patrol-check-<situation>-<item>`, checkboxes); the situations of the chosen sources' kinds first.
 */
function ChecklistPicker({
  guide,
  kinds,
  chosen,
  onToggle,
}: {
  guide: StreetGuideViewT;
  kinds: ReadonlySet<string>;
  chosen: ReadonlySet<string>;
  onToggle: (key: string) => void;
}) {
  const situations = [...guide.situations].sort((a, b) => Number(kinds.has(b.kind)) - Number(kinds.has(a.kind)));
  return (
    <>
      {situations.map((situation) => (
        <View key={situation.id} className="community-gap" id={`patrol-situation-${situation.id}`}>
          <Text className="desk-group">{situation.title}</Text>
          {situation.lookAt.map((item) => {
            const key = itemKey(situation.id, item.id);
            const on = chosen.has(key);
            return (
              <Tappable
                key={key}
                id={`patrol-check-${situation.id}-${item.id}`}
                role="checkbox"
                checked={on}
                label={t.checklistItem(item.label, item.basis)}
                className={`community-check${on ? ' community-check--on' : ''}`}
                onClick={() => onToggle(key)}
              >
                <View className="community-check__box" />
                <View className="community-check__text">
                  <Text className="community-line">{item.label}</Text>
                  <Text className="community-check__basis">{zhCommunity.volunteer.basis(item.basis)}</Text>
                </View>
              </Tappable>
            );
          })}
        </View>
      ))}
    </>
  );
}

/** The publishing form (`patrol-…`): title, brief, area, sources, what to check, the window, how many volunteers. */
function PublishForm({ guide }: { guide: StreetGuideViewT }) {
  const [title, setTitle] = useState('');
  const [brief, setBrief] = useState('');
  const area = useAreaDraft();
  const [sources, setSources] = useState<PickedSource[]>([]);
  const [checks, setChecks] = useState<ReadonlySet<string>>(new Set());
  const [slot, setSlot] = useState(() => defaultWindow(new Date()));
  const [capacity, setCapacity] = useState('5');
  const [formKey] = useState(newIdempotencyKey);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors : {};
  const times = patrolWindow(slot.day, slot.start, slot.end);
  const editSlot = (change: Partial<typeof slot>) => setSlot((previous) => ({ ...previous, ...change }));
  const toggle = (key: string) =>
    setChecks((previous) => {
      const next = new Set(previous);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const submit = async () => {
    setAttempted(true);
    setFailure(undefined);
    if (!times || !area.area) return;
    setBusy(true);
    try {
      await call('publishPatrolTask', {
        headers: { 'Idempotency-Key': formKey },
        body: {
          title,
          brief: brief.trim() || undefined,
          area: area.area,
          sourceIds: sources.map((source) => source.id),
          checklist: [...checks].map((key) => {
            const [situationId, itemId] = key.split(':');
            return { situationId, itemId };
          }),
          ...times,
          capacity: Number(capacity),
        },
      });
      Taro.showToast({ title: t.published, icon: 'success' });
      await Taro.redirectTo({ url: pageUrl('patrolTasks') });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <>
      <Section>
        <TextField
          id="patrol-title"
          label={t.titleLabel}
          required
          placeholder={t.titlePlaceholder}
          maxLength={MAX_LENGTH.taskTitle}
          value={title}
          onChange={setTitle}
          error={fieldErrors.title}
        />
        <TextField
          id="patrol-brief"
          label={t.briefLabel}
          multiline
          placeholder={t.briefPlaceholder}
          maxLength={MAX_LENGTH.jointReason}
          value={brief}
          onChange={setBrief}
          error={fieldErrors.brief}
        />
      </Section>
      <Section title={zhCommunity.joint.areaTitle}>
        <AreaFields idPrefix="patrol" draft={area} errors={fieldErrors} />
        {attempted && !area.area && (
          <Text className="field__error" id="patrol-area-error">
            {t.areaRequired}
          </Text>
        )}
      </Section>
      <Section title={t.sourcesTitle}>
        <Text className="community-intro">{t.sourcesHint}</Text>
        <SourcePicker idPrefix="patrol" picked={sources} onChange={setSources} />
        {fieldErrors.sourceIds && <Text className="field__error">{fieldErrors.sourceIds}</Text>}
      </Section>
      <Section title={t.checklistTitle}>
        <Text className="community-intro">{t.checklistHint}</Text>
        <ChecklistPicker guide={guide} kinds={new Set(sources.flatMap((source) => (source.kind ? [source.kind] : [])))} chosen={checks} onToggle={toggle} />
        {fieldErrors.checklist && (
          <Text className="field__error" id="patrol-checklist-error">
            {fieldErrors.checklist}
          </Text>
        )}
      </Section>
      <Section title={t.windowTitle}>
        <Text className="community-intro">{t.windowHint}</Text>
        <TextField
          id="patrol-date"
          label={t.date}
          required
          placeholder={t.datePlaceholder}
          maxLength={10}
          value={slot.day}
          onChange={(day) => editSlot({ day })}
        />
        <TextField
          id="patrol-start"
          label={t.startTime}
          required
          placeholder={t.timePlaceholder}
          maxLength={5}
          value={slot.start}
          onChange={(start) => editSlot({ start })}
        />
        <TextField
          id="patrol-end"
          label={t.endTime}
          required
          placeholder={t.timePlaceholder}
          maxLength={5}
          value={slot.end}
          onChange={(end) => editSlot({ end })}
          error={(attempted && !times ? t.windowInvalid : undefined) ?? fieldErrors.endsAt ?? fieldErrors.startsAt}
        />
        <TextField
          id="patrol-capacity"
          type="number"
          label={t.capacity}
          required
          hint={`${PATROL_CAPACITY.min}–${PATROL_CAPACITY.max}`}
          placeholder={t.capacityPlaceholder}
          maxLength={2}
          value={capacity}
          onChange={setCapacity}
          error={fieldErrors.capacity}
        />
      </Section>
      <FormError error={failure} id="patrol-error" />
      <SubmitButton id="patrol-submit" busy={busy} onClick={() => void submit()}>
        {t.publish}
      </SubmitButton>
    </>
  );
}

/** 发布巡查任务: street officers publish for their own street. */
export default function PatrolPublishPage() {
  const user = useSignedInUser();
  const guide = useRemote(loadGuide);
  if (!user) return null;
  if (!user.roles.includes('street_officer')) return <EmptyState title={zh.officer.notAllowed} />;
  return (
    <View className="page">
      <Loadable data={guide.data} error={guide.error} loading={guide.loading} onRetry={guide.reload}>
        {(view) => <PublishForm guide={view} />}
      </Loadable>
    </View>
  );
}
