/**
 * Which key answers which search of the registry (docs/architecture.md, "The registry's filters"):
 * the index, the partitions read as one list, the sort-key prefix, and whether the list holds
 * memberships (tags) or the sources themselves. Every filter the search page offers is answered by
 * a key but one (bureau only: a name prefix without a street, with a level, kind or tag), which
 * reads the name's range and filters it, with a bounded read per request. Pure.
 */
import { CREDIT_LEVELS, KEY_SUPERVISION_TAG } from '@green-shield/shared/sources/credit-rules';
import { normalizeCreditCode } from '@green-shield/shared/sources/credit-code';
import { SOURCE_KINDS } from '@green-shield/shared/sources/kinds';
import { nameKey } from '@green-shield/shared/sources/matching';
import { keys } from '../store/keys';
import type { IndexName } from '../store/table-definition';
import type { SourceRecord } from './records';

/** What officers search by; `streetCode` is the street their scope allows (see officer-scope.ts). */
export interface SourceQuery {
  creditCode?: string;
  name?: string;
  tag?: string;
  level?: string;
  streetCode?: string;
  kind?: string;
  cursor?: string;
}

/** Attributes a read of the name index is narrowed by (the one filter keys do not answer). */
export interface SearchFilter {
  level?: string;
  kind?: string;
  tag?: string;
}

/** Partitions of one index read as one list (merged when more than one), from a sort-key prefix; `members`: the list holds ids. */
export interface ListPlan {
  read: 'list';
  index: IndexName;
  partitions: string[];
  prefix?: string;
  members: boolean;
  filter?: SearchFilter;
}

export type SearchPlan = { read: 'creditCode'; creditCode: string } | ListPlan;

function list(index: IndexName, partitions: string[], prefix: string | undefined, members: boolean): ListPlan {
  return { read: 'list', index, partitions, prefix: prefix || undefined, members };
}

export function planSearch(districtCode: string, query: SourceQuery): SearchPlan {
  if (query.creditCode) return { read: 'creditCode', creditCode: normalizeCreditCode(query.creditCode) };
  const { streetCode: street, level, kind, tag } = query;
  const name = query.name ? nameKey(query.name) : undefined;
  if (name && !street) {
    const plan = list('GSI3', [keys.sourcesByInitial(districtCode, [...name][0])], name, false);
    return tag || level || kind ? { ...plan, filter: { level, kind, tag } } : plan;
  }
  // In a street, lists by street then name take the street (and the name prefix) as a sort-key prefix.
  const inStreet = street && keys.inStreet(street) + (name ?? '');
  const levelsAndKinds = (level ? [level] : CREDIT_LEVELS).flatMap((oneLevel) => (kind ? [kind] : SOURCE_KINDS).map((oneKind) => [oneLevel, oneKind]));
  if (tag && (level || kind))
    return list(
      'GSI2',
      levelsAndKinds.map(([oneLevel, oneKind]) => keys.sourcesWithTagAtLevelOfKind(districtCode, tag, oneLevel, oneKind)),
      inStreet,
      true,
    );
  if (tag) return list('GSI1', [keys.sourcesWithTag(districtCode, tag)], inStreet, true);
  if (level || kind)
    return list(
      'GSI2',
      levelsAndKinds.map(([oneLevel, oneKind]) => keys.sourcesAtLevelOfKind(districtCode, oneLevel, oneKind)),
      inStreet,
      false,
    );
  if (street) return list('GSI1', [keys.sourcesInStreet(districtCode, street)], name, false);
  // The bureau without a filter sees the district's key-supervision list.
  return list('GSI1', [keys.sourcesWithTag(districtCode, KEY_SUPERVISION_TAG)], undefined, true);
}

/**
 * The list of sources with evidence awaiting a decision, the most urgent decision first: in a
 * street by GSI1 (street, then due time), in the whole district by GSI2 (due time).
 */
export function planDecisions(districtCode: string, streetCode: string | undefined): ListPlan {
  const partitions = [keys.sourcesAwaitingDecision(districtCode)];
  return streetCode ? list('GSI1', partitions, keys.inStreet(streetCode), true) : list('GSI2', partitions, undefined, true);
}

/** Whether a source meets every filter of a search (the one source a credit code finds is checked against the rest). */
export function meetsSearch(source: SourceRecord, query: SourceQuery): boolean {
  return (
    (!query.streetCode || source.streetCode === query.streetCode) &&
    (!query.level || source.credit.level === query.level) &&
    (!query.kind || source.kind === query.kind) &&
    (!query.tag || source.tags.includes(query.tag) || source.systemTags.includes(query.tag)) &&
    (!query.name || nameKey(source.name).startsWith(nameKey(query.name)))
  );
}
