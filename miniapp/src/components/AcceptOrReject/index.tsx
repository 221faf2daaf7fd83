import { type ReactNode, useState } from 'react';
import { View } from '@tarojs/components';
import { zh } from '../../i18n/zh-CN';
import { Button } from '../Button';
import { Field } from '../Field';
import { FormError } from '../FormError';
import { TextArea } from '../TextField';
import './index.scss';

const t = zh.sourceOfficer;

/**
 * An officer's decision: accept at once, or reject with a reason as long as the API requires
 * (`reasonLength`: MIN_LENGTH and MAX_LENGTH of the reason), and any `rejectFields` the caller adds
 * under the reason (it checks them in `onReject`). Ids, for `<prefix>` = `<idPrefix>` and item `<id>`: `<prefix>-accept-<id>`,
 * `<prefix>-reject-<id>` (opens the reason), `<prefix>-reason-<id>`, `<prefix>-confirm-reject-<id>`,
 * `<prefix>-error-<id>`.
 */
export function AcceptOrReject({
  idPrefix,
  itemId,
  busy,
  error,
  reasonPlaceholder,
  reasonLength,
  rejectFields,
  onAccept,
  onReject,
}: {
  idPrefix: string;
  itemId: string;
  busy: boolean;
  error: unknown;
  reasonPlaceholder: string;
  reasonLength: { min: number; max: number };
  rejectFields?: ReactNode;
  onAccept: () => void;
  onReject: (reason: string) => void;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const reasonProblem = reason.trim().length < reasonLength.min ? t.rejectReasonRequired(reasonLength.min) : undefined;
  const id = (part: string) => `${idPrefix}-${part}-${itemId}`;

  const reject = () => {
    setAttempted(true);
    if (!reasonProblem) onReject(reason.trim());
  };

  return (
    <View className="accept-or-reject">
      <View className="accept-or-reject__buttons">
        <Button id={id('reject')} variant={rejecting ? 'danger' : 'secondary'} disabled={busy} onClick={() => setRejecting(!rejecting)}>
          {t.reject}
        </Button>
        <Button id={id('accept')} className="accept-or-reject__accept" disabled={busy} onClick={onAccept}>
          {t.accept}
        </Button>
      </View>
      {rejecting && (
        <View className="accept-or-reject__reason">
          <Field label={t.rejectReason} required error={attempted ? reasonProblem : undefined} id={id('reason')}>
            <TextArea
              id={id('reason')}
              className="accept-or-reject__textarea"
              maxLength={reasonLength.max}
              placeholder={reasonPlaceholder}
              value={reason}
              onChange={setReason}
            />
          </Field>
          {rejectFields}
          <Button id={id('confirm-reject')} variant="danger" block disabled={busy} onClick={reject}>
            {t.confirmReject}
          </Button>
        </View>
      )}
      <FormError error={error} id={id('error')} className="accept-or-reject__error" />
    </View>
  );
}
