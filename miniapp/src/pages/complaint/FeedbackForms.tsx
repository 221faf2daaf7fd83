import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { isUnsatisfiedRating } from '@green-shield/shared/complaints/state-machine';
import type { ComplaintViewT } from '@green-shield/shared/api/schemas';
import { MAX_LENGTH, MIN_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { Button, SubmitButton } from '../../components/Button';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import { StarRating } from '../../components/StarRating';
import { TextField } from '../../components/TextField';
import type { ComplaintAction } from '../../hooks/useComplaintAction';
import { zh } from '../../i18n/zh-CN';
import { formatDateTime } from '../../utils/format';
import { PRIMARY_COLOR } from '../../styles/colors';

const t = zh.feedback;

/** The API's message for one field of a failed request, if it named that field. */
function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[field] : undefined;
}

/** Asks whether to reopen instead of rating; true when the complainant chose to reopen. */
async function prefersReopening(): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: t.unsatisfiedTitle,
    content: t.unsatisfiedContent,
    confirmText: t.unsatisfiedReopen,
    cancelText: t.unsatisfiedJustRate,
    confirmColor: PRIMARY_COLOR,
  });
  return confirm;
}

/**
 * The complainant rates the resolution 1–5 stars, which closes the complaint. An unsatisfied rating
 * (1–2 stars) first asks, once, whether to reopen instead (`onReopenInstead`); rated anyway, the
 * complaint closes flagged for an officer's follow-up.
 */
export function RateForm({ complaint, action, onReopenInstead }: { complaint: ComplaintViewT; action: ComplaintAction; onReopenInstead: () => void }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [missingRating, setMissingRating] = useState(false);
  const [askedAboutReopening, setAskedAboutReopening] = useState(false);

  const submit = async () => {
    setMissingRating(rating === 0);
    if (rating === 0) return;
    if (isUnsatisfiedRating(rating) && !askedAboutReopening && complaint.availableActions.includes('reopen')) {
      setAskedAboutReopening(true);
      if (await prefersReopening()) {
        onReopenInstead();
        return;
      }
    }
    void action.run(
      () =>
        call('rateComplaint', {
          params: { id: complaint.id },
          body: { expectedVersion: complaint.version, rating, comment: comment.trim() || undefined },
        }),
      t.rated,
    );
  };

  return (
    <Section title={t.rateTitle} id="rate-form">
      {complaint.feedbackBy && <Text className="feedback__hint">{t.rateHint(formatDateTime(complaint.feedbackBy))}</Text>}
      <Field label={zh.complaint.rating} required error={missingRating ? t.rateRequired : fieldError(action.error, 'rating')} id="rate-stars">
        <StarRating value={rating} onChange={setRating} />
      </Field>
      <TextField
        multiline
        error={fieldError(action.error, 'comment')}
        id="rate-comment"
        className="feedback__textarea"
        maxLength={MAX_LENGTH.ratingComment}
        placeholder={t.commentPlaceholder}
        value={comment}
        onChange={setComment}
      />
      <FormError error={action.error} id="rate-error" />
      <SubmitButton id="rate-submit" busy={action.busy} onClick={() => void submit()}>
        {t.rateSubmit}
      </SubmitButton>
    </Section>
  );
}

/**
 * The complainant says the problem persists; the complaint goes back to the officers. `invited`
 * when they chose it over an unsatisfied rating: the form says what to write.
 */
export function ReopenForm({ complaint, action, invited }: { complaint: ComplaintViewT; action: ComplaintAction; invited: boolean }) {
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const reasonError = tooShort ? t.reopenReasonTooShort : fieldError(action.error, 'reason');

  const submit = () => {
    const short = reason.trim().length < MIN_LENGTH.reason;
    setTooShort(short);
    if (short) return;
    void action.run(
      () => call('reopenComplaint', { params: { id: complaint.id }, body: { expectedVersion: complaint.version, reason: reason.trim() } }),
      t.reopened,
    );
  };

  return (
    <Section title={t.reopenTitle} id="reopen-form">
      <Text className={invited ? 'form-error' : 'feedback__hint'} id="reopen-hint">
        {invited ? t.reopenInstead : t.reopenHint}
      </Text>
      <TextField
        multiline
        error={reasonError}
        id="reopen-reason"
        className="feedback__textarea"
        maxLength={MAX_LENGTH.reason}
        placeholder={t.reopenPlaceholder}
        value={reason}
        onChange={setReason}
      />
      <FormError error={action.error} id="reopen-error" />
      <Button id="reopen-submit" variant="danger" block disabled={action.busy} onClick={submit}>
        {t.reopenSubmit}
      </Button>
    </Section>
  );
}
