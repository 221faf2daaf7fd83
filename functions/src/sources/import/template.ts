/**
 * The import template, built from the column specs and the district's own configuration.
 */
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { SOURCE_KIND_LABELS } from '@green-shield/shared/sources/kinds';
import { loadDistrict, type DistrictConfig } from '@green-shield/shared/districts/district';
import { COLUMN_SPECS, type ColumnKey, SOURCE_IMPORT_COLUMNS } from './column-specs';

/**
 * The downloadable template: the header row and one example row that imports cleanly, built from
 * the district's own configuration (its first street, its centre, its division code).
 */
export function sourceTemplateRows(district: DistrictConfig = loadDistrict()): string[][] {
  const example: Record<ColumnKey, string> = {
    kind: SOURCE_KIND_LABELS.restaurant,
    name: '示例餐馆（导入前请删除本行）',
    creditCode: composeCreditCode('92', district.code, 'MA1FL4C1'),
    address: `${district.city}${district.name}示例路 1 号`,
    lat: String(district.mapCenter.lat),
    lng: String(district.mapCenter.lng),
    coordSystem: district.mapCenter.coordSystem,
    street: district.streets[0].name,
    responsiblePerson: '张三',
    phone: '13800000000',
    seats: '60',
    burners: '4',
    diningAreaM2: '120',
    purifierInstalled: '是',
    purifierEfficiencyPercent: '90%',
    cleaningIntervalDays: '30',
    tags: '夜市；临街',
  };
  return [[...SOURCE_IMPORT_COLUMNS], COLUMN_SPECS.map((spec) => example[spec.key])];
}
