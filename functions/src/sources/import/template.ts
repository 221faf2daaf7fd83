/**
 * The import template users download: a sheet with the header row and one example row that
 * imports cleanly, and an instructions sheet explaining every column and its allowed values. Built
 * from the column specs and the district's own configuration (its streets, its centre, its division
 * code), so it changes when they do.
 */
import { UPLOAD_LIMIT_BYTES } from '@green-shield/shared/api/limits';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { SOURCE_KIND_LABELS } from '@green-shield/shared/sources/kinds';
import { loadDistrict, type DistrictConfig } from '@green-shield/shared/districts/district';
import { KIND_CHOICES, NO_TEXTS, YES_TEXTS } from './cell-values';
import { COLUMN_SPECS, type ColumnKey, SOURCE_IMPORT_COLUMNS } from './column-specs';
import { type XlsxCell, writeXlsxWorkbook } from './xlsx-writer';

export const TEMPLATE_FILE_NAME = '污染源导入模板.xlsx';
const DATA_SHEET = '污染源';
const INSTRUCTIONS_SHEET = '填写说明';

/** The header row and the example row, numbers as numbers (Excel flags numbers stored as text). */
function sourceTemplateRows(district: DistrictConfig = loadDistrict()): XlsxCell[][] {
  const example: Record<ColumnKey, XlsxCell> = {
    kind: SOURCE_KIND_LABELS.restaurant,
    name: '示例餐馆（导入前请删除本行）',
    creditCode: composeCreditCode('92', district.code, 'MA1FL4C1'),
    address: `${district.city}${district.name}示例路 1 号`,
    lat: district.mapCenter.lat,
    lng: district.mapCenter.lng,
    coordSystem: district.mapCenter.coordSystem,
    street: district.streets[0].name,
    responsiblePerson: '张三',
    phone: '13800000000',
    seats: 60,
    burners: 4,
    diningAreaM2: 120,
    purifierInstalled: '是',
    purifierEfficiencyPercent: '90%',
    cleaningIntervalDays: 30,
    tags: '夜市；临街',
  };
  return [[...SOURCE_IMPORT_COLUMNS], COLUMN_SPECS.map((spec) => example[spec.key])];
}

/** What to write in each column, with the values it accepts. */
function columnHelp(district: DistrictConfig): Record<ColumnKey, string> {
  const streets = district.streets.map((street) => street.name).join('、');
  const restaurantOnly = '仅餐饮填写';
  return {
    kind: `填写 ${KIND_CHOICES} 之一`,
    name: '单位或商户的名称',
    creditCode: '18 位统一社会信用代码（营业执照上的代码）；重复导入时按它更新已登记的污染源',
    address: '经营地址',
    lat: '纬度，如 31.2296（小数，度）',
    lng: '经度，如 121.448（小数，度）',
    coordSystem: '填写 WGS-84（GPS）或 GCJ-02（高德、腾讯等国内地图）；不填按 GCJ-02 处理',
    street: `${district.name}的街道（镇）名称，可省略“街道”“镇”：${streets}`,
    responsiblePerson: '负责人姓名；填写联系电话时必填',
    phone: '11 位手机号',
    seats: `${restaurantOnly}：座位数（整数）`,
    burners: `${restaurantOnly}：基准灶头数（整数）`,
    diningAreaM2: `${restaurantOnly}：就餐区面积，单位平方米`,
    purifierInstalled: `${restaurantOnly}：填写“${YES_TEXTS[0]}”或“${NO_TEXTS[0]}”`,
    purifierEfficiencyPercent: `${restaurantOnly}：油烟净化效率，如 90% 或 90`,
    cleaningIntervalDays: `${restaurantOnly}：净化设施清洗周期，单位天（整数）`,
    tags: '可填多个，用顿号、逗号或分号隔开；导入只会添加标签，不会删除已有标签',
  };
}

function instructionRows(district: DistrictConfig): XlsxCell[][] {
  const help = columnHelp(district);
  return [
    ['列名', '是否必填', '填写说明'],
    ...COLUMN_SPECS.map((spec) => [spec.header, spec.required ? '必填' : '选填', help[spec.key]]),
    [],
    ['注意事项'],
    [`在“${DATA_SHEET}”表中填写：第 1 行是表头，请勿修改；从第 2 行起每行一家污染源。第 2 行是示例，导入前请删除。`],
    [`文件不超过 ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB，保存为 .xlsx，或 UTF-8 编码的 .csv。`],
    ['上传后先“开始校验”，按报告逐行改正后再确认导入；有错误的行不会导入，其余行照常导入。'],
  ];
}

/** The template workbook: the data sheet first (the one Excel opens on), the instructions after it. */
export function sourceTemplateWorkbook(district: DistrictConfig = loadDistrict()): Uint8Array {
  return writeXlsxWorkbook([
    { name: DATA_SHEET, rows: sourceTemplateRows(district), columnWidths: SOURCE_IMPORT_COLUMNS.map((header) => Math.max(12, header.length * 2 + 4)) },
    { name: INSTRUCTIONS_SHEET, rows: instructionRows(district), columnWidths: [20, 10, 80] },
  ]);
}
