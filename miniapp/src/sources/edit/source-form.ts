/**
 * The source form (登记污染源 and 编辑信息) as the officer fills it in, and the request it makes:
 * the whole `SourceInput` to register a source, or for an edit only what changed (`SourcePatch`).
 * Pure (no Taro), so the mapping — numbers parsed and range-checked as the API does, restaurant
 * attributes only for restaurants, free tags without the system's 重点监管 — is unit-tested.
 */
import { MAX_LENGTH, MAX_TAGS } from '@green-shield/shared/api/limits';
import type { OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { CREDIT_CODE_PROBLEM_MESSAGES, creditCodeProblem, normalizeCreditCode } from '@green-shield/shared/sources/credit-code';
import { KEY_SUPERVISION_TAG } from '@green-shield/shared/sources/credit-rules';
import type { SourceKind } from '@green-shield/shared/sources/kinds';
import { isMainlandMobile } from '@green-shield/shared/privacy/mask';
import type { RequestOf } from '../../api/client';
import type { GeoPoint } from '../../hooks/useCurrentLocation';
import { zh } from '../../i18n/zh-CN';

const t = zh.sourceForm;

export type SourceBody = RequestOf<'createSource'>['body'];
export type SourcePatchBody = RequestOf<'updateSource'>['body'];
export type CoordSystem = GeoPoint['coordSystem'];
type Restaurant = NonNullable<SourceBody['restaurant']>;
type Person = NonNullable<SourceBody['responsiblePerson']>;

/** Where the source is: a position the device (or the registry) gave, or coordinates typed in. */
export type LocationChoice = { mode: 'point'; point: GeoPoint | undefined } | { mode: 'manual'; lat: string; lng: string; coordSystem: CoordSystem };

/** A restaurant's attributes as typed (numbers are text until sent). */
export interface RestaurantTexts {
  seats: string;
  burners: string;
  diningAreaM2: string;
  purifierInstalled?: boolean;
  purifierEfficiencyPercent: string;
  cleaningIntervalDays: string;
}

export interface SourceFormValues {
  kind?: SourceKind;
  name: string;
  creditCode: string;
  address: string;
  location: LocationChoice;
  streetCode?: string;
  personName: string;
  personPhone: string;
  restaurant: RestaurantTexts;
  tags: string[];
}

type NumberField = Exclude<keyof RestaurantTexts, 'purifierInstalled'>;

/** The API's limits (RestaurantAttributes in shared/src/api/source-schemas.ts). */
const NUMBER_LIMITS: Record<NumberField, { min: number; max: number; integer: boolean }> = {
  seats: { min: 0, max: 5000, integer: true },
  burners: { min: 0, max: 200, integer: true },
  diningAreaM2: { min: 0, max: 100000, integer: false },
  purifierEfficiencyPercent: { min: 0, max: 100, integer: false },
  cleaningIntervalDays: { min: 1, max: 365, integer: true },
};
const NUMBER_FIELDS = Object.keys(NUMBER_LIMITS) as NumberField[];

export type SourceFormField =
  | 'kind'
  | 'name'
  | 'creditCode'
  | 'address'
  | 'location'
  | 'streetCode'
  | 'responsiblePerson.name'
  | 'responsiblePerson.phone'
  | `restaurant.${keyof RestaurantTexts}`
  | 'tags';
export type SourceFormProblems = Partial<Record<SourceFormField, string>>;

const FORM_FIELDS = new Set<string>([
  'kind',
  'name',
  'creditCode',
  'address',
  'location',
  'streetCode',
  'responsiblePerson.name',
  'responsiblePerson.phone',
  'restaurant.purifierInstalled',
  ...NUMBER_FIELDS.map((field) => `restaurant.${field}`),
  'tags',
]);

/** How officers separate tags in one go (as in the import files): 夜市、临街. */
const TAG_SEPARATORS = /[;；、,，|｜]/;

const BLANK_RESTAURANT: RestaurantTexts = { seats: '', burners: '', diningAreaM2: '', purifierEfficiencyPercent: '', cleaningIntervalDays: '' };

/** A new source's form; a street officer's street is set (and cannot change). */
export function blankSourceForm(streetCode?: string): SourceFormValues {
  return {
    name: '',
    creditCode: '',
    address: '',
    location: { mode: 'point', point: undefined },
    streetCode,
    personName: '',
    personPhone: '',
    restaurant: { ...BLANK_RESTAURANT },
    tags: [],
  };
}

const textOf = (value: number | undefined) => (value === undefined ? '' : String(value));

/** A registered source's form, to edit: its registered position until the officer locates anew. */
export function sourceFormOf(source: OfficerSourceViewT['source']): SourceFormValues {
  const restaurant = source.restaurant;
  return {
    kind: source.kind,
    name: source.name,
    creditCode: source.creditCode,
    address: source.address,
    location: { mode: 'point', point: { lat: source.location.lat, lng: source.location.lng, coordSystem: source.location.coordSystem } },
    streetCode: source.streetCode,
    personName: source.responsiblePerson?.name ?? '',
    personPhone: source.responsiblePerson?.phone ?? '',
    restaurant: restaurant
      ? {
          seats: textOf(restaurant.seats),
          burners: textOf(restaurant.burners),
          diningAreaM2: textOf(restaurant.diningAreaM2),
          purifierInstalled: restaurant.purifierInstalled,
          purifierEfficiencyPercent: textOf(restaurant.purifierEfficiencyPercent),
          cleaningIntervalDays: textOf(restaurant.cleaningIntervalDays),
        }
      : { ...BLANK_RESTAURANT },
    tags: [...source.tags],
  };
}

/** A typed number (full-width digits too), or undefined when blank; a problem when not in the API's range. */
function parseNumber(text: string, { min, max, integer }: (typeof NUMBER_LIMITS)[NumberField]): { value?: number; problem?: string } {
  const compact = text.normalize('NFKC').trim();
  if (compact === '') return {};
  const value = Number(compact);
  const wellFormed = (integer ? /^\d+$/ : /^\d+(\.\d+)?$/).test(compact);
  if (!wellFormed || value < min || value > max) return { problem: integer ? t.integerRange(min, max) : t.numberRange(min, max) };
  return { value };
}

function parseCoordinate(text: string, limit: number): number | undefined {
  const compact = text.normalize('NFKC').trim();
  if (!/^-?\d+(\.\d+)?$/.test(compact)) return undefined;
  const value = Number(compact);
  return Math.abs(value) <= limit ? value : undefined;
}

/** The parts of the request both forms send, as the API takes them, with what is wrong with them. */
interface Parts {
  name: string;
  address: string;
  location?: GeoPoint;
  streetCode?: string;
  responsiblePerson?: Person;
  /** Only for restaurants: the attributes filled in (possibly none). */
  restaurant?: Restaurant;
  tags: string[];
}

function partsOf(values: SourceFormValues): { parts: Parts; problems: SourceFormProblems } {
  const problems: SourceFormProblems = {};
  const required = (field: SourceFormField, text: string) => {
    if (!text.trim()) problems[field] = zh.sourceOfficer.fieldRequired;
    return text.trim();
  };

  let location: GeoPoint | undefined;
  if (values.location.mode === 'point') {
    location = values.location.point;
    if (!location) problems.location = t.locationRequired;
  } else {
    const lat = parseCoordinate(values.location.lat, 90);
    const lng = parseCoordinate(values.location.lng, 180);
    if (lat === undefined || lng === undefined) problems.location = t.coordinatesInvalid;
    else location = { lat, lng, coordSystem: values.location.coordSystem };
  }
  if (!values.streetCode) problems.streetCode = t.streetRequired;

  const personName = values.personName.trim();
  const phone = values.personPhone.normalize('NFKC').replace(/[\s-]/g, '');
  if (phone && !isMainlandMobile(phone)) problems['responsiblePerson.phone'] = zh.auth.phoneInvalid;
  if (phone && !personName) problems['responsiblePerson.name'] = t.personNameRequired;
  const responsiblePerson = personName ? { name: personName, ...(phone ? { phone } : {}) } : undefined;

  let restaurant: Restaurant | undefined;
  if (values.kind === 'restaurant') {
    restaurant = {};
    for (const field of NUMBER_FIELDS) {
      const { value, problem } = parseNumber(values.restaurant[field], NUMBER_LIMITS[field]);
      if (problem) problems[`restaurant.${field}`] = problem;
      if (value !== undefined) restaurant[field] = value;
    }
    if (values.restaurant.purifierInstalled !== undefined) restaurant.purifierInstalled = values.restaurant.purifierInstalled;
  }

  const parts: Parts = {
    name: required('name', values.name),
    address: required('address', values.address),
    location,
    streetCode: values.streetCode,
    responsiblePerson,
    restaurant,
    tags: values.tags,
  };
  return { parts, problems };
}

const hasProblems = (problems: SourceFormProblems) => Object.keys(problems).length > 0;

/** 登记: the whole source, or what is still to fix. Restaurant attributes go only with a restaurant. */
export function sourceInputOf(values: SourceFormValues): { body: SourceBody } | { problems: SourceFormProblems } {
  const { parts, problems } = partsOf(values);
  if (!values.kind) problems.kind = t.kindRequired;
  const codeProblem = creditCodeProblem(values.creditCode);
  if (codeProblem) problems.creditCode = CREDIT_CODE_PROBLEM_MESSAGES[codeProblem];
  if (hasProblems(problems) || !values.kind || !parts.location || !parts.streetCode) return { problems };
  const { restaurant, responsiblePerson, ...rest } = parts;
  return {
    body: {
      kind: values.kind,
      creditCode: normalizeCreditCode(values.creditCode),
      ...rest,
      location: parts.location,
      streetCode: parts.streetCode,
      ...(responsiblePerson ? { responsiblePerson } : {}),
      ...(restaurant && Object.keys(restaurant).length > 0 ? { restaurant } : {}),
    },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * 编辑信息: only the attributes that differ from `original` (the form as it was loaded), with the
 * version it was loaded at. The kind and the credit code are not editable (the API takes neither).
 * A restaurant's attributes go as a whole: the API replaces them.
 */
export function sourcePatchOf(
  values: SourceFormValues,
  original: SourceFormValues,
  expectedVersion: number,
): { body: SourcePatchBody } | { problems: SourceFormProblems } {
  const { parts, problems } = partsOf(values);
  const before = partsOf(original).parts;
  // The API cannot remove a responsible person, only replace them.
  if (before.responsiblePerson && !parts.responsiblePerson) problems['responsiblePerson.name'] = t.personCannotClear;
  if (hasProblems(problems)) return { problems };
  const changed = (Object.keys(parts) as Array<keyof Parts>).filter((key) => parts[key] !== undefined && !same(parts[key], before[key]));
  return { body: { expectedVersion, ...Object.fromEntries(changed.map((key) => [key, parts[key]])) } };
}

/**
 * Adds what the officer typed to the tags: one tag, or several separated by 、，; and the like.
 * The system's 重点监管 cannot be added by hand; a tag already there is not added twice.
 */
export function addTags(tags: readonly string[], text: string): { tags: string[] } | { problem: string } {
  const next = [...tags];
  for (const tag of text.split(TAG_SEPARATORS).map((piece) => piece.trim())) {
    if (!tag || next.includes(tag)) continue;
    if (tag === KEY_SUPERVISION_TAG) return { problem: t.tagReserved };
    if (tag.length > MAX_LENGTH.tag) return { problem: t.tagTooLong(MAX_LENGTH.tag) };
    if (next.length >= MAX_TAGS) return { problem: t.tagLimit(MAX_TAGS) };
    next.push(tag);
  }
  return { tags: next };
}

/** The form field that shows an API problem at `path` (`location.lat` → location, `tags.3` → tags). */
export function formFieldOfApiPath(path: string): SourceFormField | undefined {
  const segments = path.split('.');
  if (segments[0] === 'responsiblePerson' && segments.length === 1) return 'responsiblePerson.name';
  const candidates = [segments.slice(0, 2).join('.'), segments[0]];
  return candidates.find((candidate) => FORM_FIELDS.has(candidate)) as SourceFormField | undefined;
}

/** The API's field problems (ApiError.details) by form field, the first for each field. */
export function problemsFromApi(details: ReadonlyArray<{ field: string; message: string }>): SourceFormProblems {
  const problems: SourceFormProblems = {};
  for (const detail of details) {
    const field = formFieldOfApiPath(detail.field);
    if (field) problems[field] ??= detail.message;
  }
  return problems;
}
