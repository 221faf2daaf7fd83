/**
 * What registering and changing a source writes: the new record (scored from no facts), the events
 * on its timeline. Pure but for fresh ids; used by officers' requests and by imports alike.
 */
import { ulid } from 'ulid';
import type { SourceInputT } from '@green-shield/shared/api/source-schemas';
import { CURRENT_CREDIT_RULES } from '@green-shield/shared/sources/credit-rules';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { toWgs84 } from '@green-shield/shared/geo/coordinates';
import { canonicalJson } from '../lib/canonical-json';
import { projectScore } from './score-projection';
import type { SourceEventRecord, SourceRecord } from './records';

export type Actor = Pick<SourceEventRecord, 'actorId' | 'actorRole' | 'actorName'>;
export type EventFields = Omit<SourceEventRecord, 'sourceId' | 'eventId' | 'at' | 'districtCode' | 'sourceName' | keyof Actor>;

export function sourceEvent(source: Pick<SourceRecord, 'id' | 'name' | 'districtCode'>, actor: Actor, fields: EventFields, at: string): SourceEventRecord {
  return { sourceId: source.id, eventId: ulid(), at, districtCode: source.districtCode, sourceName: source.name, ...actor, ...fields };
}

/** A new source record from validated input (coordinates stored as WGS-84), scored from no facts. */
export function newSourceRecord(input: SourceInputT, district: DistrictConfig, now: string): SourceRecord {
  const location = toWgs84(input.location);
  const initial = projectScore([], [], CURRENT_CREDIT_RULES, new Date(now));
  return {
    id: ulid(),
    districtCode: district.code,
    kind: input.kind,
    name: input.name,
    creditCode: input.creditCode,
    address: input.address,
    location: { lat: location.lat, lng: location.lng, coordSystem: 'WGS-84' },
    streetCode: input.streetCode,
    responsiblePerson: input.responsiblePerson,
    restaurant: input.kind === 'restaurant' ? input.restaurant : undefined,
    tags: [...new Set(input.tags)],
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...initial,
  };
}

const EDITABLE = ['kind', 'name', 'address', 'location', 'streetCode', 'responsiblePerson', 'restaurant', 'tags'] as const;

/** The event an attribute change leaves on the timeline, naming the attributes changed; none when nothing did. */
export function changeEvent(previous: SourceRecord, next: SourceRecord, actor: Actor, at: string): SourceEventRecord | undefined {
  const changed = EDITABLE.filter((name) => canonicalJson(previous[name]) !== canonicalJson(next[name]));
  return changed.length ? sourceEvent(next, actor, { type: 'updated', changed }, at) : undefined;
}
