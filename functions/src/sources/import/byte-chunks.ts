/** Bytes as they arrive (from the object store, a file, or memory), and bytes held whole up to a limit. */
import { ImportFileError } from './errors';

/** Chunks of the size a stream would bring (64 KiB). */
const CHUNK_BYTES = 65_536;

/** Bytes in memory as the chunks a stream would bring them in. */
export async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) yield bytes.subarray(offset, offset + CHUNK_BYTES);
}

/** All the bytes, refused once they pass `maxBytes`. */
export async function allBytes(chunks: AsyncIterable<Uint8Array>, maxBytes: number, what: string): Promise<Uint8Array> {
  const held: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBytes) throw new ImportFileError('FILE_TOO_LARGE', `${what}超过 ${Math.round(maxBytes / 1_048_576)} MB，无法导入；请分成几个文件`);
    held.push(chunk);
  }
  return Buffer.concat(held);
}
