/**
 * Complaints as co-governance's ports (`cogov/ports.ts`): found by tracking number, read without
 * who complained, filed from volunteers' observations.
 */
import type { ComplaintDesk, ComplaintFacts, ComplaintFiling, ComplaintRecords } from '../cogov/ports';
import { ComplaintFiler } from '../complaints/filing';
import type { ComplaintRecord } from '../complaints/records';
import { ComplaintRepository } from '../complaints/repository';
import { PhotoAttachments } from '../lib/photo-attachments';
import { IdempotencyStore } from '../store/idempotency';
import { TableUserDirectory } from '../store/user-directory';
import type { PortDeps } from './registry-ports';

const factsOf = (record: ComplaintRecord): ComplaintFacts => ({
  id: record.id,
  trackingNumber: record.trackingNumber,
  districtCode: record.districtCode,
  streetCode: record.streetCode,
  status: record.status,
  category: record.category,
  address: record.location.address,
  resolvedAt: record.resolvedAt,
});

/** Complaints found by tracking number. */
export function complaintDesk(deps: Pick<PortDeps, 'db' | 'tableName'>): ComplaintDesk {
  const complaints = new ComplaintRepository(deps.db, deps.tableName);
  return {
    byTrackingNumber: async (trackingNumber) => {
      const found = await complaints.idByTrackingNumber(trackingNumber);
      const record = found && (await complaints.get(found.complaintId));
      return record && factsOf(record);
    },
  };
}

/** Complaints as the community reads them (never who complained). */
export function complaintRecords(deps: Pick<PortDeps, 'db' | 'tableName'>): ComplaintRecords {
  const complaints = new ComplaintRepository(deps.db, deps.tableName);
  return {
    get: async (id) => {
      const record = await complaints.get(id);
      return record && factsOf(record);
    },
    inStreet: async (districtCode, streetCode, status, cursor) => {
      const page = await complaints.listQueue(districtCode, streetCode, { status }, cursor);
      return { items: page.items.map(factsOf), nextCursor: page.nextCursor };
    },
    countOwing: (districtCode, streetCode, cap) => complaints.countQueue(districtCode, streetCode, { urgentFirst: true }, cap),
    countOverdue: (districtCode, streetCode, now, cap) => complaints.countQueue(districtCode, streetCode, { overdueAt: now }, cap),
  };
}

/** Complaints filed from volunteers' observations. */
export function complaintFiling(deps: PortDeps): ComplaintFiling {
  const { db, tableName } = deps;
  const filing = new ComplaintFiler(
    new ComplaintRepository(db, tableName),
    new IdempotencyStore(db, tableName),
    new PhotoAttachments(deps.objects),
    new TableUserDirectory(db, tableName),
    deps.clock,
    deps.district,
  );
  return { fileFromObservation: (officer, complaint, idempotencyKey) => filing.fileOnBehalf(officer, complaint, idempotencyKey) };
}
