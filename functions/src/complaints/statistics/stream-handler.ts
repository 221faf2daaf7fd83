/**
 * Keeps the complaint counters from the table stream: each write of a complaint (its old and new
 * images) adds what the new state contributes minus what the old one did, once per write (the
 * complaint's version names it; a redelivered or replayed record finds its marker and adds nothing).
 */
import { type CountedComplaint, counterDeltas } from '@green-shield/shared/statistics/complaint-counters';
import type { BaseDeps } from '../../store/runtime';
import { ComplaintCounterStore } from './counter-store';

/** A complaint as the stream carries it (the stored complaint; only what counts is read). */
export type StreamedComplaint = CountedComplaint & { id: string; version: number; districtCode: string };

export function complaintCounter({ db, tableName, district, clock, logger }: BaseDeps) {
  const store = new ComplaintCounterStore(db, tableName, district.code);
  return async (complaint: StreamedComplaint, before?: StreamedComplaint): Promise<void> => {
    // Another district's complaint (a table shared by stages never is, but the counters are per district).
    if (complaint.districtCode !== district.code) return;
    const deltas = counterDeltas(before, complaint, district.timeZone);
    const applied = await store.apply({ complaintId: complaint.id, version: complaint.version, nowSeconds: Math.floor(clock.now().getTime() / 1000) }, deltas);
    if (!applied) logger.info('Complaint write already counted', { complaintId: complaint.id, version: complaint.version });
  };
}
