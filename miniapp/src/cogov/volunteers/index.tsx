import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { VolunteerViewT } from '@green-shield/shared/api/cogov-schemas';
import { VOLUNTEER_STATUSES, type VolunteerDecision, type VolunteerStatus } from '@green-shield/shared/cogov/volunteers';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { Button, SubmitButton } from '../../components/Button';
import { ChipFilter, FilteredListPage } from '../../components/FilterBar';
import { FormError } from '../../components/FormError';
import { EmptyState } from '../../components/PageState';
import { Pill, type PillTone } from '../../components/Pill';
import { TextField } from '../../components/TextField';
import { usePagedList } from '../../hooks/usePagedList';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { PRIMARY_COLOR } from '../../styles/colors';
import { formatDateTime } from '../../utils/format';
import { NotAnOfficer, StreetScopeFilter, useStreetScope } from '../StreetScope';
import '../../components/ComplaintCard/index.scss';
import '../../styles/community.scss';

const c = zhCommunity;
const t = c.officer;
const STATUSES = VOLUNTEER_STATUSES.map((value) => ({ value, label: c.status[value] }));
const TONE: Record<VolunteerStatus, PillTone> = { pending: 'warning', approved: 'success', declined: 'danger', withdrawn: 'muted' };

type Open = { kind: 'decision'; decision: VolunteerDecision } | { kind: 'thanks' };

/**
 * A volunteer as the street's officers see them (`volunteer-<userId>`, `data-status`): who, where,
 * when they can help; the decisions open now (`…-approve|decline|withdraw`, a reason for the last
 * two, sent with `…-confirm`), and thanks for an approved one (`…-thank`, `…-thanks-send`).
 */
function VolunteerItem({ volunteer, onChanged }: { volunteer: VolunteerViewT; onChanged: () => void }) {
  const [open, setOpen] = useState<Open>();
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idBase = `volunteer-${volunteer.userId}`;
  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors : {};

  const choose = (next: Open) => {
    setOpen(next);
    setText('');
    setFailure(undefined);
  };
  const send = async () => {
    if (!open) return;
    setBusy(true);
    setFailure(undefined);
    try {
      if (open.kind === 'thanks') {
        await call('thankVolunteer', { params: { userId: volunteer.userId }, body: { note: text } });
        Taro.showToast({ title: t.thanked, icon: 'success' });
      } else {
        const reason = text.trim() || undefined;
        await call('decideVolunteer', { params: { userId: volunteer.userId }, body: { decision: open.decision, expectedVersion: volunteer.version, reason } });
        Taro.showToast({ title: t.decided(t.decision[open.decision]), icon: 'success' });
      }
      setOpen(undefined);
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'VERSION_CONFLICT' || error.code === 'ILLEGAL_TRANSITION')) {
        Taro.showModal({ content: t.stale, showCancel: false, confirmColor: PRIMARY_COLOR });
        onChanged();
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const asksReason = open?.kind === 'decision' && open.decision !== 'approve';
  return (
    <View className="complaint-card" id={idBase} data-status={volunteer.status}>
      <View className="complaint-card__top">
        <Text className="complaint-card__category">{volunteer.name}</Text>
        <View className="complaint-card__badges">
          <Pill tone={TONE[volunteer.status]}>{c.status[volunteer.status]}</Pill>
        </View>
      </View>
      <Text className="community-line">{t.neighbourhoodLine(volunteer.neighbourhood)}</Text>
      <Text className="community-line">{t.availabilityLine(volunteer.availability)}</Text>
      {volunteer.reason && <Text className="community-line">{c.reasonLine(volunteer.reason)}</Text>}
      <View className="complaint-card__meta">
        <Text>{t.appliedLine(formatDateTime(volunteer.appliedAt))}</Text>
        {volunteer.decidedAt && <Text>{t.decidedLine(volunteer.decidedByName, formatDateTime(volunteer.decidedAt))}</Text>}
      </View>
      {open && (
        <View className="community-gap">
          {(asksReason || open.kind === 'thanks') && (
            <TextField
              id={`${idBase}-text`}
              multiline
              required
              label={open.kind === 'thanks' ? t.thank : t.decisionReason}
              placeholder={open.kind === 'thanks' ? t.thankPlaceholder : t.decisionReasonPlaceholder}
              maxLength={MAX_LENGTH.comment}
              value={text}
              onChange={setText}
              error={fieldErrors.reason ?? fieldErrors.note}
            />
          )}
          <FormError error={failure} id={`${idBase}-error`} />
          <SubmitButton id={`${idBase}-confirm`} busy={busy} onClick={() => void send()}>
            {open.kind === 'thanks' ? t.sendThanks : t.confirmDecision(t.decision[open.decision])}
          </SubmitButton>
        </View>
      )}
      <View className="community-actions">
        {volunteer.availableDecisions.map((decision) => (
          <Button
            key={decision}
            id={`${idBase}-${decision}`}
            small
            variant={decision === 'approve' ? 'primary' : 'secondary'}
            label={t.decisionNamed(t.decision[decision], volunteer.name)}
            onClick={() => choose({ kind: 'decision', decision })}
          >
            {t.decision[decision]}
          </Button>
        ))}
        {volunteer.status === 'approved' && (
          <Button id={`${idBase}-thank`} small variant="secondary" label={t.thankNamed(volunteer.name)} onClick={() => choose({ kind: 'thanks' })}>
            {t.thank}
          </Button>
        )}
      </View>
    </View>
  );
}

/** 社区志愿者 for officers: a street's volunteers by status (`volunteer-status-<status>`; applications first). */
export default function VolunteerReviewPage() {
  const scope = useStreetScope();
  const { streetCode, ready } = scope;
  const [status, setStatus] = useState<VolunteerStatus>((useRouter().params.status as VolunteerStatus | undefined) ?? 'pending');
  const list = usePagedList(
    useCallback(
      (cursor) => (ready ? call('listVolunteers', { query: { streetCode, status, cursor } }) : Promise.resolve({ items: [] })),
      [ready, streetCode, status],
    ),
  );
  if (!scope.user) return null;
  if (!scope.officer) return <NotAnOfficer />;
  return (
    <FilteredListPage
      list={list}
      loadMoreId="volunteer-load-more"
      empty={<EmptyState id="volunteer-empty" title={ready ? t.emptyVolunteers : t.chooseStreetHint} />}
      renderItem={(volunteer) => <VolunteerItem key={`${volunteer.userId}-${volunteer.version}`} volunteer={volunteer} onChanged={() => void list.reload()} />}
    >
      {scope.bureau && <StreetScopeFilter value={streetCode} onChange={scope.setStreetCode} />}
      <ChipFilter label={t.volunteerScope} options={STATUSES} value={status} onChange={setStatus} idPrefix="volunteer-status" />
    </FilteredListPage>
  );
}
