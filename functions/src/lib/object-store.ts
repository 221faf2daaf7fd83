/** The seam to object storage (S3 in AWS, s3rver locally). */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
}

export interface ObjectStore {
  presignUpload(key: string, contentType: string, maxBytes: number, expiresSeconds: number): Promise<PresignedUpload>;
  presignDownload(key: string, expiresSeconds: number): Promise<string>;
  /** Size and first bytes of an object, or undefined when it does not exist. */
  inspect(key: string, headBytes: number): Promise<{ size: number; head: Uint8Array } | undefined>;
  /** The object's size and its bytes as they arrive (never held whole), or undefined when it does not exist. */
  open(key: string): Promise<{ size: number; chunks: AsyncIterable<Uint8Array> } | undefined>;
  /** Stores an object, replacing any under the same key. */
  put(key: string, data: Uint8Array, headers: { contentType: string; contentDisposition?: string }): Promise<void>;
  copy(fromKey: string, toKey: string): Promise<void>;
  delete(keys: string[]): Promise<void>;
}
