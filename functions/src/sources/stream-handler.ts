import type { NotificationViewT } from '@green-shield/shared/api/schemas';
import type { BaseDeps } from '../store/runtime';
import { NotificationRepository } from '../store/notifications';
import { PROJECTION_EVENTS } from './score-projection';
import { overdueReminders } from './reminders';
import type { SourceEventRecord } from './records';
import { OperatorLinkRepository } from './operator-link-repository';
import { ScoreProjector, type Rescored } from './score-projection';

/** Timeline events a source's operators hear of. */
export const OPERATORS_HEAR_OF: ReadonlySet<SourceEventRecord['type']> = new Set([
  'rectification_opened',
  'evidence_accepted',
  'evidence_rejected',
  'rectification_verified',
  'rectification_failed_again',
  'operator_linked',
]);

/** Events that give an order its deadline (a new order, rejected evidence, a repeat failure): their notification carries it. */
const SETS_DEADLINE: ReadonlySet<SourceEventRecord['type']> = new Set(['rectification_opened', 'evidence_rejected', 'rectification_failed_again']);

/**
 * Pure: the notifications one event (and the rescoring it caused) sends to the source's operators.
 * The event itself is news to every operator but its actor; a score change is news to all of them
 * (the rescoring reads the partition as it now is, so it may carry an officer's later decision).
 */
export function operatorNotifications(
  event: SourceEventRecord,
  operatorIds: readonly string[],
  rescored?: Pick<Rescored, 'before' | 'after'>,
): Array<{ userId: string; notification: NotificationViewT }> {
  const source = { id: event.sourceId, name: event.sourceName };
  const sent: Array<{ userId: string; notification: NotificationViewT }> = [];
  const scoreMoved = rescored && (rescored.before.credit.score !== rescored.after.credit.score || rescored.before.credit.level !== rescored.after.credit.level);
  const deadline = SETS_DEADLINE.has(event.type) ? event.rectification?.deadline : undefined;
  for (const userId of operatorIds) {
    if (OPERATORS_HEAR_OF.has(event.type) && userId !== event.actorId)
      sent.push({ userId, notification: { id: event.eventId, at: event.at, source, action: event.type, ...(deadline ? { deadline } : {}), read: false } });
    if (scoreMoved) sent.push({ userId, notification: { id: `${event.eventId}-score`, at: event.at, source, action: 'score_changed', read: false } });
  }
  return sent;
}

/**
 * A new event that can change the projection rescores its source, and operators hear of what concerns them (run by
 * the `tableEvents` stream function). Make one per batch: a source is rescored once per batch, as the
 * table already holds every event of the batch.
 */
export function sourceEventReactor(deps: BaseDeps): () => (event: SourceEventRecord) => Promise<void> {
  const operatorLinks = new OperatorLinkRepository(deps.db, deps.tableName);
  const projector = new ScoreProjector(deps.db, deps.tableName, deps.clock);
  const notifications = new NotificationRepository(deps.db, deps.tableName);
  return () => {
    const rescoredInBatch = new Set<string>();
    return async (event) => {
      const reprojects = PROJECTION_EVENTS.has(event.type) && !rescoredInBatch.has(event.sourceId);
      if (!reprojects && !OPERATORS_HEAR_OF.has(event.type)) return;
      let told = false;
      // Notification ids come from the event (or the overdue order), so telling twice stores once.
      const tell = async (rescored: Rescored | undefined) => {
        told = true;
        const operatorIds = rescored ? rescored.collection.operators.map((operator) => operator.userId) : await operatorLinks.operatorIds(event.sourceId);
        const reminders = rescored?.changed ? overdueReminders(rescored, deps.clock.now()) : [];
        for (const { userId, notification } of [...operatorNotifications(event, operatorIds, rescored), ...reminders])
          await notifications.add(userId, notification);
      };
      // A changed score is told before it is stored, so a retry after a failed notification still sees the change.
      const rescored = reprojects ? await projector.rescore(event.sourceId, tell) : undefined;
      if (reprojects) rescoredInBatch.add(event.sourceId);
      if (!told) await tell(rescored);
      if (rescored?.changed)
        deps.logger.info('source rescored', { sourceId: event.sourceId, score: rescored.after.credit.score, creditLevel: rescored.after.credit.level });
    };
  };
}
