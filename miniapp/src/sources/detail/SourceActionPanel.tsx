import { useCallback, useState } from 'react';
import type { OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { isMainlandMobile } from '@green-shield/shared/privacy/mask';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call, type RequestOf } from '../../api/client';
import { ActionChoiceField, ActionPanelFrame, ActionTextField } from '../../components/ActionPanelFrame';
import type { Remote } from '../../hooks/useRemote';
import { useRemote } from '../../hooks/useRemote';
import { useSourceAction } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { newIdempotencyKey } from '../../utils/idempotency-key';

const t = zh.sourceOfficer;

const SOURCE_ACTIONS = ['penalty', 'permit', 'incident', 'link_operator', 'link_complaint'] as const;
type SourceAction = (typeof SOURCE_ACTIONS)[number];

const SUCCESS: Record<SourceAction, string> = { penalty: t.done, permit: t.done, incident: t.done, link_operator: t.linked, link_complaint: t.linked };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Inputs {
  decisionNumber: string;
  amount: string;
  permitType: string;
  permitNumber: string;
  validUntil: string;
  severity?: 'ordinary' | 'major';
  description: string;
  note: string;
  phone: string;
  complaintId?: string;
  substantiated?: 'yes' | 'no';
}
const EMPTY: Inputs = { decisionNumber: '', amount: '', permitType: '', permitNumber: '', validUntil: '', description: '', note: '', phone: '' };
type TextInputField = Exclude<keyof Inputs, 'severity' | 'complaintId' | 'substantiated'>;
const SEVERITY_OPTIONS = (['ordinary', 'major'] as const).map((severity) => ({ value: severity, label: t.severities[severity] }));
const SUBSTANTIATED_OPTIONS = (['yes', 'no'] as const).map((answer) => ({ value: answer, label: t.substantiatedOptions[answer] }));
type Problems = Partial<Record<keyof Inputs, string>>;

function problemsOf(action: SourceAction, input: Inputs): Problems {
  const required = (value: string | undefined) => (value?.trim() ? undefined : t.fieldRequired);
  const problems: Problems = {};
  if (action === 'penalty') {
    problems.decisionNumber = required(input.decisionNumber);
    if (input.amount.trim() && !(Number(input.amount) >= 0)) problems.amount = t.amountInvalid;
  } else if (action === 'permit') {
    problems.permitType = required(input.permitType);
    problems.permitNumber = required(input.permitNumber);
    if (input.validUntil.trim() && !DATE.test(input.validUntil.trim())) problems.validUntil = t.validUntilInvalid;
  } else if (action === 'incident') {
    problems.severity = required(input.severity);
    problems.description = required(input.description);
  } else if (action === 'link_operator') {
    problems.phone = isMainlandMobile(input.phone.trim()) ? undefined : zh.auth.phoneInvalid;
  } else {
    problems.complaintId = required(input.complaintId);
    problems.substantiated = required(input.substantiated);
  }
  return Object.fromEntries(Object.entries(problems).filter(([, message]) => message)) as Problems;
}

