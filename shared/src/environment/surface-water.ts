/**
 * Surface water classes by GB 3838-2002 (versioned limits, `rules/surface-water-classes.json`): each
 * parameter's class, a section's class (its worst parameter's) and the parameters worse than the
 * section's target class. Pure.
 */
import table from '../rules/surface-water-classes.json' with { type: 'json' };
import { versionedRules } from '../rules/versions';

export const WATER_PARAMETERS = ['do', 'codMn', 'cod', 'bod5', 'nh3n', 'tp', 'tn'] as const;
export type WaterParameter = (typeof WATER_PARAMETERS)[number];

export interface WaterParameterRule {
  label: string;
  unit: string;
  /** DO is better higher (its limits are lower bounds), the others lower (upper bounds). */
  better: 'higher' | 'lower';
  /** One limit per class, best class first. */
  limits: number[];
}

export interface WaterRules {
  version: string;
  title: string;
  source: string;
  /** Best first: I … V. */
  classes: string[];
  /** Worse than the last class (劣V). */
  worseThanLast: string;
  parameters: Record<WaterParameter, WaterParameterRule>;
}

export const WATER_RULES = /* @__PURE__ */ versionedRules(() => table.versions as WaterRules[], 'surface-water-classes');

/** A class by its rank: 0 = I (best), classes.length = 劣V. */
export interface WaterClass {
  rank: number;
  label: string;
}

function classAt(rules: WaterRules, rank: number): WaterClass {
  return { rank, label: rules.classes[rank] ?? rules.worseThanLast };
}

export function waterClassOf(rules: WaterRules, parameter: WaterParameter, value: number): WaterClass {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${parameter}: a value is a finite number ≥ 0, not ${value}`);
  const { better, limits } = rules.parameters[parameter];
  const rank = limits.findIndex((limit) => (better === 'higher' ? value >= limit : value <= limit));
  return classAt(rules, rank === -1 ? limits.length : rank);
}

export interface SectionEvaluation {
  rulesVersion: string;
  /** Absent when no parameter had a value. */
  sectionClass?: WaterClass;
  byParameter: Array<{ parameter: WaterParameter; value: number; waterClass: WaterClass }>;
  /** The parameters that set the section's class. */
  worst: WaterParameter[];
  /** The parameters worse than the target class (when one is given). */
  exceeding: WaterParameter[];
}

/** A section's class is its worst parameter's class (GB 3838-2002 section 5). */
export function evaluateSection(rules: WaterRules, values: Partial<Record<WaterParameter, number>>, targetClass?: string): SectionEvaluation {
  const byParameter = WATER_PARAMETERS.flatMap((parameter) => {
    const value = values[parameter];
    return value === undefined ? [] : [{ parameter, value, waterClass: waterClassOf(rules, parameter, value) }];
  });
  if (byParameter.length === 0) return { rulesVersion: rules.version, byParameter, worst: [], exceeding: [] };
  const worstRank = Math.max(...byParameter.map((entry) => entry.waterClass.rank));
  const targetRank = targetClass === undefined ? undefined : rules.classes.indexOf(targetClass);
  if (targetRank === -1) throw new RangeError(`Unknown water class ${targetClass}`);
  return {
    rulesVersion: rules.version,
    sectionClass: classAt(rules, worstRank),
    byParameter,
    worst: byParameter.filter((entry) => entry.waterClass.rank === worstRank).map((entry) => entry.parameter),
    exceeding: targetRank === undefined ? [] : byParameter.filter((entry) => entry.waterClass.rank > targetRank).map((entry) => entry.parameter),
  };
}
