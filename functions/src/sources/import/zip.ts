/**
 * The ZIP container of an XLSX workbook: a reader that finds entries through the central directory
 * (stored and deflated entries) and a writer. Only what XLSX needs: no ZIP64, no encryption, no
 * multi-disk archives.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ImportFileError } from './errors';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT_SIZE = 0xffff;
const STORED = 0;
const DEFLATED = 8;
const UTF8_NAMES_FLAG = 0x0800;
/** Limits what one entry may inflate to, so a small zip bomb cannot exhaust the function's memory. */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
/** 1980-01-01 00:00 in MS-DOS format: a fixed time keeps written archives byte-for-byte reproducible. */
const DOS_DATE_1980_01_01 = (1 << 5) | 1;

const NOT_A_WORKBOOK = '文件不是有效的 XLSX 工作簿';

export interface ZipArchive {
  readonly names: readonly string[];
  /** The entry's uncompressed bytes, or undefined when the archive has no such entry. */
  read(name: string): Uint8Array | undefined;
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

interface CentralEntry {
  method: number;
  crc: number;
  compressedSize: number;
  localHeaderOffset: number;
}

export function openZip(bytes: Uint8Array): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end === undefined) throw new ImportFileError(NOT_A_WORKBOOK);
  const entryCount = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries = new Map<string, CentralEntry>();
  const names = new TextDecoder();
  for (let i = 0; i < entryCount; i++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY) throw new ImportFileError(NOT_A_WORKBOOK);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.set(name, {
      method: view.getUint16(offset + 10, true),
      crc: view.getUint32(offset + 16, true),
      compressedSize: view.getUint32(offset + 20, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return {
    names: [...entries.keys()],
    read(name) {
      const entry = entries.get(name);
      return entry && extract(bytes, view, name, entry);
    },
  };
}

function findEndOfCentralDirectory(view: DataView): number | undefined {
  const lowest = Math.max(0, view.byteLength - END_RECORD_SIZE - MAX_COMMENT_SIZE);
  for (let offset = view.byteLength - END_RECORD_SIZE; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  return undefined;
}

function extract(bytes: Uint8Array, view: DataView, name: string, entry: CentralEntry): Uint8Array {
  const header = entry.localHeaderOffset;
  if (header + 30 > view.byteLength || view.getUint32(header, true) !== LOCAL_FILE_HEADER) throw new ImportFileError(NOT_A_WORKBOOK);
  // Sizes come from the central directory: the local header's may be zero when a data descriptor follows.
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new ImportFileError(NOT_A_WORKBOOK);
  if (entry.method !== STORED && entry.method !== DEFLATED) throw new ImportFileError(`${NOT_A_WORKBOOK}（${name} 使用了不支持的压缩方式）`);
  let content: Uint8Array | undefined;
  try {
    content = entry.method === STORED ? data : inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES });
  } catch {
    content = undefined;
  }
  // A stored entry has no checks of its own, and a damaged upload must not import half a sheet.
  if (!content || crc32(content) !== entry.crc) throw new ImportFileError(`${NOT_A_WORKBOOK}（${name} 已损坏或过大）`);
  return content;
}

/** An archive of the entries in order; each is deflated unless that would not make it smaller or `store` is asked for. */
export function writeZip(entries: readonly ZipEntry[], options: { store?: boolean } = {}): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const centralDirectory: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = encoder.encode(name);
    const deflated = options.store ? undefined : deflateRawSync(data);
    const [method, payload] = deflated && deflated.length < data.length ? [DEFLATED, deflated] : [STORED, data];
    const common = { method, crc: crc32(data), compressedSize: payload.length, size: data.length, nameLength: nameBytes.length };
    parts.push(localFileHeader(common), nameBytes, payload);
    centralDirectory.push(centralDirectoryEntry(common, offset), nameBytes);
    offset += 30 + nameBytes.length + payload.length;
  }
  const directorySize = centralDirectory.reduce((sum, part) => sum + part.length, 0);
  return Buffer.concat([...parts, ...centralDirectory, endOfCentralDirectory(entries.length, directorySize, offset)]);
}

interface EntryFields {
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  nameLength: number;
}

/** Writes the fields local header and central directory entry share, starting at `at`. */
function writeEntryFields(view: DataView, at: number, fields: EntryFields): void {
  view.setUint16(at, 20, true); // version needed: 2.0 (deflate)
  view.setUint16(at + 2, UTF8_NAMES_FLAG, true);
  view.setUint16(at + 4, fields.method, true);
  view.setUint16(at + 6, 0, true); // time 00:00
  view.setUint16(at + 8, DOS_DATE_1980_01_01, true);
  view.setUint32(at + 10, fields.crc, true);
  view.setUint32(at + 14, fields.compressedSize, true);
  view.setUint32(at + 18, fields.size, true);
  view.setUint16(at + 22, fields.nameLength, true);
}

function localFileHeader(fields: EntryFields): Uint8Array {
  const header = new Uint8Array(30);
  const view = new DataView(header.buffer);
  view.setUint32(0, LOCAL_FILE_HEADER, true);
  writeEntryFields(view, 4, fields);
  return header;
}

function centralDirectoryEntry(fields: EntryFields, localHeaderOffset: number): Uint8Array {
  const entry = new Uint8Array(46);
  const view = new DataView(entry.buffer);
  view.setUint32(0, CENTRAL_DIRECTORY_ENTRY, true);
  view.setUint16(4, 20, true); // version made by: 2.0, MS-DOS attributes
  writeEntryFields(view, 6, fields);
  view.setUint32(42, localHeaderOffset, true);
  return entry;
}

function endOfCentralDirectory(entryCount: number, directorySize: number, directoryOffset: number): Uint8Array {
  const record = new Uint8Array(END_RECORD_SIZE);
  const view = new DataView(record.buffer);
  view.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  view.setUint16(8, entryCount, true);
  view.setUint16(10, entryCount, true);
  view.setUint32(12, directorySize, true);
  view.setUint32(16, directoryOffset, true);
  return record;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE 802.3), as ZIP records for every entry. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
