/**
 * Complaint categories of the national 12369 environmental hotline (types) with the subtypes
 * most common in Shanghai. Labels are the hotline's own Chinese terms.
 */
export const COMPLAINT_TAXONOMY = {
  air: {
    label: '大气',
    subtypes: {
      cooking_fumes: '餐饮油烟',
      odour: '异味',
      dust: '烟尘/扬尘',
      industrial_exhaust: '工业废气',
      other: '其他大气污染',
    },
  },
  noise: {
    label: '噪声',
    subtypes: {
      construction_noise: '建筑施工噪声',
      industrial_noise: '工业噪声',
      social_life_noise: '社会生活噪声',
      other: '其他噪声',
    },
  },
  water: {
    label: '水',
    subtypes: {
      industrial_wastewater: '工业废水',
      other: '其他水污染',
    },
  },
  solid_waste: { label: '固废', subtypes: { other: '固体废物' } },
  ecology: { label: '生态', subtypes: { other: '生态破坏' } },
  radiation: { label: '辐射', subtypes: { other: '辐射' } },
} as const;

export type ComplaintType = keyof typeof COMPLAINT_TAXONOMY;
export const COMPLAINT_TYPES = Object.keys(COMPLAINT_TAXONOMY) as ComplaintType[];

export function isKnownSubtype(type: string, subtype: string): boolean {
  const entry = COMPLAINT_TAXONOMY[type as ComplaintType];
  return Boolean(entry && subtype in entry.subtypes);
}

export function categoryLabel(type: string, subtype: string): string {
  const entry = COMPLAINT_TAXONOMY[type as ComplaintType];
  if (!entry) return type;
  const sub = (entry.subtypes as Record<string, string>)[subtype];
  return sub ? `${entry.label} · ${sub}` : entry.label;
}

/** When the nuisance happens, as residents describe it. */
export const OCCURRENCE_PATTERNS = ['always', 'daytime', 'nights', 'weekends', 'intermittent'] as const;
export type OccurrencePattern = (typeof OCCURRENCE_PATTERNS)[number];
