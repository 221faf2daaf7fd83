import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { checklistFor, CURRENT_CHECKLISTS, type ChecklistItem } from '@green-shield/shared/sources/checklists';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { call } from '../../api/client';
import { SubmitButton } from '../../components/Button';
import { ChipSelect } from '../../components/ChipSelect';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { EmptyState, Loadable } from '../../components/PageState';
import { PhotoUploader } from '../../components/PhotoUploader';
import { Section } from '../../components/Section';
import { TextArea, TextInput } from '../../components/TextField';
import { Toggle } from '../../components/Toggle';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { useSourceId } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { backToJointInspection, backToSource } from '../../navigation';
import { isOfficer } from '../../session';
import { newIdempotencyKey } from '../../utils/idempotency-key';
import { blankAnswers, inspectionSubmission, type ItemAnswer, type Outcome } from './inspection-form';
import './index.scss';

const t = zh.sourceOfficer;
const OUTCOME_OPTIONS = (['pass', 'fail', 'not_applicable'] as const).map((outcome) => ({ value: outcome, label: t.outcomes[outcome] }));

/** One checklist item: outcome chips (`inspect-<item>-<outcome>`), a note, and for a failure the rectification order. */
function ChecklistRow({
  item,
  answer,
  onChange,
  daysError,
}: {
  item: ChecklistItem;
  answer: ItemAnswer;
  onChange: (answer: ItemAnswer) => void;
  daysError?: string;
}) {
  const id = `inspect-${item.id}`;
  return (
    <View
      className={`inspect-item${answer.outcome === 'fail' ? ' inspect-item--fail' : ''}`}
      id={`inspect-item-${item.id}`}
      data-outcome={answer.outcome ?? ''}
    >
      <Text className="inspect-item__label">{item.label}</Text>
      <Text className="inspect-item__basis">{zh.sources.basis(item.basis)}</Text>
      <ChipSelect options={OUTCOME_OPTIONS} value={answer.outcome} idPrefix={id} onChange={(outcome: Outcome) => onChange({ ...answer, outcome })} />
      <TextInput
        id={`${id}-note`}
        className="inspect-item__note"
        maxLength={MAX_LENGTH.inspectionItemNote}
        placeholder={t.itemNote}
        value={answer.note}
        onChange={(note) => onChange({ ...answer, note })}
      />
      {answer.outcome === 'fail' && (
        <View className="inspect-item__rectify">
          <Text className="inspect-item__rectify-label">{t.rectify}</Text>
          <Toggle id={`${id}-rectify`} label={t.rectify} checked={answer.rectify} onChange={(rectify) => onChange({ ...answer, rectify })} />
          {answer.rectify && (
            <View className="inspect-item__days">
              <TextInput
                id={`${id}-days`}
                type="number"
                className="inspect-item__days-input"
                maxLength={3}
                placeholder={t.rectifyDays}
                value={answer.rectifyDays}
                onChange={(rectifyDays) => onChange({ ...answer, rectifyDays })}
              />
              <Text className="inspect-item__days-unit">{t.daysUnit}</Text>
            </View>
          )}
        </View>
      )}
      {daysError && (
        <Text className="field__error" id={`${id}-days-error`}>
          {daysError}
        </Text>
      )}
    </View>
  );
}

/**
 * The form for `source`; with `jointId` the inspection is one visit of that joint inspection request
 * (recorded on it, and on the source as any inspection), and the form returns to the request.
 */
function InspectionForm({ source, jointId }: { source: OfficerSourceViewT['source']; jointId?: string }) {
  const items = checklistFor(source.kind, CURRENT_CHECKLISTS.version);
  const photos = usePhotoUploads();
  const [answers, setAnswers] = useState(() => blankAnswers(items));
  const [note, setNote] = useState('');
  // One key for this form: a submit retried after a lost answer records one inspection, not two.
  const [formKey] = useState(newIdempotencyKey);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);

  if (items.length === 0) return <EmptyState title={t.noChecklist} />;

  const submission = inspectionSubmission(items, answers, { checklistVersion: CURRENT_CHECKLISTS.version, note, photoKeys: photos.keys });
  const problems = attempted && 'problems' in submission ? submission.problems : {};
  const photoProblem = photos.uploading ? zh.report.waitUploads : photos.failed ? zh.report.removeFailedUploads : undefined;

  const submit = async () => {
    setAttempted(true);
    setFailure(undefined);
    if ('problems' in submission || photoProblem) return;
    setSubmitting(true);
    try {
      const headers = { 'Idempotency-Key': formKey };
      if (jointId) {
        await call('inspectForJointInspection', { params: { id: jointId }, headers, body: { sourceId: source.id, inspection: submission.body } });
      } else {
        await call('inspectSource', { params: { id: source.id }, headers, body: submission.body });
      }
      Taro.showToast({ title: t.inspectDone, icon: 'success' });
      if (jointId) await backToJointInspection(jointId);
      else await backToSource(source.id);
    } catch (error) {
      setFailure(error);
      setSubmitting(false);
    }
  };

  return (
    <>
      <Section title={t.inspectTitle(source.name)}>
        <Text className="inspect__version">{t.checklistVersion(CURRENT_CHECKLISTS.title)}</Text>
        {jointId && (
          <Text className="inspect__version" id="inspect-joint">
            {zhCommunity.joint.inspectFor}
          </Text>
        )}
        {items.map((item) => (
          <ChecklistRow
            key={item.id}
            item={item}
            answer={answers[item.id]}
            onChange={(answer) => setAnswers((previous) => ({ ...previous, [item.id]: answer }))}
            daysError={problems.badDays?.includes(item.id) ? t.rectifyDaysInvalid : undefined}
          />
        ))}
      </Section>
      <Section title={t.inspectNote}>
        <TextArea id="inspect-note" maxLength={MAX_LENGTH.officerNote} placeholder={t.inspectNotePlaceholder} value={note} onChange={setNote} />
      </Section>
      <Section title={t.inspectPhotos}>
        <Field error={attempted ? photoProblem : undefined} id="inspect-photos">
          <PhotoUploader uploads={photos} idPrefix="inspect" />
        </Field>
      </Section>
      {problems.unanswered !== undefined && (
        <Text className="form-error" id="inspect-items-error">
          {t.itemsRequired(problems.unanswered)}
        </Text>
      )}
      <FormError error={failure} id="inspect-error" />
      <SubmitButton id="inspect-submit" busy={submitting} onClick={submit}>
        {t.inspectSubmit}
      </SubmitButton>
    </>
  );
}

/** The mobile inspection form, built from the versioned checklist of the source's kind; `?joint=` for a joint inspection's visit. */
export default function InspectPage() {
  const user = useSignedInUser();
  const id = useSourceId();
  const jointId = useRouter().params.joint;
  const view = useRemote(useCallback(() => call('getSource', { params: { id } }), [id]));
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  return (
    <View className="page inspect">
      <Loadable data={view.data} error={view.error} loading={view.loading} onRetry={view.reload}>
        {({ source }) => <InspectionForm source={source} jointId={jointId} />}
      </Loadable>
    </View>
  );
}
