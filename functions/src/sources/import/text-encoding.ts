/**
 * The text of a CSV file, whichever encoding the program that saved it chose: UTF-8 (with or
 * without a byte-order mark), UTF-16 (Excel's "Unicode text", with a byte-order mark; without one,
 * told by where its NUL bytes fall), or GB18030 (Excel on Chinese Windows saves "CSV" in the ANSI
 * code page, GBK, which GB18030 contains). Bytes that are not valid in the chosen encoding become
 * U+FFFD, so the cell they are in can be reported.
 *
 * The file is decoded as its bytes arrive, holding back only what the choice needs: its first 4 KiB
 * (a byte-order mark, or UTF-16's NUL bytes), then, as ASCII reads the same in UTF-8 and GB18030,
 * 64 KiB from its first non-ASCII byte on (a GBK list's header is Chinese, so that is its first line).
 */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** How many bytes of a file tell whether it is UTF-16 without a byte-order mark. */
const UTF16_SAMPLE_BYTES = 4096;
/** How many bytes from the first non-ASCII one tell UTF-8 from GB18030. */
const NON_ASCII_SAMPLE_BYTES = 65_536;

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** The text of the bytes as they arrive, in the encoding they turn out to be in. */
export async function* decodeTextChunks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new SniffingDecoder();
  for await (const chunk of chunks) {
    const text = decoder.push(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

class SniffingDecoder {
  private held: Uint8Array = new Uint8Array(0);
  private decoder: TextDecoder | undefined;
  /** No byte-order mark and not UTF-16: UTF-8 or GB18030, to be told from the first non-ASCII bytes. */
  private eightBit = false;

  push(chunk: Uint8Array): string {
    if (this.decoder) return this.decoder.decode(chunk, { stream: true });
    this.held = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    return this.chooseWhenSure(false);
  }

  end(): string {
    const text = this.decoder ? '' : this.chooseWhenSure(true);
    return text + this.decoder!.decode();
  }

  /** Starts decoding once the held bytes (or, at the end, all of them) tell the encoding; ASCII passes on before. */
  private chooseWhenSure(final: boolean): string {
    if (!this.eightBit) {
      if (this.held.length < UTF16_SAMPLE_BYTES && !final) return '';
      const marked = markedEncoding(this.held);
      // A decoder drops the byte-order mark of its own encoding.
      if (marked) return this.start(new TextDecoder(marked));
      this.eightBit = true;
    }
    const ascii = asciiPrefixLength(this.held);
    const text = Buffer.from(this.held.buffer, this.held.byteOffset, ascii).toString('latin1');
    this.held = this.held.subarray(ascii);
    if (this.held.length < NON_ASCII_SAMPLE_BYTES && !final) return text;
    return text + this.start(new TextDecoder(eightBitEncoding(this.held, final), { ignoreBOM: true }));
  }

  private start(decoder: TextDecoder): string {
    this.decoder = decoder;
    const text = decoder.decode(this.held, { stream: true });
    this.held = new Uint8Array(0);
    return text;
  }
}

function asciiPrefixLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] < 0x80) i++;
  return i;
}

/** The encoding a byte-order mark or UTF-16's NUL bytes announce. */
function markedEncoding(bytes: Uint8Array): Encoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return utf16ByNulBytes(bytes);
}

/** UTF-8 or GB18030, by a sample starting at a non-ASCII byte; `complete` when the sample ends the file. */
function eightBitEncoding(sample: Uint8Array, complete: boolean): 'utf-8' | 'gb18030' {
  const { valid, invalid } = countUtf8Sequences(sample, complete);
  // GBK text read as UTF-8 is mostly invalid sequences (about five to each one that happens to be
  // valid); UTF-8 with a stray byte or two is overwhelmingly valid. Two to one is far from both.
  return invalid === 0 || valid >= 2 * invalid ? 'utf-8' : 'gb18030';
}

/**
 * UTF-16 text of a CSV has NUL bytes (the high byte of every ASCII character: delimiters, line
 * breaks, digits) on one side of each pair; 8-bit encodings of text have none.
 */
function utf16ByNulBytes(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, UTF16_SAMPLE_BYTES) & ~1);
  const nulAt = [0, 0];
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) nulAt[i & 1]++;
  const pairs = sample.length / 2;
  const [even, odd] = nulAt;
  if (odd > 0 && odd >= pairs / 20 && even * 4 <= odd) return 'utf-16le';
  if (even > 0 && even >= pairs / 20 && odd * 4 <= even) return 'utf-16be';
  return undefined;
}

/**
 * Multi-byte sequences that are valid UTF-8, and bytes that start no valid sequence (RFC 3629: no
 * overlongs, surrogates or code points past U+10FFFF). A sequence cut off by the end of an incomplete
 * sample counts as neither.
 */
function countUtf8Sequences(bytes: Uint8Array, complete: boolean): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === CUT_OFF && !complete) break;
    if (length > 0) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

const CUT_OFF = -1;

/** The length of the valid sequence starting at `i`, 0 when there is none, CUT_OFF when the bytes end inside one that is valid so far. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  let length: number;
  let secondMin = 0x80;
  let secondMax = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) secondMin = 0xa0;
    if (lead === 0xed) secondMax = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) secondMin = 0x90;
    if (lead === 0xf4) secondMax = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    if (i + k >= bytes.length) return CUT_OFF;
    const [min, max] = k === 1 ? [secondMin, secondMax] : [0x80, 0xbf];
    if (bytes[i + k] < min || bytes[i + k] > max) return 0;
  }
  return length;
}