/** The source's street's complaints (the queue's first page), to link one to the source. */
function ComplaintPicker({ streetCode, value, onChange, error }: { streetCode: string; value?: string; onChange: (id: string) => void; error?: string }) {
  const complaints = useRemote(useCallback(() => call('queue', { query: { streetCode } }), [streetCode]));
  const options = (complaints.data?.items ?? []).map((complaint) => ({
    value: complaint.id,
    label: `${complaint.trackingNumber} · ${zh.category.label(complaint.category.type, complaint.category.subtype)}`,
  }));
  return (
    <ActionChoiceField
      label={t.complaintToLink}
      id="link-complaint"
      options={options}
      none={complaints.data && t.noComplaintsToLink}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

/**
 * What an officer records about a source besides inspections: penalties, permits, incidents,
 * its operator's account and complaints about it. Buttons `source-action-<action>` open
 * `source-action-form-<action>`, sent with `source-action-confirm` (see ActionPanelFrame).
 */
export function SourceActionPanel({ view, data }: { view: Remote<OfficerSourceViewT>; data: OfficerSourceViewT }) {
  const action = useSourceAction(view);
  const [chosen, setChosen] = useState<SourceAction>();
  const [input, setInput] = useState<Inputs>(EMPTY);
  const [attempted, setAttempted] = useState(false);
  // One key per opened form: a retried record (lost answer) is not recorded twice.
  const [recordKey, setRecordKey] = useState(newIdempotencyKey);
  const sourceId = data.source.id;

  const set =
    <K extends keyof Inputs>(field: K) =>
    (value: Inputs[K]) =>
      setInput((previous) => ({ ...previous, [field]: value }));
  const errors: Problems = chosen && attempted ? problemsOf(chosen, input) : {};
  const errorOf = (field: keyof Inputs) => errors[field] ?? (action.error instanceof ApiError ? action.error.fieldErrors[field] : undefined);

  const close = () => {
    setChosen(undefined);
    setInput(EMPTY);
    setAttempted(false);
    setRecordKey(newIdempotencyKey());
  };
  const choose = (next: SourceAction) => {
    if (next === chosen) return close();
    setChosen(next);
    setAttempted(false);
    action.clearError();
  };

  const request = (chosenAction: SourceAction): (() => Promise<OfficerSourceViewT>) => {
    const params = { id: sourceId };
    const note = input.note.trim() || undefined;
    const record = (body: RequestOf<'recordSourceEvent'>['body']) => () =>
      call('recordSourceEvent', { params, headers: { 'Idempotency-Key': recordKey }, body });
    switch (chosenAction) {
      case 'penalty':
        return record({
          type: 'penalty',
          decisionNumber: input.decisionNumber.trim(),
          amountYuan: input.amount.trim() ? Number(input.amount) : undefined,
          note,
        });
      case 'permit':
        return record({
          type: 'permit',
          permitType: input.permitType.trim(),
          permitNumber: input.permitNumber.trim(),
          validUntil: input.validUntil.trim() || undefined,
          note,
        });
      case 'incident':
        return record({ type: 'incident', severity: input.severity ?? 'ordinary', description: input.description.trim() });
      case 'link_operator':
        // The link answers with the operator only; the page then shows the source afresh.
        return async () => {
          await call('linkOperator', { params, body: { phone: input.phone.trim() } });
          return call('getSource', { params });
        };
      case 'link_complaint':
        return () => call('linkComplaint', { params, body: { complaintId: input.complaintId ?? '', substantiated: input.substantiated === 'yes' } });
    }
  };

  const confirm = async () => {
    if (!chosen) return;
    setAttempted(true);
    if (Object.keys(problemsOf(chosen, input)).length > 0) return;
    if (await action.run(request(chosen), SUCCESS[chosen])) close();
  };

  const text = (
    field: TextInputField,
    label: string,
    placeholder: string,
    options: { required?: boolean; maxLength: number; multiline?: boolean; id: string },
  ) => <ActionTextField {...options} label={label} placeholder={placeholder} error={errorOf(field)} value={input[field]} onChange={set(field)} />;

  return (
    <ActionPanelFrame
      idPrefix="source-action"
      actions={SOURCE_ACTIONS}
      labelOf={(candidate) => t.actions[candidate]}
      chosen={chosen}
      onChoose={choose}
      hint={chosen && t.actionHints[chosen]}
      error={action.error}
      busy={action.busy}
      onCancel={close}
      onConfirm={confirm}
    >
      {chosen === 'penalty' && (
        <>
          {text('decisionNumber', t.decisionNumber, t.decisionNumberPlaceholder, {
            required: true,
            maxLength: MAX_LENGTH.documentNumber,
            id: 'record-decision-number',
          })}
          {text('amount', t.amount, t.amountPlaceholder, { maxLength: 12, id: 'record-amount' })}
        </>
      )}
      {chosen === 'permit' && (
        <>
          {text('permitType', t.permitType, t.permitTypePlaceholder, { required: true, maxLength: MAX_LENGTH.permitType, id: 'record-permit-type' })}
          {text('permitNumber', t.permitNumber, t.permitNumberPlaceholder, {
            required: true,
            maxLength: MAX_LENGTH.documentNumber,
            id: 'record-permit-number',
          })}
          {text('validUntil', t.validUntil, t.validUntilPlaceholder, { maxLength: 10, id: 'record-valid-until' })}
        </>
      )}
      {(chosen === 'penalty' || chosen === 'permit') &&
        text('note', t.note, t.notePlaceholder, { multiline: true, maxLength: MAX_LENGTH.note, id: 'record-note' })}
      {chosen === 'incident' && (
        <>
          <ActionChoiceField
            label={t.severity}
            id="record-severity"
            options={SEVERITY_OPTIONS}
            value={input.severity}
            onChange={set('severity')}
            error={errorOf('severity')}
          />
          {text('description', t.incidentDescription, t.incidentDescriptionPlaceholder, {
            required: true,
            multiline: true,
            maxLength: MAX_LENGTH.note,
            id: 'record-description',
          })}
        </>
      )}
      {chosen === 'link_operator' && text('phone', t.operatorPhone, t.operatorPhonePlaceholder, { required: true, maxLength: 11, id: 'link-operator-phone' })}
      {chosen === 'link_complaint' && (
        <>
          <ComplaintPicker streetCode={data.source.streetCode} value={input.complaintId} onChange={set('complaintId')} error={errorOf('complaintId')} />
          <ActionChoiceField
            label={t.substantiated}
            id="link-substantiated"
            options={SUBSTANTIATED_OPTIONS}
            value={input.substantiated}
            onChange={set('substantiated')}
            error={errorOf('substantiated')}
          />
        </>
      )}
    </ActionPanelFrame>
  );
}
