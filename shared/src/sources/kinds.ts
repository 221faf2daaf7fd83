/**
 * Kinds of pollution source in the registry, and what the rules derive from a restaurant's
 * attributes (size class by burners, the purifier efficiency it must reach).
 */
import cateringTable from '../rules/catering-fumes.json' with { type: 'json' };
import { newest } from '../rules/versions';

export const SOURCE_KINDS = ['restaurant', 'auto_repair', 'construction_site', 'industrial', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  restaurant: '餐饮',
  auto_repair: '汽修',
  construction_site: '建筑工地',
  industrial: '工业企业',
  other: '其他',
};

export const SIZE_CLASSES = ['small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export interface CateringRules {
  /** An identifier; never shown to users. */
  version: string;
  /** What users read. */
  title: string;
  source: string;
  sizeClasses: Array<{ sizeClass: string; minBurners: number; maxBurnersExclusive?: number }>;
  requiredRemovalEfficiencyPercent: Record<SizeClass, number>;
  fumeLimitMgPerM3: number;
  odourConcentrationLimit: number;
  secondStagePurifierAbove: { seats: number; diningAreaM2: number; stoveKw: number };
}

const cateringVersions = (): readonly CateringRules[] => cateringTable.versions as CateringRules[];
export const CURRENT_CATERING_RULES: CateringRules = /* @__PURE__ */ newest(cateringVersions);

export function findCateringRules(version: string): CateringRules | undefined {
  return cateringVersions().find((rules) => rules.version === version);
}

export function sizeClassOf(burners: number, rules: CateringRules = CURRENT_CATERING_RULES): SizeClass | undefined {
  const found = rules.sizeClasses.find((c) => burners >= c.minBurners && (c.maxBurnersExclusive === undefined || burners < c.maxBurnersExclusive));
  return found?.sizeClass as SizeClass | undefined;
}

export interface RestaurantFacts {
  seats?: number;
  burners?: number;
  purifierEfficiencyPercent?: number;
}

/** Whether the restaurant's purifier reaches the efficiency its size class requires (undefined: unknown). */
export function purifierMeetsStandard(facts: RestaurantFacts, rules: CateringRules = CURRENT_CATERING_RULES): boolean | undefined {
  if (facts.burners === undefined || facts.purifierEfficiencyPercent === undefined) return undefined;
  const sizeClass = sizeClassOf(facts.burners, rules);
  if (!sizeClass) return undefined;
  return facts.purifierEfficiencyPercent >= rules.requiredRemovalEfficiencyPercent[sizeClass];
}
