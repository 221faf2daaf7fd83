import { ulid } from 'ulid';
import { periodRules, type DistrictConfig } from '@green-shield/shared/districts/district';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { applyTransition } from './domain';
import type { ComplaintRepository } from './repository';

/** Closes every resolution whose feedback window has ended unrated; returns how many it closed. */
export async function autoCloseUnrated(repo: ComplaintRepository, clock: Clock, district: DistrictConfig, logger: Logger): Promise<number> {
  const now = clock.now();
  const due = await repo.listAwaitingAutoClose(district.code, now.toISOString());
  let closed = 0;
  for (const record of due) {
    const { record: next, event } = applyTransition(record, {
      action: 'auto_close',
      actor: { id: 'system', role: 'system' },
      eventId: ulid(),
      now,
      feedbackWindowDays: district.resolutionFeedbackDays,
      periods: periodRules(district),
    });
    // A resident rating at this very moment wins; the next run will not see the complaint any more.
    if (await repo.transition(next, record.version, event)) closed++;
  }
  logger.info('auto-close run', { candidates: due.length, closed });
  return closed;
}
