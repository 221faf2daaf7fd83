/**
 * Bundled in place of `mnemonist/lru-cache` (functions/src/bundling.ts): the DynamoDB client's
 * endpoint-discovery cache (`@aws-sdk/endpoint-cache`) is its one user and needs only these five
 * methods, which a Map keeps in least-recently-used order (a read moves the key to the end; a
 * write past capacity drops the first). Five kilobytes of every bundle otherwise.
 */
export default class LRUCache<K, V> {
  private readonly items = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  has(key: K): boolean {
    return this.items.has(key);
  }

  /** The value without making it the most recently used. */
  peek(key: K): V | undefined {
    return this.items.get(key);
  }

  get(key: K): V | undefined {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key) as V;
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value as K);
    return this;
  }

  clear(): void {
    this.items.clear();
  }
}
