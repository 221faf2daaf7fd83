/**
 * Writes a one-sheet XLSX workbook: the parts ECMA-376 requires of a minimal SpreadsheetML package
 * (content types, package and workbook relationships, workbook, worksheet), strings inline, numbers
 * as numbers. Enough for import templates, demo data, tests and benchmarks; no styles.
 */
import { writeZip } from './zip';
import { encodeXmlText } from './xml';

export type XlsxCell = string | number;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SPREADSHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const CONTENT_TYPES =
  XML_DECLARATION +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '</Types>';

const PACKAGE_RELATIONSHIPS =
  XML_DECLARATION +
  `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
  `<Relationship Id="rId1" Type="${RELATIONSHIPS_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

const WORKBOOK_RELATIONSHIPS =
  XML_DECLARATION +
  `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
  `<Relationship Id="rId1" Type="${RELATIONSHIPS_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  '</Relationships>';

/** Excel refuses sheet names longer than 31 characters or containing any of \ / ? * [ ] : */
function validSheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Sheet1';
}

export function writeXlsx(rows: ReadonlyArray<ReadonlyArray<XlsxCell>>, options: { sheetName?: string } = {}): Uint8Array {
  const encoder = new TextEncoder();
  const workbook =
    XML_DECLARATION +
    `<workbook xmlns="${SPREADSHEET_NS}" xmlns:r="${RELATIONSHIPS_NS}"><sheets>` +
    `<sheet name="${encodeXmlText(validSheetName(options.sheetName ?? 'Sheet1'))}" sheetId="1" r:id="rId1"/>` +
    '</sheets></workbook>';
  // [Content_Types].xml goes first: tools that sniff a file's type look for it at the start.
  return writeZip([
    { name: '[Content_Types].xml', data: encoder.encode(CONTENT_TYPES) },
    { name: '_rels/.rels', data: encoder.encode(PACKAGE_RELATIONSHIPS) },
    { name: 'xl/workbook.xml', data: encoder.encode(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: encoder.encode(WORKBOOK_RELATIONSHIPS) },
    { name: 'xl/worksheets/sheet1.xml', data: encoder.encode(worksheetXml(rows)) },
  ]);
}

function worksheetXml(rows: ReadonlyArray<ReadonlyArray<XlsxCell>>): string {
  const parts = [XML_DECLARATION, `<worksheet xmlns="${SPREADSHEET_NS}"><sheetData>`];
  rows.forEach((cells, rowIndex) => {
    const rowNumber = rowIndex + 1;
    const cellXml = cells.map((value, columnIndex) => cellElement(`${columnLetters(columnIndex)}${rowNumber}`, value)).join('');
    if (cellXml) parts.push(`<row r="${rowNumber}">${cellXml}</row>`);
  });
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

/** Empty strings write no cell at all, as Excel does for blank cells. */
function cellElement(reference: string, value: XlsxCell): string {
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${reference}"><v>${value}</v></c>`;
  const text = String(value);
  if (text === '') return '';
  return `<c r="${reference}" t="inlineStr"><is><t xml:space="preserve">${encodeXmlText(text)}</t></is></c>`;
}

/** "A" for 0, "Z" for 25, "AA" for 26. */
function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
