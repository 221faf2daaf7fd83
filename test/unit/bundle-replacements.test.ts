/**
 * The modules the function bundles use in place of SDK internals (BUNDLING.alias in
 * functions/src/bundling.ts) behave as the ones they replace, so a bundled function signs and caches
 * exactly as the unbundled code the other tests run.
 */
import { Sha256 as SdkSha256 } from '@smithy/core/checksum';
import MnemonistLRUCache from 'mnemonist/lru-cache';
import { describe, expect, it } from 'vitest';
import { BUNDLING } from '../../functions/src/bundling';
import { Sha256 } from '../../functions/src/lib/node-sha256';
import LRUCache from '../../functions/src/lib/small-lru-cache';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
/** The SDK's class is typed for bytes but takes text too (node:crypto's update does), as the signer sends it. */
const sdkHash = (secret?: string | Uint8Array) => new SdkSha256(secret) as unknown as Sha256;

describe('the SHA-256 of the bundles', () => {
  it('replaces the SDK checksum module', () => {
    expect(BUNDLING.alias['@smithy/core/checksum']).toBe('functions/src/lib/node-sha256.ts');
  });

  it('hashes and signs (HMAC) as the SDK does, from text and from bytes', async () => {
    const inputs = ['', 'AWS4-HMAC-SHA256\n20130524T000000Z', new Uint8Array([0, 1, 2, 250]), new Uint8Array(Buffer.from('静安区 eco')).subarray(3)];
    for (const secret of [undefined, 'AWS4wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', new Uint8Array([9, 8, 7])]) {
      for (const input of inputs) {
        const ours = new Sha256(secret);
        const theirs = sdkHash(secret);
        ours.update(input);
        theirs.update(input);
        ours.update('more');
        theirs.update('more');
        expect(hex(await ours.digest()), `${String(secret)} / ${String(input)}`).toBe(hex(await theirs.digest()));
      }
    }
  });

  it('digests a plain hash again and again, an HMAC once, and starts over after reset', async () => {
    const hash = new Sha256();
    hash.update('a');
    const first = hex(await hash.digest());
    expect(hex(await hash.digest())).toBe(first);
    hash.update('b');
    expect(hex(await hash.digest())).toBe('fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603');
    const hmac = new Sha256('key');
    hmac.update('a');
    await hmac.digest();
    expect(() => hmac.update('b')).toThrow(/already finished/);
    hmac.reset();
    hmac.update('a');
    const sdk = sdkHash('key');
    sdk.update('a');
    expect(hex(await hmac.digest())).toBe(hex(await sdk.digest()));
  });
});

describe('the LRU cache of the bundles', () => {
  it('replaces the one the DynamoDB endpoint cache uses', () => {
    expect(BUNDLING.alias['mnemonist/lru-cache']).toBe('functions/src/lib/small-lru-cache.ts');
  });

  it('answers every sequence of reads and writes as mnemonist does', () => {
    let state = 7;
    const next = (n: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % n;
    };
    const ours = new LRUCache<string, number>(3);
    const theirs = new MnemonistLRUCache<string, number>(3);
    for (let step = 0; step < 2000; step++) {
      const key = `k${next(6)}`;
      const op = next(10);
      const answer = (cache: LRUCache<string, number> | MnemonistLRUCache<string, number>) => {
        if (op < 4) return cache.get(key);
        if (op < 6) return cache.peek(key);
        if (op < 8) return cache.has(key);
        if (op < 9) return void cache.set(key, step);
        return void (step % 50 === 0 && cache.clear());
      };
      expect(answer(ours), `step ${step}: op ${op} ${key}`).toEqual(answer(theirs));
    }
  });
});
