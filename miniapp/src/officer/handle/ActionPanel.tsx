import { useCallback, useState } from 'react';
import { Text } from '@tarojs/components';
import type { ComplaintViewT, TransitionBodyT } from '@green-shield/shared/api/schemas';
import { OFFICER_ACTIONS, type OfficerAction } from '@green-shield/shared/complaints/state-machine';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { ActionChoiceField, ActionPanelFrame, ActionTextField } from '../../components/ActionPanelFrame';
import { Field } from '../../components/Field';
import { PhotoUploader } from '../../components/PhotoUploader';
import { Section } from '../../components/Section';
import type { ComplaintAction } from '../../hooks/useComplaintAction';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { useDistrict } from '../../hooks/useDistrict';
import { useRemote } from '../../hooks/useRemote';
import { zh } from '../../i18n/zh-CN';

const t = zh.officer;

/** Which inputs each action shows; `note` is shown for every action and required where listed. */
const NEEDS: Record<
  OfficerAction,
  { noteRequired?: true; assignee?: true; photos?: true; reason?: 'not_our_responsibility' | 'extend'; referral?: true; duplicate?: true; extension?: true }
> = {
  accept: {},
  assign: { assignee: true },
  start: {},
  note: { noteRequired: true },
  resolve: { noteRequired: true, photos: true },
  not_our_responsibility: { reason: 'not_our_responsibility', referral: true },
  mark_duplicate: { duplicate: true },
  extend: { reason: 'extend', extension: true },
  follow_up: { noteRequired: true },
};

type ActionInput = { note: string; reason: string; referral: string; duplicateOf: string; assigneeId?: string; extensionDays?: string };
type TextInputField = 'note' | 'reason' | 'referral' | 'duplicateOf';
const EMPTY_INPUT: ActionInput = { note: '', reason: '', referral: '', duplicateOf: '' };
type InputErrors = Partial<Record<keyof ActionInput | 'photos', string>>;

