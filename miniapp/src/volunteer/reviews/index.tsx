import { type ReactNode, useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReviewViewT, VolunteerComplaintViewT } from '@green-shield/shared/api/cogov-schemas';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ChipFilter, FilteredListPage } from '../../components/FilterBar';
import { EmptyState } from '../../components/PageState';
import { PhotoGrid } from '../../components/PhotoGrid';
import { Pill } from '../../components/Pill';
import { StatusChip } from '../../components/StatusChip';
import { usePagedList } from '../../hooks/usePagedList';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { openPage } from '../../navigation';
import { reviewSubject } from '../../utils/community';
import { formatDateTime } from '../../utils/format';
import { isNotAVolunteer, NotAVolunteer } from '../VolunteerOnly';
import '../../components/ComplaintCard/index.scss';
import '../../styles/community.scss';

const c = zhCommunity;
const t = c.volunteer;
type Scope = 'resolved' | 'closed' | 'mine';
const SCOPES = (['resolved', 'closed', 'mine'] as const).map((value) => ({ value, label: t.secondLookScope[value] }));

/** A resolved complaint of the street: what and where, never who (`second-look-<tracking number>`, button `…-open`). */
function ComplaintItem({ complaint }: { complaint: VolunteerComplaintViewT }) {
  const idBase = `second-look-${complaint.trackingNumber}`;
  return (
    <View className="complaint-card" id={idBase}>
      <View className="complaint-card__top">
        <Text className="complaint-card__category">{zh.category.label(complaint.category.type, complaint.category.subtype)}</Text>
        <View className="complaint-card__badges">
          <StatusChip status={complaint.status} />
        </View>
      </View>
      <Text className="complaint-card__address">{complaint.address}</Text>
      <View className="complaint-card__meta">
        <Text>{complaint.trackingNumber}</Text>
        {complaint.resolvedAt && <Text>{t.resolvedAt(formatDateTime(complaint.resolvedAt))}</Text>}
      </View>
      <View className="community-actions">
        <Button
          id={`${idBase}-open`}
          small
          role="link"
          label={t.lookAgain(complaint.trackingNumber)}
          onClick={() => openPage('secondLook', { complaintId: complaint.id, trackingNumber: complaint.trackingNumber })}
        >
          {t.lookAgainShort}
        </Button>
      </View>
    </View>
  );
}

/** One of the volunteer's own second looks, with the street's answer to a dispute (`review-<id>`, `data-status`). */
function ReviewItem({ review }: { review: ReviewViewT }) {
  return (
    <View className="complaint-card" id={`review-${review.id}`} data-status={review.status}>
      <View className="complaint-card__top">
        <Text className="complaint-card__category">{reviewSubject(review)}</Text>
        <View className="complaint-card__badges">
          <Pill tone={review.verdict === 'dispute' ? 'warning' : 'success'}>{c.verdict[review.verdict]}</Pill>
        </View>
      </View>
      {review.note && <Text className="community-line">{review.note}</Text>}
      <PhotoGrid photos={review.photos} />
      {review.answer && <Text className="community-line">{t.answer(review.answer.note)}</Text>}
      <View className="complaint-card__meta">
        <Text>{formatDateTime(review.at)}</Text>
        <Text>{c.reviewStatus[review.status]}</Text>
      </View>
    </View>
  );
}

function ResolvedComplaints({ scope, filters }: { scope: 'resolved' | 'closed'; filters: ReactNode }) {
  const list = usePagedList(useCallback((cursor) => call('reviewableComplaints', { query: { status: scope, cursor } }), [scope]));
  if (isNotAVolunteer(list.error)) return <NotAVolunteer />;
  return (
    <FilteredListPage
      list={list}
      loadMoreId="second-look-load-more"
      empty={<EmptyState id="second-look-empty" title={t.emptyResolved} />}
      renderItem={(complaint) => <ComplaintItem key={complaint.id} complaint={complaint} />}
    >
      {filters}
    </FilteredListPage>
  );
}

function MyReviews({ filters }: { filters: ReactNode }) {
  const list = usePagedList(useCallback((cursor) => call('myReviews', { query: { cursor } }), []));
  if (isNotAVolunteer(list.error)) return <NotAVolunteer />;
  return (
    <FilteredListPage
      list={list}
      loadMoreId="review-load-more"
      empty={<EmptyState id="review-empty" title={t.emptyReviews} />}
      renderItem={(review) => <ReviewItem key={review.id} review={review} />}
    >
      {filters}
    </FilteredListPage>
  );
}

/**
 * 复核 (a second pair of eyes): the street's answered and closed complaints to look at again on site
 * (`second-look-scope-resolved|closed`), and the volunteer's own confirmations and disputes (`…-mine`).
 */
export default function SecondLooksPage() {
  const user = useSignedInUser();
  const [scope, setScope] = useState<Scope>(useRouter().params.scope === 'mine' ? 'mine' : 'resolved');
  if (!user) return null;
  const filters = (
    <>
      <Text className="community-intro">{t.secondLooksIntro}</Text>
      <ChipFilter label={t.secondLookScope.label} options={SCOPES} value={scope} onChange={setScope} idPrefix="second-look-scope" />
    </>
  );
  return scope === 'mine' ? <MyReviews filters={filters} /> : <ResolvedComplaints scope={scope} filters={filters} />;
}
