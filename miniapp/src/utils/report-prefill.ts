/**
 * "举报该商户问题": what the report form starts with when a resident comes from a source's public
 * profile, handed from that page to the report page in memory (both are in the main package and
 * share one JS context; nothing of it belongs in a URL).
 */
import type { PublicSourceProfileT } from '@green-shield/shared/api/source-schemas';
import type { ComplaintType } from '@green-shield/shared/complaints/taxonomy';
import type { SourceKind } from '@green-shield/shared/sources/kinds';
import { zh } from '../i18n/zh-CN';

export interface ReportPrefill {
  category?: { type: ComplaintType; subtype: string };
  description: string;
  address: string;
  streetCode: string;
  /** The source's registered position, better than the resident's phone when they report from home. */
  point: { lat: number; lng: number; coordSystem: 'WGS-84' };
}

/** What residents usually report about each kind; other kinds leave the category to the resident. */
const CATEGORY_OF_KIND: Partial<Record<SourceKind, ReportPrefill['category']>> = {
  restaurant: { type: 'air', subtype: 'cooking_fumes' },
  construction_site: { type: 'noise', subtype: 'construction_noise' },
};

export function reportPrefillFromProfile(profile: Pick<PublicSourceProfileT, 'name' | 'kind' | 'address' | 'streetCode' | 'location'>): ReportPrefill {
  const category = CATEGORY_OF_KIND[profile.kind];
  return {
    ...(category ? { category: { ...category } } : {}),
    description: zh.report.aboutSource(profile.name),
    address: profile.address,
    streetCode: profile.streetCode,
    point: { lat: profile.location.lat, lng: profile.location.lng, coordSystem: 'WGS-84' },
  };
}

/** Whether the description still opens with what the profile wrote in. */
export function startsWithPrefill(description: string, prefill: Pick<ReportPrefill, 'description'> | undefined): boolean {
  const opening = prefill?.description.trim();
  return Boolean(opening) && description.trim().startsWith(opening!);
}

/**
 * The resident's own words: the description without the opening the profile wrote in (which names
 * the shop, not the problem, so it never counts toward the minimum description). A description whose
 * opening the resident rewrote is all their own.
 */
export function ownWords(description: string, prefill: Pick<ReportPrefill, 'description'> | undefined): string {
  const text = description.trim();
  return startsWithPrefill(text, prefill) ? text.slice(prefill!.description.trim().length).trim() : text;
}

let pending: ReportPrefill | undefined;

export function handOffReportPrefill(prefill: ReportPrefill): void {
  pending = prefill;
}

/** The hand-off, once: a second report started from home begins empty. */
export function takeReportPrefill(): ReportPrefill | undefined {
  const prefill = pending;
  pending = undefined;
  return prefill;
}
