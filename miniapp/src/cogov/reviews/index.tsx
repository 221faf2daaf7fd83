import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReviewViewT } from '@green-shield/shared/api/cogov-schemas';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { SubmitButton } from '../../components/Button';
import { ChipFilter, FilteredListPage } from '../../components/FilterBar';
import { FormError } from '../../components/FormError';
import { EmptyState } from '../../components/PageState';
import { PhotoGrid } from '../../components/PhotoGrid';
import { Pill } from '../../components/Pill';
import { TextField } from '../../components/TextField';
import { usePagedList } from '../../hooks/usePagedList';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { PRIMARY_COLOR } from '../../styles/colors';
import { reviewSubject } from '../../utils/community';
import { formatDateTime } from '../../utils/format';
import { NotAnOfficer, StreetScopeFilter, useStreetScope } from '../StreetScope';
import '../../components/ComplaintCard/index.scss';
import '../../styles/community.scss';

const c = zhCommunity;
const t = c.officer;
type Scope = 'open' | 'all';
const SCOPES = (['open', 'all'] as const).map((value) => ({ value, label: t.reviewScope[value] }));

/** A volunteer's confirmation or dispute (`review-<id>`, `data-status`); an open dispute is answered here (`…-answer`, `…-send`). */
function ReviewItem({ review, onChanged }: { review: ReviewViewT; onChanged: () => void }) {
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idBase = `review-${review.id}`;
  const answer = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await call('answerReview', { params: { id: review.id }, body: { expectedVersion: review.version, note } });
      Taro.showToast({ title: t.answered, icon: 'success' });
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'VERSION_CONFLICT' || error.code === 'ILLEGAL_TRANSITION')) {
        Taro.showModal({ content: t.reviewStale, showCancel: false, confirmColor: PRIMARY_COLOR });
        onChanged();
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="complaint-card" id={idBase} data-status={review.status}>
      <View className="complaint-card__top">
        <Text className="complaint-card__category">{reviewSubject(review)}</Text>
        <View className="complaint-card__badges">
          <Pill tone={review.verdict === 'dispute' ? 'warning' : 'success'}>{c.verdict[review.verdict]}</Pill>
        </View>
      </View>
      {review.note && <Text className="community-line">{review.note}</Text>}
      <PhotoGrid photos={review.photos} />
      {review.answer && <Text className="community-line">{c.volunteer.answer(review.answer.note)}</Text>}
      <View className="complaint-card__meta">
        <Text>{t.byVolunteer(review.volunteerName)}</Text>
        <Text>{formatDateTime(review.at)}</Text>
      </View>
      {review.status === 'open' && (
        <View className="community-gap">
          <TextField
            id={`${idBase}-answer`}
            multiline
            required
            label={t.answerLabel}
            placeholder={t.answerPlaceholder}
            maxLength={MAX_LENGTH.comment}
            value={note}
            onChange={setNote}
            error={failure instanceof ApiError ? failure.fieldErrors.note : undefined}
          />
          <FormError error={failure} id={`${idBase}-error`} />
          <SubmitButton id={`${idBase}-send`} busy={busy} onClick={() => void answer()}>
            {t.sendAnswer}
          </SubmitButton>
        </View>
      )}
    </View>
  );
}

/** 志愿者复核 for officers: disputes of resolutions awaiting an answer, the longest waiting first (`review-scope-open`), or all second looks. */
export default function ReviewQueuePage() {
  const scope = useStreetScope();
  const { streetCode, ready } = scope;
  const [status, setStatus] = useState<Scope>('open');
  const list = usePagedList(
    useCallback(
      (cursor) => (ready ? call('listReviews', { query: { streetCode, status, cursor } }) : Promise.resolve({ items: [] })),
      [ready, streetCode, status],
    ),
  );
  if (!scope.user) return null;
  if (!scope.officer) return <NotAnOfficer />;
  return (
    <FilteredListPage
      list={list}
      loadMoreId="review-load-more"
      empty={<EmptyState id="review-empty" title={ready ? (status === 'open' ? t.emptyReviews : t.emptyAllReviews) : t.chooseStreetHint} />}
      renderItem={(review) => <ReviewItem key={`${review.id}-${review.version}`} review={review} onChanged={() => void list.reload()} />}
    >
      {scope.bureau && <StreetScopeFilter value={streetCode} onChange={scope.setStreetCode} />}
      <ChipFilter label={t.reviewScope.label} options={SCOPES} value={status} onChange={setStatus} idPrefix="review-scope" />
    </FilteredListPage>
  );
}
