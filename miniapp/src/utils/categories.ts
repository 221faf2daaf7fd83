import { COMPLAINT_TAXONOMY, COMPLAINT_TYPES, type ComplaintType } from '@green-shield/shared/complaints/taxonomy';
import type { ChipOption } from '../components/ChipSelect';
import { zh } from '../i18n/zh-CN';

/** The 12369 problem types as chips (举报, the queue's filter, an observation made a complaint). */
export const COMPLAINT_TYPE_OPTIONS: ReadonlyArray<ChipOption<ComplaintType>> = COMPLAINT_TYPES.map((type) => ({
  value: type,
  label: zh.category.typeLabel(type),
}));

/** A type's specific problems as chips. */
export function subtypeOptions(type: ComplaintType): Array<ChipOption<string>> {
  return Object.entries(COMPLAINT_TAXONOMY[type].subtypes as Record<string, string>).map(([value, label]) => ({ value, label }));
}
