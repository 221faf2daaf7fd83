/**
 * The ZIP container of an XLSX workbook: a reader that finds entries through the central directory
 * (stored and deflated entries) and inflates each as a stream, and a writer. Only what XLSX needs: no
 * ZIP64, no encryption, no multi-disk archives.
 *
 * The archive is held whole (its directory is at its end, so it needs random access; the workbook
 * limit bounds it), but no entry is: an entry's bytes come out as they inflate, refused as soon as
 * they pass the part limit or inflate too many times their compressed size (a zip bomb), and checked
 * against their CRC at the end, so a damaged upload is refused before anything of it is written.
 */
import { createInflateRaw, deflateRawSync } from 'node:zlib';
import { IMPORT_LIMITS, type ImportLimits } from '@green-shield/shared/api/limits';
import { ImportFileError } from './errors';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT_SIZE = 0xffff;
const STORED = 0;
const DEFLATED = 8;
const UTF8_NAMES_FLAG = 0x0800;
/** 1980-01-01 00:00 in MS-DOS format: a fixed time keeps written archives byte-for-byte reproducible. */
const DOS_DATE_1980_01_01 = (1 << 5) | 1;
/** Parts smaller than this may compress any amount (a sheet of one repeated empty cell does). */
const RATIO_CHECKED_FROM_BYTES = 1_048_576;
/** Stored entries come out in slices of this size. */
const SLICE_BYTES = 65_536;

const NOT_A_WORKBOOK = '文件不是有效的 XLSX 工作簿';

export type ZipLimits = Pick<ImportLimits, 'partBytes' | 'compressionRatio'>;

export interface ZipArchive {
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The entry's uncompressed bytes as they inflate (at most `maxBytes`); the archive must have the entry. */
  stream(name: string, maxBytes?: number): AsyncGenerator<Uint8Array>;
  /** The entry's uncompressed bytes (at most `maxBytes`), or undefined when the archive has no such entry. */
  read(name: string, maxBytes?: number): Promise<Uint8Array | undefined>;
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

export function openZip(bytes: Uint8Array, limits: ZipLimits = IMPORT_LIMITS): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end === undefined) throw new ImportFileError('NOT_A_WORKBOOK', NOT_A_WORKBOOK);
  const entryCount = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries = new Map<string, CentralEntry>();
  const names = new TextDecoder();
  for (let i = 0; i < entryCount; i++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY) throw new ImportFileError('NOT_A_WORKBOOK', NOT_A_WORKBOOK);
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
  const stream = (name: string, maxBytes = limits.partBytes) => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`No entry ${name} in the archive`);
    return entryBytes(bytes, view, name, entry, { ...limits, partBytes: Math.min(maxBytes, limits.partBytes) });
  };
  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    stream,
    async read(name, maxBytes) {
      if (!entries.has(name)) return undefined;
      const chunks: Uint8Array[] = [];
      for await (const chunk of stream(name, maxBytes)) chunks.push(chunk);
      return Buffer.concat(chunks);
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

async function* entryBytes(bytes: Uint8Array, view: DataView, name: string, entry: CentralEntry, limits: ZipLimits): AsyncGenerator<Uint8Array> {
  const damaged = () => new ImportFileError('DAMAGED_PART', `${NOT_A_WORKBOOK}（${name} 已损坏）`);
  const header = entry.localHeaderOffset;
  if (header + 30 > view.byteLength || view.getUint32(header, true) !== LOCAL_FILE_HEADER) throw new ImportFileError('NOT_A_WORKBOOK', NOT_A_WORKBOOK);
  // Sizes come from the central directory: the local header's may be zero when a data descriptor follows.
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw damaged();
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    throw new ImportFileError('DAMAGED_PART', `${NOT_A_WORKBOOK}（${name} 使用了不支持的压缩方式）`);
  }
  let size = 0;
  let crc = CRC_START;
  try {
    for await (const chunk of entry.method === STORED ? slices(data) : inflated(data)) {
      size += chunk.length;
      if (size > limits.partBytes) {
        throw new ImportFileError('PART_TOO_LARGE', `工作簿中的 ${name} 解压后超过 ${megabytes(limits.partBytes)}，无法导入；请删去多余的内容或分成几个文件`);
      }
      if (size > RATIO_CHECKED_FROM_BYTES && size > limits.compressionRatio * data.length) {
        throw new ImportFileError('ZIP_BOMB', `工作簿中的 ${name} 解压后超过压缩时的 ${limits.compressionRatio} 倍，不像是正常的表格文件，无法导入`);
      }
      crc = updateCrc32(crc, chunk);
      yield chunk;
    }
  } catch (error) {
    throw error instanceof ImportFileError ? error : damaged(); // zlib: the deflated data is corrupt or cut short
  }
  // A stored entry has no checks of its own, and a damaged upload must not import half a sheet.
  if (finishCrc32(crc) !== entry.crc) throw damaged();
}

function* slices(data: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < data.length; offset += SLICE_BYTES) yield data.subarray(offset, offset + SLICE_BYTES);
}

/** The inflated bytes, produced only as fast as they are read. */
function inflated(data: Uint8Array): AsyncIterable<Uint8Array> {
  const inflate = createInflateRaw({ chunkSize: SLICE_BYTES });
  inflate.end(data);
  return inflate;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

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

const CRC_START = 0xffffffff;

function updateCrc32(crc: number, bytes: Uint8Array): number {
  let next = crc;
  for (let i = 0; i < bytes.length; i++) next = CRC_TABLE[(next ^ bytes[i]) & 0xff] ^ (next >>> 8);
  return next;
}

const finishCrc32 = (crc: number) => (crc ^ 0xffffffff) >>> 0;

/** CRC-32 (IEEE 802.3), as ZIP records for every entry. */
export function crc32(bytes: Uint8Array): number {
  return finishCrc32(updateCrc32(CRC_START, bytes));
}
