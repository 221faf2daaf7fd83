import table from '../rules/inspection-checklists.json' with { type: 'json' };
import type { SourceKind } from './kinds';
import { newest } from '../rules/versions';

export interface ChecklistItem {
  id: string;
  label: string;
  basis: string;
  /** What failing the item costs under the credit rules. */
  points: number;
  /** Default deadline of the rectification order a failure opens. */
  rectifyDays: number;
}

export interface ChecklistVersion {
  /** An identifier, stored with every inspection; never shown to users. */
  version: string;
  /** What users read. */
  title: string;
  source: string;
  kinds: Record<SourceKind, ChecklistItem[]>;
}

const versions = (): readonly ChecklistVersion[] => table.versions as ChecklistVersion[];

export const CURRENT_CHECKLISTS: ChecklistVersion = /* @__PURE__ */ newest(versions);

export function checklistVersion(version: string): ChecklistVersion | undefined {
  return versions().find((candidate) => candidate.version === version);
}

export function checklistFor(kind: SourceKind, version: string = CURRENT_CHECKLISTS.version): ChecklistItem[] {
  return checklistVersion(version)?.kinds[kind] ?? [];
}
