import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '@green-shield/shared/complaints/state-machine';
import type { ComplaintType } from '@green-shield/shared/complaints/taxonomy';
import { ApiError, call } from '../../api/client';
import { Button } from '../../components/Button';
import { ComplaintCard } from '../../components/ComplaintCard';
import { ChipFilter, FilteredListPage } from '../../components/FilterBar';
import { EmptyState } from '../../components/PageState';
import { Tappable } from '../../components/Tappable';
import { TextInput } from '../../components/TextField';
import { useDistrict } from '../../hooks/useDistrict';
import { usePagedList } from '../../hooks/usePagedList';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { PAGES } from '../../navigation';
import { isOfficer, seesWholeDistrict } from '../../session';
import { COMPLAINT_TYPE_OPTIONS } from '../../utils/categories';
import { ALL, chosen, streetOptions, withAll, type Filter } from '../../utils/filters';
import './index.scss';

const t = zh.officer;
const w = zh.workload;
const STATUS_OPTIONS = withAll(COMPLAINT_STATUSES.map((status) => ({ value: status, label: zh.status[status] })));
const TYPE_OPTIONS = withAll(COMPLAINT_TYPE_OPTIONS);
type QueueOrder = keyof typeof w.orders;
const ORDER_OPTIONS = (['urgency', 'newest'] as const).map((order) => ({ value: order, label: w.orders[order] }));

/** One tracking number's complaint as a list of one, or none when the officer's street has no such complaint. */
async function findByTrackingNumber(trackingNumber: string) {
  try {
    return { items: [await call('findComplaint', { params: { trackingNumber } })] };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { items: [] };
    throw error;
  }
}

/**
 * An officer's queue: their street's complaints (the whole district for the bureau), the most
 * urgent first (overdue, then by due date) or the newest first, filterable; or the one complaint
 * a tracking number names (`queue-search`, `queue-search-submit`, `queue-search-clear`); and the way
 * to joint inspections (`queue-joint-entry`).
 */
export default function QueuePage() {
  const user = useSignedInUser();
  const district = useDistrict();
  const [status, setStatus] = useState<Filter<ComplaintStatus>>(ALL);
  const [type, setType] = useState<Filter<ComplaintType>>(ALL);
  const [streetCode, setStreetCode] = useState<Filter<string>>(ALL);
  const [order, setOrder] = useState<QueueOrder>('urgency');
  const [overdueOnly, setOverdueOnly] = useState(useRouter().params.overdue === 'true');
  const [typed, setTyped] = useState('');
  // A tracking number applies on 查找, so each keystroke does not send a lookup.
  const [trackingNumber, setTrackingNumber] = useState('');

  const list = usePagedList(
    useCallback(
      (cursor) =>
        trackingNumber
          ? findByTrackingNumber(trackingNumber)
          : call('queue', {
              query: {
                status: chosen(status),
                type: chosen(type),
                streetCode: chosen(streetCode),
                overdue: overdueOnly ? 'true' : undefined,
                order,
                cursor,
              },
            }),
      [status, type, streetCode, overdueOnly, order, trackingNumber],
    ),
  );

  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={t.notAllowed} />;

  return (
    <FilteredListPage
      list={list}
      loadMoreId="queue-load-more"
      empty={
        trackingNumber ? (
          <EmptyState id="queue-search-empty" title={w.searchNotFound} />
        ) : (
          <EmptyState id="queue-empty" title={t.emptyQueue} hint={t.emptyQueueHint} />
        )
      }
      renderItem={(complaint) => <ComplaintCard key={complaint.id} complaint={complaint} idPrefix="queue-item" asOfficer />}
    >
      <View className="queue-filters__search">
        <TextInput
          id="queue-search"
          className="queue-filters__search-input"
          maxLength={MAX_LENGTH.trackingNumber}
          placeholder={w.searchPlaceholder}
          value={typed}
          onChange={setTyped}
        />
        <Button id="queue-search-submit" small className="queue-filters__search-button" onClick={() => setTrackingNumber(typed.trim())}>
          {w.search}
        </Button>
        {trackingNumber && (
          <Button
            id="queue-search-clear"
            small
            variant="ghost"
            className="queue-filters__search-button"
            onClick={() => {
              setTyped('');
              setTrackingNumber('');
            }}
          >
            {w.clearSearch}
          </Button>
        )}
      </View>
      {!trackingNumber && (
        <>
          <ChipFilter label={w.order} options={ORDER_OPTIONS} value={order} onChange={setOrder} idPrefix="queue-order" />
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
            <Tappable role="link" className="link queue-filters__joint" id="queue-joint-entry" onClick={() => Taro.navigateTo({ url: PAGES.jointList })}>
              {`${zh.home.jointTitle} ›`}
            </Tappable>
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
        </>
      )}
    </FilteredListPage>
  );
}
