/**
 * The co-governance function. Joint inspections are carried out as the registry's inspections and
 * linked complaints are looked up in complaints, so the function is composed here, above the three
 * contexts: co-governance's handler with the registry and complaints providing its ports.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { ObjectStore } from '../lib/object-store';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import { createCogovHandler } from '../cogov/handler';
import type { ComplaintDesk, SourceDesk } from '../cogov/ports';
import { ComplaintRepository } from '../complaints/repository';
import { seededUlid } from '../sources/reminders';
import { createSourceServices } from '../sources/handler';
import { sourceEvent } from '../sources/registration';
import { SourceRepository } from '../sources/repository';
import { apiDepsFromEnv, lazy } from '../store/runtime';

interface PortDeps {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  district: DistrictConfig;
  objects: ObjectStore;
  logger: Logger;
}

/** The registry as co-governance sees it: briefs of sources, notes on their timelines, inspections and penalties for a request. */
export function registrySourceDesk(deps: PortDeps): SourceDesk {
  const sources = new SourceRepository(deps.db, deps.tableName);
  // Co-governance never shows a source's view, so the eco-code key (which only views sign with) is never asked for.
  const { inspections } = createSourceServices({ ...deps, ecoCodeKey: () => Promise.reject(new Error('co-governance signs no eco-codes')) });
  return {
    briefs: async (ids) =>
      (await sources.getMany(ids)).map(({ id, districtCode, streetCode, name, kind, address }) => ({ id, districtCode, streetCode, name, kind, address })),
    noteJointInspection: async (sourceIds, note) => {
      const found = await sources.getMany(sourceIds);
      await Promise.all(
        found.map((source) => {
          const event = {
            ...sourceEvent(
              source,
              { actorId: note.actor.id, actorRole: 'officer', actorName: note.actor.name },
              { type: note.type, jointInspection: { ...note.request, summary: note.summary } },
              note.at,
            ),
            // The same note for the same request and step: written again, it is the same entry.
            eventId: seededUlid(Date.parse(note.at), `${note.type}:${note.request.id}:${source.id}`),
          };
          return sources.append(source.id, [event], []);
        }),
      );
    },
    inspect: async (principal, sourceId, body, idempotencyKey, request) => {
      const { collection, inspectionId } = await inspections.recordInspection(principal, sourceId, body, idempotencyKey, request);
      const inspection = collection.events.find((event) => event.eventId === inspectionId);
      if (!inspection?.inspection) throw new Error(`Inspection ${inspectionId} is not on the timeline of source ${sourceId}`);
      const failed = inspection.inspection.results.filter((result) => result.outcome === 'fail');
      const orderIds = new Set(failed.flatMap((result) => result.rectificationId ?? []));
      return {
        inspectionId,
        at: inspection.at,
        failedItems: failed.map(({ itemId, label }) => ({ itemId, label })),
        rectifications: collection.rectifications.filter((order) => orderIds.has(order.id)).map(({ id, itemLabel, deadline }) => ({ id, itemLabel, deadline })),
      };
    },
    recordPenalty: async (principal, sourceId, penalty, idempotencyKey, request) => {
      await inspections.recordEvent(principal, sourceId, { type: 'penalty', ...penalty }, idempotencyKey, request);
    },
  };
}

/** Complaints as co-governance sees them: found by tracking number, never with who complained. */
export function complaintDesk(deps: Pick<PortDeps, 'db' | 'tableName'>): ComplaintDesk {
  const complaints = new ComplaintRepository(deps.db, deps.tableName);
  return {
    byTrackingNumber: async (trackingNumber) => {
      const found = await complaints.idByTrackingNumber(trackingNumber);
      const record = found && (await complaints.get(found.complaintId));
      return record && { id: record.id, trackingNumber: record.trackingNumber, districtCode: record.districtCode, streetCode: record.streetCode };
    },
  };
}

export function cogovPorts(deps: PortDeps) {
  return { sources: registrySourceDesk(deps), complaints: complaintDesk(deps) };
}

export const handler = lazy(() => {
  const deps = { ...apiDepsFromEnv('cogov'), objects: objectStoreFromEnv() };
  return createCogovHandler({ ...deps, ...cogovPorts(deps) });
});
