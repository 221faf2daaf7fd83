/**
 * The street operational guide (街镇生态环境工作操作指南) as code reads it: versioned guidance per
 * source kind and situation (`rules/street-operational-guide.json`) — what to look at with its legal
 * basis, what the street may do itself, when to call the bureau — and the source of patrol tasks'
 * checklists. Pure.
 */
import table from '../rules/street-operational-guide.json' with { type: 'json' };
import type { SourceKind } from '../sources/kinds';
import { newest } from '../rules/versions';

export interface GuideItem {
  id: string;
  label: string;
  basis: string;
}

export interface GuideSituation {
  id: string;
  kind: SourceKind;
  title: string;
  lookAt: GuideItem[];
  streetMay: string[];
  callBureauWhen: string[];
}

export interface StreetGuide {
  /** An identifier, stored with every task; never shown to users. */
  version: string;
  /** What users read. */
  title: string;
  source: string;
  situations: GuideSituation[];
}

const versions = (): readonly StreetGuide[] => table.versions as StreetGuide[];

export const CURRENT_STREET_GUIDE: StreetGuide = /* @__PURE__ */ newest(versions);

export function streetGuide(version: string): StreetGuide | undefined {
  return versions().find((candidate) => candidate.version === version);
}

/** A checklist entry of a patrol task: a guide item under its situation. */
export interface GuideItemRef {
  situationId: string;
  itemId: string;
}

/** The guide's item a reference names (with its situation's title), or undefined. */
export function guideItem(guide: StreetGuide, ref: GuideItemRef): (GuideItem & { situationId: string; situation: string }) | undefined {
  const situation = guide.situations.find((candidate) => candidate.id === ref.situationId);
  const item = situation?.lookAt.find((candidate) => candidate.id === ref.itemId);
  return situation && item ? { ...item, situationId: situation.id, situation: situation.title } : undefined;
}
