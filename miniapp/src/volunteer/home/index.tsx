import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { UserViewT } from '@green-shield/shared/api/schemas';
import type { VolunteerViewT } from '@green-shield/shared/api/cogov-schemas';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { Button, SubmitButton } from '../../components/Button';
import { EntryTile, EntryTiles } from '../../components/EntryTile';
import { FormError } from '../../components/FormError';
import { InfoRow } from '../../components/InfoRow';
import { Loadable } from '../../components/PageState';
import { Pill, type PillTone } from '../../components/Pill';
import { Section } from '../../components/Section';
import { StreetField } from '../../components/StreetField';
import { TextField } from '../../components/TextField';
import { streetNameOf, useDistrict } from '../../hooks/useDistrict';
import { usePullDownReload } from '../../hooks/usePullDownReload';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { openPage } from '../../navigation';
import { formatDateTime } from '../../utils/format';
import { ASKS_FOR_MESSAGES, askForProgressMessages } from '../progress-messages';
import '../../styles/community.scss';

const c = zhCommunity;
const t = c.volunteer;

/** The resident's volunteering, or none yet (the API answers 404 until they apply). */
async function loadVolunteering(): Promise<VolunteerViewT | null> {
  try {
    return await call('myVolunteering');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

const TONE: Record<VolunteerViewT['status'], PillTone> = { pending: 'warning', approved: 'success', declined: 'danger', withdrawn: 'muted' };
const HINT: Partial<Record<VolunteerViewT['status'], string>> = { pending: t.pendingHint, declined: t.declinedHint, withdrawn: t.withdrawnHint };

/** The application form (`volunteer-apply-…`): the street, name, neighbourhood and when they can help. */
function ApplyForm({ user, previous, onApplied }: { user: UserViewT; previous?: VolunteerViewT; onApplied: (view: VolunteerViewT) => void }) {
  const [streetCode, setStreetCode] = useState(previous?.streetCode);
  const [name, setName] = useState(previous?.name ?? user.name ?? '');
  const [neighbourhood, setNeighbourhood] = useState(previous?.neighbourhood ?? '');
  const [availability, setAvailability] = useState(previous?.availability ?? '');
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors : {};

  const submit = async () => {
    setAttempted(true);
    setFailure(undefined);
    if (!streetCode) return;
    setBusy(true);
    try {
      const view = await call('applyVolunteer', { body: { streetCode, name, neighbourhood, availability } });
      Taro.showToast({ title: t.applied, icon: 'success' });
      onApplied(view);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={previous ? t.reapplyTitle : t.applyTitle} id="volunteer-apply">
      <StreetField
        id="volunteer-apply-street"
        label={t.street}
        value={streetCode}
        onChange={setStreetCode}
        error={fieldErrors.streetCode ?? (attempted && !streetCode ? t.streetRequired : undefined)}
      />
      <TextField
        id="volunteer-apply-name"
        label={t.name}
        required
        placeholder={t.namePlaceholder}
        maxLength={MAX_LENGTH.personName}
        value={name}
        onChange={setName}
        error={fieldErrors.name}
      />
      <TextField
        id="volunteer-apply-neighbourhood"
        label={t.neighbourhood}
        required
        placeholder={t.neighbourhoodPlaceholder}
        maxLength={MAX_LENGTH.neighbourhood}
        value={neighbourhood}
        onChange={setNeighbourhood}
        error={fieldErrors.neighbourhood}
      />
      <TextField
        id="volunteer-apply-availability"
        label={t.availability}
        required
        multiline
        placeholder={t.availabilityPlaceholder}
        maxLength={MAX_LENGTH.availability}
        value={availability}
        onChange={setAvailability}
        error={fieldErrors.availability}
      />
      <Text className="community-intro">{t.privacy}</Text>
      <FormError error={failure} id="volunteer-apply-error" />
      <SubmitButton id="volunteer-apply-submit" busy={busy} onClick={() => void submit()}>
        {t.apply}
      </SubmitButton>
    </Section>
  );
}

/** Where the application stands (`volunteer-status`, `data-state` its status), with the street's reason if it was declined or withdrawn. */
function Application({ view }: { view: VolunteerViewT }) {
  const district = useDistrict();
  return (
    <Section
      title={t.applicationTitle}
      extra={
        <Pill tone={TONE[view.status]} id="volunteer-status" state={view.status}>
          {c.status[view.status]}
        </Pill>
      }
    >
      <View className="info-rows">
        <InfoRow label={t.street} value={streetNameOf(district, view.streetCode)} />
        <InfoRow label={t.name} value={view.name} />
        <InfoRow label={t.neighbourhood} value={view.neighbourhood} />
        <InfoRow label={t.availability} value={view.availability} />
        <InfoRow label={t.appliedAt} value={formatDateTime(view.appliedAt)} />
        {view.decidedAt && <InfoRow label={t.decidedAt} value={c.byLine(view.decidedByName, formatDateTime(view.decidedAt))} />}
      </View>
      {view.reason && (
        <Text className="community-line community-gap" id="volunteer-reason">
          {c.reasonLine(view.reason)}
        </Text>
      )}
      {HINT[view.status] && <Text className="community-line community-line--muted">{HINT[view.status]}</Text>}
    </Section>
  );
}

/** WeChat only: a tap asks for consent to progress messages (each consent, one message). */
function ProgressMessages() {
  const ask = async () => {
    const given = await askForProgressMessages().catch(() => 0);
    if (given > 0) Taro.showToast({ title: t.messagesOn(given), icon: 'success' });
  };
  return (
    <Section>
      <Text className="community-intro">{t.messagesHint}</Text>
      <Button id="volunteer-messages" variant="secondary" block onClick={() => void ask()}>
        {t.messages}
      </Button>
    </Section>
  );
}

/** An approved volunteer's home: their street and the ways into the volunteer's pages (`volunteer-entry-…`). */
function VolunteerDesk({ view }: { view: VolunteerViewT }) {
  const district = useDistrict();
  return (
    <>
      <Section>
        <Text className="community-line" id="volunteer-welcome">
          {t.welcome(view.name)}
        </Text>
        <Text className="community-line community-line--muted">{t.streetLine(streetNameOf(district, view.streetCode))}</Text>
      </Section>
      <EntryTiles>
        <EntryTile id="volunteer-entry-tasks" title={t.tasksTitle} hint={t.tasksHint} onClick={() => openPage('volunteerTasks')} />
        <EntryTile id="volunteer-entry-my-tasks" title={t.myTasksTitle} hint={t.myTasksHint} onClick={() => openPage('volunteerTasks', { mine: 'true' })} />
      </EntryTiles>
      <EntryTiles>
        <EntryTile id="volunteer-entry-observe" title={t.observeTitle} hint={t.observeHint} onClick={() => openPage('observe')} />
        <EntryTile id="volunteer-entry-observations" title={t.observationsTitle} hint={t.observationsHint} onClick={() => openPage('myObservations')} />
      </EntryTiles>
      {ASKS_FOR_MESSAGES && <ProgressMessages />}
      <EntryTiles>
        <EntryTile id="volunteer-entry-second-looks" title={t.secondLooksTitle} hint={t.secondLooksHint} onClick={() => openPage('secondLooks')} />
        <EntryTile id="volunteer-entry-record" title={t.recordTitle} hint={t.recordHint} onClick={() => openPage('serviceRecord')} />
      </EntryTiles>
    </>
  );
}

/**
 * 社区志愿者: a resident who has not applied reads what volunteering is and applies; then sees the
 * application's state (pending, declined with the reason and a new application, withdrawn); an
 * approved volunteer gets their pages.
 */
export default function VolunteerHomePage() {
  const user = useSignedInUser();
  const volunteering = useRemote(loadVolunteering, { refreshOnShow: true });
  usePullDownReload(volunteering.reload);
  if (!user) return null;
  return (
    <View className="page">
      <Loadable data={volunteering.data} error={volunteering.error} loading={volunteering.loading} onRetry={volunteering.reload}>
        {(view) =>
          view?.status === 'approved' ? (
            <VolunteerDesk view={view} />
          ) : (
            <>
              {!view && (
                <Section title={t.introTitle}>
                  <Text className="community-intro">{t.intro}</Text>
                </Section>
              )}
              {view && <Application view={view} />}
              {(!view || view.status === 'declined' || view.status === 'withdrawn') && (
                <ApplyForm user={user} previous={view ?? undefined} onApplied={volunteering.setData} />
              )}
              {view?.status === 'withdrawn' && (
                <EntryTiles>
                  <EntryTile id="volunteer-entry-record" title={t.recordTitle} hint={t.recordHint} onClick={() => openPage('serviceRecord')} />
                  <EntryTile
                    id="volunteer-entry-observations"
                    title={t.observationsTitle}
                    hint={t.observationsHint}
                    onClick={() => openPage('myObservations')}
                  />
                </EntryTiles>
              )}
            </>
          )
        }
      </Loadable>
    </View>
  );
}
