/**
 * A random UUID v4 for the Idempotency-Key of one draft. WeChat has no crypto.randomUUID; the key
 * only needs to be unique per user, not secret, so Math.random is enough.
 */
export function newIdempotencyKey(): string {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (char) => {
    const random = Math.floor(Math.random() * 16);
    return (char === 'x' ? random : (random & 0x3) | 0x8).toString(16);
  });
}