function AssigneePicker({ streetCode, value, onChange, error }: { streetCode: string; value?: string; onChange: (id: string) => void; error?: string }) {
  const officers = useRemote(useCallback(() => call('listOfficers', { query: { streetCode } }), [streetCode]));
  const options = (officers.data?.items ?? []).map((officer) => ({ value: officer.id, label: officer.name }));
  return (
    <ActionChoiceField
      label={t.assigneeLabel}
      id="action-assignee"
      options={options}
      none={officers.data && t.noAssignees}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

/** Choices up to the cap of the district's time limits (信访工作条例: at most 30 days, once). */
function ExtensionDaysPicker({ value, onChange, error }: { value?: string; onChange: (days: string) => void; error?: string }) {
  const district = useDistrict();
  const max = district?.timeLimits.maxExtensionDays ?? 0;
  const options = [...new Set([7, 15, max])].filter((days) => days > 0 && days <= max).map((days) => ({ value: String(days), label: t.extensionDays(days) }));
  return <ActionChoiceField label={t.extensionDaysLabel} id="action-extension-days" options={options} value={value} onChange={onChange} error={error} />;
}

/**
 * The officer's buttons for what the complaint allows now (`action-<action>`), and the form of the
 * chosen action, confirmed with `action-confirm`.
 */
export function ActionPanel({ complaint, action }: { complaint: ComplaintViewT; action: ComplaintAction }) {
  const [chosen, setChosen] = useState<OfficerAction>();
  const [input, setInput] = useState<ActionInput>(EMPTY_INPUT);
  // Missing inputs show live once the officer has tried to confirm.
  const [attempted, setAttempted] = useState(false);
  const photos = usePhotoUploads();

  const available = OFFICER_ACTIONS.filter((candidate) => complaint.availableActions.includes(candidate));
  const needs = chosen ? NEEDS[chosen] : {};
  const set = (field: keyof ActionInput) => (value: string) => setInput((previous) => ({ ...previous, [field]: value }));
  const apiFieldError = (field: string) => (action.error instanceof ApiError ? action.error.fieldErrors[field] : undefined);

  const choose = (next: OfficerAction) => {
    setChosen(next === chosen ? undefined : next);
    setAttempted(false);
    // A failure belongs to the action that was tried: another action starts without it.
    action.clearError();
  };

  const close = () => {
    setChosen(undefined);
    setInput(EMPTY_INPUT);
    setAttempted(false);
    photos.reset();
  };

  const validate = (): InputErrors => {
    const missing: InputErrors = {};
    if (needs.noteRequired && !input.note.trim()) missing.note = t.noteRequired;
    if (needs.assignee && !input.assigneeId) missing.assigneeId = t.fieldRequired;
    if (needs.reason && !input.reason.trim()) missing.reason = t.fieldRequired;
    if (needs.referral && !input.referral.trim()) missing.referral = t.fieldRequired;
    if (needs.extension && !input.extensionDays) missing.extensionDays = t.fieldRequired;
    if (needs.duplicate && !input.duplicateOf.trim()) missing.duplicateOf = t.fieldRequired;
    if (needs.photos && photos.uploading) missing.photos = zh.report.waitUploads;
    else if (needs.photos && photos.failed) missing.photos = zh.report.removeFailedUploads;
    return missing;
  };
  const errors = attempted ? validate() : {};
  const errorOf = (field: keyof InputErrors) => errors[field] ?? apiFieldError(field);
  const text = (
    field: TextInputField,
    label: string,
    placeholder: string,
    options: { id: string; required?: boolean; multiline?: boolean; maxLength: number },
  ) => <ActionTextField {...options} label={label} placeholder={placeholder} error={errorOf(field)} value={input[field]} onChange={set(field)} />;

  const confirm = async () => {
    if (!chosen) return;
    setAttempted(true);
    if (Object.keys(validate()).length > 0) return;
    const body: TransitionBodyT = {
      action: chosen,
      expectedVersion: complaint.version,
      note: input.note.trim() || undefined,
      reason: needs.reason ? input.reason.trim() : undefined,
      referral: needs.referral ? input.referral.trim() : undefined,
      extensionDays: needs.extension ? Number(input.extensionDays) : undefined,
      duplicateOf: needs.duplicate ? input.duplicateOf.trim().toUpperCase() : undefined,
      assigneeId: needs.assignee ? input.assigneeId : undefined,
      photoKeys: needs.photos && photos.keys.length > 0 ? photos.keys : undefined,
    };
    const done = await action.run(() => call('transitionComplaint', { params: { id: complaint.id }, body }), t.done);
    if (done) close();
  };

  if (available.length === 0) {
    return (
      <Section>
        <Text className="action-panel__hint" id="action-none">
          {t.noActions}
        </Text>
      </Section>
    );
  }

  return (
    <ActionPanelFrame
      idPrefix="action"
      title={zh.titles.handle}
      actions={available}
      labelOf={(candidate) => t.actions[candidate].label}
      chosen={chosen}
      onChoose={choose}
      hint={chosen && t.actions[chosen].hint}
      error={action.error}
      busy={action.busy}
      onCancel={close}
      onConfirm={confirm}
    >
      {needs.assignee && (
        <AssigneePicker streetCode={complaint.streetCode} value={input.assigneeId} onChange={set('assigneeId')} error={errorOf('assigneeId')} />
      )}
      {needs.extension && <ExtensionDaysPicker value={input.extensionDays} onChange={set('extensionDays')} error={errorOf('extensionDays')} />}
      {needs.reason &&
        text('reason', t.reasonLabel, t.reasonPlaceholder[needs.reason], {
          id: 'action-reason-input',
          required: true,
          multiline: true,
          maxLength: MAX_LENGTH.officerNote,
        })}
      {needs.referral &&
        text('referral', t.referralLabel, t.referralPlaceholder, { id: 'action-referral-input', required: true, maxLength: MAX_LENGTH.referral })}
      {needs.duplicate &&
        text('duplicateOf', t.duplicateLabel, t.duplicatePlaceholder, {
          id: 'action-duplicate-input',
          required: true,
          maxLength: MAX_LENGTH.trackingNumber,
        })}
      {text('note', t.noteLabel, t.notePlaceholder, {
        id: 'action-note-input',
        required: needs.noteRequired,
        multiline: true,
        maxLength: MAX_LENGTH.officerNote,
      })}
      {needs.photos && (
        <Field label={t.resultPhotos} error={errors.photos}>
          <PhotoUploader uploads={photos} idPrefix="action" />
        </Field>
      )}
    </ActionPanelFrame>
  );
}
