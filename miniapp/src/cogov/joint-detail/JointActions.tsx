import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { JointInspectionDetailT, JointInspectionViewT } from '@green-shield/shared/api/cogov-schemas';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { SubmitButton } from '../../components/Button';
import { ChipSelect } from '../../components/ChipSelect';
import { FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import { TextField } from '../../components/TextField';
import { Toggle } from '../../components/Toggle';
import type { RemoteAction } from '../../hooks/useRemoteAction';

import { zhCommunity } from '../../i18n/zh-CN-community';
import { blankDraft, isStep, type JointDraft, type Step, stepBody } from '../../utils/joint-inspection';

const t = zhCommunity.joint;

/** What each step asks for in its one text box (none: it needs no words). */
const TEXT_OF: Partial<Record<Step, { label: string; placeholder: string; required: boolean }>> = {
  request_info: { label: t.question, placeholder: t.reasonLabelPlaceholder, required: true },
  provide_info: { label: t.answer, placeholder: t.answer, required: true },
  accept: { label: t.note, placeholder: t.notePlaceholder, required: false },
  decline: { label: t.reasonLabel, placeholder: t.reasonLabelPlaceholder, required: true },
  schedule: { label: t.note, placeholder: t.notePlaceholder, required: false },
  record_result: { label: t.summary, placeholder: t.summaryPlaceholder, required: true },
  confirm: { label: t.note, placeholder: t.notePlaceholder, required: false },
  send_back: { label: t.reasonLabel, placeholder: t.reasonLabelPlaceholder, required: true },
  withdraw: { label: t.reasonLabel, placeholder: t.reasonLabelPlaceholder, required: true },
};

/** Field messages of a refused step, by the form's own names (`schedule.date` → date). */
function problemsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const found: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fieldErrors)) found[field.split('.').pop() ?? field] = message;
  return found;
}

/**
 * The steps the viewer's side may take now (`joint-action-<step>` chips), each with what it asks
 * for, sent with `joint-step-submit`; the request's answer replaces the page's.
 */
export function JointActions({ request, action }: { request: JointInspectionViewT; action: RemoteAction<JointInspectionDetailT> }) {
  const steps = request.availableActions.filter(isStep);
  const [chosen, setChosen] = useState<Step>();
  const [draft, setDraft] = useState<JointDraft>(() => blankDraft(new Date()));
  const edit = (change: Partial<JointDraft>) => setDraft((previous) => ({ ...previous, ...change }));
  const editPenalty = (sourceId: string, change: Partial<JointDraft['penalties'][string]>) =>
    setDraft((previous) => {
      const penalty = { ...(previous.penalties[sourceId] ?? { decisionNumber: '', amountYuan: '' }), ...change };
      return { ...previous, penalties: { ...previous.penalties, [sourceId]: penalty } };
    });
  if (steps.length === 0) return null;
  const step = chosen && steps.includes(chosen) ? chosen : undefined;
  const text = step ? TEXT_OF[step] : undefined;
  const asksSchedule = step === 'schedule' || (step === 'accept' && draft.withSchedule);
  const problems = problemsOf(action.error);
  const uninspected = step === 'record_result' && request.sources.some((source) => !source.inspected);

  const submit = async () => {
    if (!step) return;
    const done = await action.run(
      () => call('stepJointInspection', { params: { id: request.id }, body: stepBody(step, draft, request.version) }),
      t.done(t.action[step]),
    );
    if (done) {
      setChosen(undefined);
      setDraft(blankDraft(new Date()));
    }
  };

  return (
    <Section title={t.actionsTitle} id="joint-actions">
      <ChipSelect
        options={steps.map((value) => ({ value, label: t.action[value] }))}
        value={step}
        onChange={(value) => {
          action.clearError();
          setChosen(value);
        }}
        idPrefix="joint-action"
        label={t.chooseAction}
      />
      {step === 'accept' && (
        <View className="joint-row joint-form__gap">
          <Text className="joint-row__name">{t.scheduleNow}</Text>
          <Toggle id="joint-accept-schedule" label={t.scheduleNow} checked={draft.withSchedule} onChange={(withSchedule) => edit({ withSchedule })} />
        </View>
      )}
      {asksSchedule && (
        <>
          <TextField
            id="joint-schedule-date"
            label={t.date}
            required
            placeholder={t.datePlaceholder}
            maxLength={10}
            value={draft.date}
            onChange={(date) => edit({ date })}
            error={problems.date}
          />
          <TextField
            id="joint-schedule-time"
            label={t.time}
            placeholder={t.timePlaceholder}
            maxLength={5}
            value={draft.time}
            onChange={(time) => edit({ time })}
            error={problems.time}
          />
          <TextField
            id="joint-schedule-people"
            label={t.peopleLabel}
            required
            placeholder={t.peoplePlaceholder}
            maxLength={MAX_LENGTH.personName * 10}
            value={draft.people}
            onChange={(people) => edit({ people })}
            error={problems.people}
          />
        </>
      )}
      {text && (
        <TextField
          id="joint-step-text"
          multiline
          label={text.label}
          required={text.required}
          placeholder={text.placeholder}
          maxLength={step === 'record_result' ? MAX_LENGTH.jointReason : MAX_LENGTH.comment}
          value={draft.text}
          onChange={(value) => edit({ text: value })}
          error={problems.question ?? problems.note ?? problems.reason ?? problems.summary}
        />
      )}
      {step === 'record_result' && (
        <TextField
          id="joint-reinspect"
          label={t.reinspectLabel}
          placeholder={t.datePlaceholder}
          maxLength={10}
          value={draft.reinspectOn}
          onChange={(reinspectOn) => edit({ reinspectOn })}
          error={problems.reinspectOn}
        />
      )}
      {step === 'record_result' &&
        request.sources.map((source) => (
          <View key={source.id} className="joint-form__gap">
            <TextField
              id={`joint-penalty-${source.id}`}
              label={t.penaltyNumber(source.name)}
              placeholder={t.penaltyNumberPlaceholder}
              maxLength={MAX_LENGTH.documentNumber}
              value={draft.penalties[source.id]?.decisionNumber ?? ''}
              onChange={(decisionNumber) => editPenalty(source.id, { decisionNumber })}
            />
            {draft.penalties[source.id]?.decisionNumber.trim() && (
              <TextField
                id={`joint-penalty-amount-${source.id}`}
                type="digit"
                label={t.penaltyAmount}
                placeholder={t.penaltyAmount}
                maxLength={10}
                value={draft.penalties[source.id]?.amountYuan ?? ''}
                onChange={(amountYuan) => editPenalty(source.id, { amountYuan })}
              />
            )}
          </View>
        ))}
      {uninspected && <Text className="form-error">{t.inspectFirst}</Text>}
      <FormError error={action.error} id="joint-step-error" />
      {step && (
        <SubmitButton id="joint-step-submit" busy={action.busy} onClick={() => void submit()}>
          {t.submitAction(t.action[step])}
        </SubmitButton>
      )}
    </Section>
  );
}
