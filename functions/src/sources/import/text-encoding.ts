/**
 * The text of a CSV file, whichever encoding the program that saved it chose: UTF-8 (with or
 * without a byte-order mark), UTF-16 (Excel's "Unicode text", with a byte-order mark; without one,
 * told by where its NUL bytes fall), or GB18030 (Excel on Chinese Windows saves "CSV" in the ANSI
 * code page, GBK, which GB18030 contains). Bytes that are not valid in the chosen encoding become
 * U+FFFD, so the cell they are in can be reported.
 */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** How many bytes of a file tell whether it is UTF-16 without a byte-order mark. */
const UTF16_SAMPLE_BYTES = 4096;

export function decodeText(bytes: Uint8Array): string {
  const encoding = encodingOf(bytes);
  // TextDecoder drops the byte-order mark of its own encoding.
  return new TextDecoder(encoding).decode(bytes);
}

function encodingOf(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const utf16 = utf16ByNulBytes(bytes);
  if (utf16) return utf16;
  const { valid, invalid } = countUtf8Sequences(bytes);
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

/** Multi-byte sequences that are valid UTF-8, and bytes that start no valid sequence (RFC 3629: no overlongs, surrogates or code points past U+10FFFF). */
function countUtf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      invalid++;
      i++;
    } else {
      valid++;
      i += length;
    }
  }
  return { valid, invalid };
}

/** The length of the valid sequence starting at `i`, or 0. */
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
  if (i + length > bytes.length) return 0;
  const second = bytes[i + 1];
  if (second < secondMin || second > secondMax) return 0;
  for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return 0;
  return length;
}
