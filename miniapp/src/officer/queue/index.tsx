import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '@green-shield/shared/complaints/state-machine';
import { COMPLAINT_TYPES, type ComplaintType } from '@green-shield/shared/complaints/taxonomy';
import { call } from '../../api/client';
import { ComplaintCard } from '../../components/ComplaintCard';
import { ChipFilter, FilteredListPage } from '../../components/FilterBar';
import { EmptyState } from '../../components/PageState';
import { Tappable } from '../../components/Tappable';
import { useDistrict } from '../../hooks/useDistrict';
import { usePagedList } from '../../hooks/usePagedList';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { isOfficer, seesWholeDistrict } from '../../session';
import { ALL, chosen, streetOptions, withAll, type Filter } from '../../utils/filters';
import './index.scss';

const t = zh.officer;
const STATUS_OPTIONS = withAll(COMPLAINT_STATUSES.map((status) => ({ value: status, label: zh.status[status] })));
const TYPE_OPTIONS = withAll(COMPLAINT_TYPES.map((type) => ({ value: type, label: zh.category.typeLabel(type) })));

/** An officer's queue: their street's complaints (the whole district for the bureau), filterable. */
export default function QueuePage() {
  const user = useSignedInUser();
  const district = useDistrict();
  const [status, setStatus] = useState<Filter<ComplaintStatus>>(ALL);
  const [type, setType] = useState<Filter<ComplaintType>>(ALL);
  const [streetCode, setStreetCode] = useState<Filter<string>>(ALL);
  const [overdueOnly, setOverdueOnly] = useState(useRouter().params.overdue === 'true');

  const list = usePagedList(
    useCallback(
      (cursor) =>
        call('queue', {
          query: {
            status: chosen(status),
            type: chosen(type),
            streetCode: chosen(streetCode),
            overdue: overdueOnly ? 'true' : undefined,
            cursor,
          },
        }),
      [status, type, streetCode, overdueOnly],
    ),
  );

  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={t.notAllowed} />;

  return (
    <FilteredListPage
      list={list}
      loadMoreId="queue-load-more"
      empty={<EmptyState id="queue-empty" title={t.emptyQueue} hint={t.emptyQueueHint} />}
      renderItem={(complaint) => <ComplaintCard key={complaint.id} complaint={complaint} idPrefix="queue-item" asOfficer />}
    >
      <ChipFilter label={t.filters.status} options={STATUS_OPTIONS} value={status} onChange={setStatus} idPrefix="queue-filter-status" />
      <ChipFilter label={t.filters.type} options={TYPE_OPTIONS} value={type} onChange={setType} idPrefix="queue-filter-type" />
      {seesWholeDistrict(user) && (
        <ChipFilter
          label={t.filters.street}
          options={withAll(streetOptions(district))}
          value={streetCode}
          onChange={setStreetCode}
          idPrefix="queue-filter-street"
        />
      )}
      <View className="queue-filters__toggle-row">
        <Tappable
          id="queue-filter-overdue"
          role="checkbox"
          checked={overdueOnly}
          data={{ 'data-active': String(overdueOnly) }}
          className={`queue-filters__toggle${overdueOnly ? ' queue-filters__toggle--on' : ''}`}
          onClick={() => setOverdueOnly(!overdueOnly)}
        >
          {t.filters.overdueOnly}
        </Tappable>
      </View>
    </FilteredListPage>
  );
}
