import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SourceSummaryT } from '@green-shield/shared/api/source-schemas';
import { JOINT_INSPECTION_URGENCIES, type JointInspectionUrgency } from '@green-shield/shared/cogov/joint-inspection-due-dates';
import { COGOV_LIMITS, MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { Button, SubmitButton } from '../../components/Button';
import { ChipSelect } from '../../components/ChipSelect';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { EmptyState } from '../../components/PageState';
import { PhotoUploader } from '../../components/PhotoUploader';
import { Section } from '../../components/Section';
import { Tappable } from '../../components/Tappable';
import { TextField, TextInput } from '../../components/TextField';
import { Toggle } from '../../components/Toggle';
import { useCurrentLocation } from '../../hooks/useCurrentLocation';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { PAGES } from '../../navigation';
import { newIdempotencyKey } from '../../utils/idempotency-key';
import { splitList } from '../../utils/joint-inspection';
import '../../sources/sources.scss';
import '../cogov.scss';

const t = zh.joint;
const URGENCY_OPTIONS = JOINT_INSPECTION_URGENCIES.map((urgency) => ({ value: urgency, label: t.urgency[urgency] }));

type Picked = Pick<SourceSummaryT, 'id' | 'name' | 'address'>;

/** Sources found by name (`joint-source-search`, results `joint-source-found-<id>`) and those chosen (`joint-source-<id>`, a tap removes it). */
function SourcePicker({ picked, onChange }: { picked: Picked[]; onChange: (picked: Picked[]) => void }) {
  const [name, setName] = useState('');
  const [found, setFound] = useState<Picked[]>();
  const [failure, setFailure] = useState<unknown>();
  const search = async () => {
    setFailure(undefined);
    if (!name.trim()) return;
    try {
      setFound((await call('searchSources', { query: { name: name.trim() } })).items);
    } catch (error) {
      setFailure(error);
    }
  };
  const chosen = new Set(picked.map((source) => source.id));
  return (
    <>
      {picked.map((source) => (
        <View key={source.id} className="joint-row" id={`joint-source-${source.id}`}>
          <Text className="joint-row__name">{`${source.name}（${source.address}）`}</Text>
          <Button small variant="ghost" label={t.remove(source.name)} onClick={() => onChange(picked.filter((other) => other.id !== source.id))}>
            ×
          </Button>
        </View>
      ))}
      <View className="source-search__row joint-form__gap">
        <TextInput
          id="joint-source-name"
          className="source-search__input"
          maxLength={MAX_LENGTH.sourceNamePrefix}
          placeholder={t.searchPlaceholder}
          value={name}
          onChange={setName}
        />
        <Button id="joint-source-search" small className="source-search__button" onClick={() => void search()}>
          {t.search}
        </Button>
      </View>
      <FormError error={failure} id="joint-source-search-error" />
      {found?.length === 0 && <Text className="joint-line">{t.noMatch}</Text>}
      {found
        ?.filter((source) => !chosen.has(source.id))
        .map((source) => (
          <Tappable
            key={source.id}
            id={`joint-source-found-${source.id}`}
            className="joint-row"
            label={t.add(source.name)}
            disabled={picked.length >= COGOV_LIMITS.sources}
            onClick={() => onChange([...picked, source])}
          >
            <Text className="joint-row__name">{`${source.name}（${source.address}）`}</Text>
            <Text className="joint-row__state">＋</Text>
          </Tappable>
        ))}
    </>
  );
}

/** The request form: sources and/or an area, reason, urgency, photos, linked complaints. */
function RaiseForm({ startWith }: { startWith?: string }) {
  const [sources, setSources] = useState<Picked[]>([]);
  const [address, setAddress] = useState('');
  const [withPosition, setWithPosition] = useState(false);
  const position = useCurrentLocation(false);
  const [radius, setRadius] = useState('');
  const [reason, setReason] = useState('');
  const [urgency, setUrgency] = useState<JointInspectionUrgency>('normal');
  const [complaints, setComplaints] = useState('');
  const photos = usePhotoUploads();
  const [formKey] = useState(newIdempotencyKey);
  const [failure, setFailure] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (!startWith) return;
    call('getSource', { params: { id: startWith } }).then(
      ({ source }) => setSources((previous) => (previous.some((other) => other.id === source.id) ? previous : [source, ...previous])),
      () => undefined, // the officer can still search for it
    );
  }, [startWith]);

  const point = withPosition && position.status === 'located' ? position.point : undefined;
  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors : {};
  const photoProblem = photos.uploading ? zh.report.waitUploads : photos.failed ? zh.report.removeFailedUploads : undefined;

  const submit = async () => {
    setFailure(undefined);
    if (photoProblem) return;
    const radiusMetres = radius.trim() ? Number(radius) : undefined;
    const hasArea = address.trim() !== '' || point !== undefined;
    setSubmitting(true);
    try {
      const { request } = await call('raiseJointInspection', {
        headers: { 'Idempotency-Key': formKey },
        body: {
          urgency,
          reason,
          sourceIds: sources.map((source) => source.id),
          area: hasArea ? { address: address.trim() || undefined, point, radiusMetres: point ? radiusMetres : undefined } : undefined,
          photoKeys: photos.keys,
          complaintTrackingNumbers: splitList(complaints),
        },
      });
      Taro.showToast({ title: t.raised, icon: 'success' });
      await Taro.redirectTo({ url: `${PAGES.jointDetail}?id=${encodeURIComponent(request.id)}` });
    } catch (error) {
      setFailure(error);
      setSubmitting(false);
    }
  };

  return (
    <>
      <Section title={t.sourcesTitle}>
        <Text className="joint-line">{t.sourcesHint}</Text>
        <SourcePicker picked={sources} onChange={setSources} />
        {fieldErrors.sourceIds && (
          <Text className="field__error" id="joint-sources-error">
            {fieldErrors.sourceIds}
          </Text>
        )}
      </Section>
      <Section title={t.areaTitle}>
        <TextField
          id="joint-area-address"
          label={t.areaAddress}
          placeholder={t.areaAddressPlaceholder}
          maxLength={MAX_LENGTH.address}
          value={address}
          onChange={setAddress}
          error={fieldErrors['area.address']}
        />
        <View className="joint-row">
          <Text className="joint-row__name">
            {!withPosition
              ? t.usePosition
              : position.status === 'located'
                ? t.positionAttached
                : position.status === 'locating'
                  ? t.positionLocating
                  : t.positionUnavailable}
          </Text>
          <Toggle
            id="joint-area-position"
            label={t.usePosition}
            checked={withPosition}
            onChange={(on) => {
              setWithPosition(on);
              if (on) position.relocate();
            }}
          />
        </View>
        {point && (
          <TextField
            id="joint-area-radius"
            type="number"
            label={t.radius}
            placeholder={t.radiusPlaceholder}
            maxLength={4}
            value={radius}
            onChange={setRadius}
            error={fieldErrors['area.radiusMetres']}
          />
        )}
      </Section>
      <Section title={t.reason}>
        <TextField
          id="joint-reason"
          multiline
          placeholder={t.reasonPlaceholder}
          maxLength={MAX_LENGTH.jointReason}
          value={reason}
          onChange={setReason}
          error={fieldErrors.reason}
        />
        <Field label={t.urgencyLabel} required>
          <ChipSelect options={URGENCY_OPTIONS} value={urgency} onChange={setUrgency} idPrefix="joint-urgency" label={t.urgencyLabel} />
        </Field>
      </Section>
      <Section title={t.photos}>
        <Field error={photoProblem} id="joint-photos">
          <PhotoUploader uploads={photos} idPrefix="joint" />
        </Field>
      </Section>
      <Section title={t.complaints}>
        <TextField
          id="joint-complaints"
          hint={t.complaintsHint}
          placeholder={t.complaintsPlaceholder}
          label={t.complaints}
          maxLength={(MAX_LENGTH.trackingNumber + 1) * COGOV_LIMITS.links}
          value={complaints}
          onChange={setComplaints}
          error={fieldErrors.complaintTrackingNumbers}
        />
      </Section>
      <FormError error={failure} id="joint-raise-error" />
      <SubmitButton id="joint-raise-submit" busy={submitting} onClick={() => void submit()}>
        {t.submit}
      </SubmitButton>
    </>
  );
}

/** A street officer asks the bureau for a joint inspection; from a source's page it starts with that source. */
export default function JointRaisePage() {
  const user = useSignedInUser();
  const startWith = useRouter().params.sourceId;
  if (!user) return null;
  if (!user.roles.includes('street_officer')) return <EmptyState title={zh.officer.notAllowed} />;
  return (
    <View className="page">
      <RaiseForm startWith={startWith} />
    </View>
  );
}
