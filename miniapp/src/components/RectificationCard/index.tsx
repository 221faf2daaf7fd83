import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { RectificationViewT } from '@green-shield/shared/api/source-schemas';
import { zh } from '../../i18n/zh-CN';
import { rectificationsInWorkOrder } from '../../utils/credit';
import { formatDateTime, formatDay } from '../../utils/format';
import { PhotoGrid } from '../PhotoGrid';
import { Section } from '../Section';
import '../StatusChip/index.scss';
import './index.scss';

type Evidence = RectificationViewT['evidence'][number];

/** Evidence nobody decided on is pending while the item is open; an item closed on site leaves it undecided, not pending. */
function EvidenceEntry({ evidence, itemClosed }: { evidence: Evidence; itemClosed: boolean }) {
  const decision = evidence.decision ?? (itemClosed ? undefined : 'pending');
  return (
    <View className="evidence" id={`evidence-item-${evidence.id}`} data-decision={decision ?? 'none'}>
      <View className="evidence__head">
        <Text className="evidence__time">{zh.sources.evidenceAt(formatDateTime(evidence.at))}</Text>
        {decision && <Text className={`evidence__decision evidence__decision--${decision}`}>{zh.sources.evidenceDecision[decision]}</Text>}
      </View>
      {evidence.note && <Text className="evidence__note">{evidence.note}</Text>}
      <PhotoGrid photos={evidence.photos} />
      {evidence.decision === 'rejected' && evidence.reason && <Text className="evidence__reason">{zh.sources.rejectReason(evidence.reason)}</Text>}
    </View>
  );
}

/**
 * One rectification order: the failed item, its deadline (red once overdue), how and when it was
 * closed (`rectification-closure-<id>`), the evidence sent so far with the officer's decisions,
 * then `children` (the operator's form or the officer's decision). Id `rectification-<id>` with
 * `data-status`, `data-item` (checklist item id), `data-overdue` and `data-closed-how`.
 */
export function RectificationCard({ rectification, children }: { rectification: RectificationViewT; children?: ReactNode }) {
  const t = zh.sources;
  return (
    <View
      className={`rectification${rectification.overdue ? ' rectification--overdue' : ''}`}
      id={`rectification-${rectification.id}`}
      data-status={rectification.status}
      data-item={rectification.itemId}
      data-overdue={rectification.overdue}
      data-closed-how={rectification.closedHow}
    >
      <View className="rectification__head">
        <Text className="rectification__label">{rectification.itemLabel}</Text>
        <View className="rectification__badges">
          <Text className={`rectification__status rectification__status--${rectification.status}`}>{t.rectificationStatus[rectification.status]}</Text>
          {rectification.overdue && <Text className="overdue-badge">{zh.common.overdue}</Text>}
        </View>
      </View>
      <Text className={`rectification__deadline${rectification.overdue ? ' rectification__deadline--overdue' : ''}`}>
        {t.deadline(formatDay(rectification.deadline))}
      </Text>
      <Text className="rectification__meta">{`${t.openedAt(formatDay(rectification.openedAt))} · ${t.basis(rectification.basis)}`}</Text>
      {rectification.closedAt && rectification.closedHow && (
        <Text className="rectification__closure" id={`rectification-closure-${rectification.id}`}>
          {zh.rectificationClosure[rectification.closedHow](formatDay(rectification.closedAt))}
        </Text>
      )}
      {rectification.evidence.length > 0 && (
        <View className="rectification__evidence">
          <Text className="rectification__evidence-title">{t.evidenceTitle}</Text>
          {rectification.evidence.map((evidence) => (
            <EvidenceEntry key={evidence.id} evidence={evidence} itemClosed={rectification.status === 'closed'} />
          ))}
        </View>
      )}
      {children}
    </View>
  );
}

/**
 * A source's rectifications (`source-rectifications`) in the order the viewer works through them,
 * each card followed by what the viewer does about it (`actionsOf`).
 */
export function RectificationsSection({
  rectifications,
  viewer,
  actionsOf,
}: {
  rectifications: RectificationViewT[];
  viewer: Parameters<typeof rectificationsInWorkOrder>[1];
  actionsOf: (rectification: RectificationViewT) => ReactNode;
}) {
  return (
    <Section title={zh.sources.rectificationsTitle} id="source-rectifications">
      {rectifications.length === 0 && <Text className="rectifications__empty">{zh.sources.noRectifications}</Text>}
      {rectificationsInWorkOrder(rectifications, viewer).map((rectification) => (
        <RectificationCard key={rectification.id} rectification={rectification}>
          {actionsOf(rectification)}
        </RectificationCard>
      ))}
    </Section>
  );
}
