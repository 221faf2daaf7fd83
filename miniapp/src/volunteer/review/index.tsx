import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { VolunteerSourceViewT } from '@green-shield/shared/api/cogov-schemas';
import { REVIEW_VERDICTS, type ReviewVerdict } from '@green-shield/shared/cogov/observations';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
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
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { pageUrl } from '../../navigation';
import { formatDay } from '../../utils/format';
import { newIdempotencyKey } from '../../utils/idempotency-key';
import { VolunteerLoadable } from '../VolunteerOnly';
import '../../styles/community.scss';

const c = zhCommunity;
const t = c.volunteer;
const VERDICTS = REVIEW_VERDICTS.map((value) => ({ value, label: c.verdict[value] }));

type Subject = { kind: 'complaint'; complaintId: string } | { kind: 'rectification'; sourceId: string; rectificationId: string };

/**
 * The second look itself (`review-verdict-confirm|dispute`, `review-note`, photos, `review-submit`):
 * a dispute needs a photo of what the volunteer found.
 */
function ReviewForm({ subject }: { subject: Subject | undefined }) {
  const [verdict, setVerdict] = useState<ReviewVerdict>('confirm');
  const [note, setNote] = useState('');
  const photos = usePhotoUploads();
  const [draftKey] = useState(newIdempotencyKey);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const photoProblem = photos.uploading
    ? t.waitUploads
    : photos.failed
      ? t.removeFailedUploads
      : attempted && verdict === 'dispute' && photos.keys.length === 0
        ? t.disputeNeedsPhoto
        : undefined;
  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors : {};

  const submit = async () => {
    setAttempted(true);
    setFailure(undefined);
    if (!subject || photos.uploading || photos.failed || (verdict === 'dispute' && photos.keys.length === 0)) return;
    setBusy(true);
    try {
      await call('submitReview', {
        headers: { 'Idempotency-Key': draftKey },
        body: { subject, verdict, note: note.trim() || undefined, photoKeys: photos.keys },
      });
      Taro.showToast({ title: t.reviewSent, icon: 'success' });
      await Taro.redirectTo({ url: pageUrl('secondLooks') });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Section>
      <Field label={t.verdictLabel} required>
        <ChipSelect options={VERDICTS} value={verdict} onChange={setVerdict} idPrefix="review-verdict" label={t.verdictLabel} />
      </Field>
      <TextField
        id="review-note"
        multiline
        label={t.noteLabel}
        placeholder={t.notePlaceholder}
        maxLength={MAX_LENGTH.comment}
        value={note}
        onChange={setNote}
        error={fieldErrors.note}
      />
      <Field label={t.photosTitle} required={verdict === 'dispute'} error={photoProblem ?? fieldErrors.photoKeys} id="review-photos">
        <PhotoUploader uploads={photos} idPrefix="review" />
      </Field>
      {attempted && !subject && <Text className="form-error">{t.chooseItem}</Text>}
      <FormError error={failure} id="review-error" wording={{ ALREADY_EXISTS: t.alreadyReviewed }} />
      <SubmitButton id="review-submit" busy={busy} onClick={() => void submit()}>
        {t.sendReview}
      </SubmitButton>
    </Section>
  );
}

/** A source's finished rectifications to choose from (`review-item-<id>`), then the form. */
function RectificationReview({ source }: { source: VolunteerSourceViewT }) {
  const closed = source.rectifications.filter((item) => item.status === 'closed');
  const [chosen, setChosen] = useState<string | undefined>(closed.length === 1 ? closed[0].id : undefined);
  return (
    <>
      <Section title={source.name}>
        <Text className="community-line community-line--muted">{source.address}</Text>
        {closed.length === 0 ? (
          <EmptyState title={t.noClosedRectifications} />
        ) : (
          <Field label={t.rectificationsTitle} required>
            <ChipSelect
              options={closed.map((item) => ({ value: item.id, label: `${item.itemLabel}（${t.closedOn(formatDay(item.closedAt ?? item.deadline))}）` }))}
              value={chosen}
              onChange={setChosen}
              idPrefix="review-item"
              label={t.rectificationsTitle}
            />
          </Field>
        )}
      </Section>
      {closed.length > 0 && <ReviewForm subject={chosen ? { kind: 'rectification', sourceId: source.id, rectificationId: chosen } : undefined} />}
    </>
  );
}

function SourceReview({ sourceId }: { sourceId: string }) {
  const source = useRemote(useCallback(() => call('volunteerSource', { params: { id: sourceId } }), [sourceId]));
  return (
    <VolunteerLoadable data={source.data} error={source.error} loading={source.loading} onRetry={source.reload}>
      {(view) => <RectificationReview source={view} />}
    </VolunteerLoadable>
  );
}

/**
 * 复核 one resolution: a complaint of the street (`?complaintId=&trackingNumber=`), or a finished
 * rectification of a source (`?sourceId=`): confirm it, or dispute it with a photo.
 */
export default function SecondLookPage() {
  const user = useSignedInUser();
  const { complaintId, trackingNumber, sourceId } = useRouter().params;
  if (!user) return null;
  return (
    <View className="page">
      {sourceId ? (
        <SourceReview sourceId={sourceId} />
      ) : complaintId ? (
        <>
          <Section title={t.subjectComplaint(trackingNumber ?? '')}>
            <Text className="community-intro">{t.secondLooksIntro}</Text>
          </Section>
          <ReviewForm subject={{ kind: 'complaint', complaintId }} />
        </>
      ) : (
        <EmptyState title={zhCommunity.volunteer.chooseItem} />
      )}
    </View>
  );
}
