/**
 * Writes an XLSX workbook: the parts ECMA-376 requires of a minimal SpreadsheetML package (content
 * types, package and workbook relationships, workbook, worksheets), strings inline, numbers as
 * numbers, optional column widths. Enough for the import template, demo data, tests and
 * benchmarks; no styles.
 */
import { writeZip } from './zip';
import { encodeXmlText } from './xml';

export type XlsxCell = string | number;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SPREADSHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface XlsxSheet {
  name: string;
  rows: ReadonlyArray<ReadonlyArray<XlsxCell>>;
  /** Widths of the first columns, in characters. */
  columnWidths?: readonly number[];
}

const PACKAGE_RELATIONSHIPS =
  XML_DECLARATION +
  `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
  `<Relationship Id="rId1" Type="${RELATIONSHIPS_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

/** Excel refuses sheet names longer than 31 characters or containing any of \ / ? * [ ] : */
function validSheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Sheet1';
}

/** A one-sheet workbook. */
export function writeXlsx(rows: ReadonlyArray<ReadonlyArray<XlsxCell>>, options: { sheetName?: string } = {}): Uint8Array {
  return writeXlsxWorkbook([{ name: options.sheetName ?? 'Sheet1', rows }]);
}

/** A workbook of the sheets in tab order; the first is the one Excel opens on. */
export function writeXlsxWorkbook(sheets: readonly XlsxSheet[]): Uint8Array {
  const encoder = new TextEncoder();
  const sheetPath = (index: number) => `worksheets/sheet${index + 1}.xml`;
  const contentTypes =
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets
      .map(
        (_, index) => `<Override PartName="/xl/${sheetPath(index)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    '</Types>';
  const workbook =
    XML_DECLARATION +
    `<workbook xmlns="${SPREADSHEET_NS}" xmlns:r="${RELATIONSHIPS_NS}"><sheets>` +
    sheets.map((sheet, index) => `<sheet name="${encodeXmlText(validSheetName(sheet.name))}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('') +
    '</sheets></workbook>';
  const workbookRelationships =
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
    sheets.map((_, index) => `<Relationship Id="rId${index + 1}" Type="${RELATIONSHIPS_NS}/worksheet" Target="${sheetPath(index)}"/>`).join('') +
    '</Relationships>';
  // [Content_Types].xml goes first: tools that sniff a file's type look for it at the start.
  return writeZip([
    { name: '[Content_Types].xml', data: encoder.encode(contentTypes) },
    { name: '_rels/.rels', data: encoder.encode(PACKAGE_RELATIONSHIPS) },
    { name: 'xl/workbook.xml', data: encoder.encode(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: encoder.encode(workbookRelationships) },
    ...sheets.map((sheet, index) => ({ name: `xl/${sheetPath(index)}`, data: encoder.encode(worksheetXml(sheet)) })),
  ]);
}

function worksheetXml({ rows, columnWidths = [] }: XlsxSheet): string {
  const parts = [XML_DECLARATION, `<worksheet xmlns="${SPREADSHEET_NS}">`];
  if (columnWidths.length > 0) {
    parts.push('<cols>', ...columnWidths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`), '</cols>');
  }
  parts.push('<sheetData>');
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
