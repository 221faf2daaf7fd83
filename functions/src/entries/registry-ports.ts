/**
 * The registry as co-governance's ports (`cogov/ports.ts`), each adapter built from the registry's
 * own repositories and services (complaints' are in `complaint-ports.ts`): a function composed of
 * co-governance carries only the adapters it uses.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { KEY_SUPERVISION_TAG } from '@green-shield/shared/sources/credit-rules';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { ObjectStore } from '../lib/object-store';
import type { SourceDirectory, SourceFacts, SourceInspections } from '../cogov/ports';
import { seededUlid } from '../sources/reminders';
import { sourceEvent } from '../sources/registration';
import { SourceRepository } from '../sources/repository';
import { createInspectionService } from '../sources/services';
import { keys } from '../store/keys';
import { countUpTo } from '../store/queries';

export interface PortDeps {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  district: DistrictConfig;
  objects: ObjectStore;
  logger: Logger;
}

/** Sources by id, and notes of joint inspection requests on their timelines. */
export function sourceDirectory(deps: Pick<PortDeps, 'db' | 'tableName'>): SourceDirectory {
  const sources = new SourceRepository(deps.db, deps.tableName);
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
  };
}

/** The registry's inspections and penalties, for the requests the bureau carries out. */
export function sourceInspections(deps: PortDeps): SourceInspections {
  // Co-governance never shows a source's view, so the eco-code key (which only views sign with) is never asked for.
  const inspections = createInspectionService({ ...deps, ecoCodeKey: () => Promise.reject(new Error('co-governance signs no eco-codes')) });
  return {
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

/** What volunteers and the street's desk read of the registry. */
export function sourceFacts(deps: Pick<PortDeps, 'db' | 'tableName'>): SourceFacts {
  const sources = new SourceRepository(deps.db, deps.tableName);
  return {
    forVolunteers: async (sourceId) => {
      const collection = await sources.getCollection(sourceId);
      if (!collection) return undefined;
      const { id, districtCode, streetCode, name, kind, address, credit } = collection.source;
      return {
        id,
        districtCode,
        streetCode,
        name,
        kind,
        address,
        level: credit.level,
        rectifications: collection.rectifications.map((order) => ({
          id: order.id,
          itemLabel: order.itemLabel,
          status: order.status,
          deadline: order.deadline,
          closedAt: order.closedAt,
          closedHow: order.closure?.how,
        })),
      };
    },
    countWarnings: (districtCode, streetCode, cap) =>
      countUpTo(deps.db, deps.tableName, { index: 'GSI1', partition: keys.sourcesWithWarnings(districtCode), prefix: keys.inStreet(streetCode) }, cap),
    countKeySupervision: (districtCode, streetCode, cap) =>
      countUpTo(
        deps.db,
        deps.tableName,
        { index: 'GSI1', partition: keys.sourcesWithTag(districtCode, KEY_SUPERVISION_TAG), prefix: keys.inStreet(streetCode) },
        cap,
      ),
  };
}
