import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { JOINT_INSPECTION_URGENCIES, type JointInspectionUrgency } from '@green-shield/shared/cogov/joint-inspection-due-dates';
import { COGOV_LIMITS, MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { SubmitButton } from '../../components/Button';
import { ChipSelect } from '../../components/ChipSelect';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { EmptyState } from '../../components/PageState';
import { PhotoUploader } from '../../components/PhotoUploader';
import { Section } from '../../components/Section';
import { TextField } from '../../components/TextField';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { PAGES } from '../../navigation';
import { newIdempotencyKey } from '../../utils/idempotency-key';
import { splitList } from '../../utils/joint-inspection';
import { AreaFields, useAreaDraft } from '../AreaFields';
import { type PickedSource, SourcePicker } from '../SourcePicker';
import '../cogov.scss';

const t = zhCommunity.joint;
const URGENCY_OPTIONS = JOINT_INSPECTION_URGENCIES.map((urgency) => ({ value: urgency, label: t.urgency[urgency] }));

/** The request form: sources and/or an area, reason, urgency, photos, linked complaints. */
function RaiseForm({ startWith }: { startWith?: string }) {
  const [sources, setSources] = useState<PickedSource[]>([]);
  const area = useAreaDraft();
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

  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors : {};
  const photoProblem = photos.uploading ? zh.report.waitUploads : photos.failed ? zh.report.removeFailedUploads : undefined;

  const submit = async () => {
    setFailure(undefined);
    if (photoProblem) return;
    setSubmitting(true);
    try {
      const { request } = await call('raiseJointInspection', {
        headers: { 'Idempotency-Key': formKey },
        body: {
          urgency,
          reason,
          sourceIds: sources.map((source) => source.id),
          area: area.area,
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
        <SourcePicker idPrefix="joint" picked={sources} onChange={setSources} />
        {fieldErrors.sourceIds && (
          <Text className="field__error" id="joint-sources-error">
            {fieldErrors.sourceIds}
          </Text>
        )}
      </Section>
      <Section title={t.areaTitle}>
        <AreaFields idPrefix="joint" draft={area} errors={fieldErrors} />
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
