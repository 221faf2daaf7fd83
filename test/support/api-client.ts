/**
 * A small HTTP client for tests: every call goes through the real local gateway, and every answer is
 * checked against its route's declared schema (contract.ts): a mismatch fails the call.
 */
import { expect, inject } from 'vitest';
import { checkAndNote } from './contract';

export interface CallResult<T = any> extends PromiseLike<{ status: number; body: T; headers: Headers }> {
  /** Asserts the status and returns the parsed body. */
  expect(status: number): Promise<T>;
}

export class ApiClient {
  token?: string;
  constructor(readonly baseUrl: string) {}

  call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): CallResult<T> {
    const send = async () => {
      const response = await fetch(this.baseUrl + path, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      const parsed = text && /json/.test(contentType || 'application/json') ? JSON.parse(text) : text || undefined;
      const broken = checkAndNote({ method, url: path, status: response.status, contentType, body: parsed }, inject('scratchDir'));
      if (broken) throw new Error(broken);
      return { status: response.status, body: parsed as T, headers: response.headers };
    };
    const pending = send();
    return {
      // biome-ignore lint/suspicious/noThenProperty: the call is awaitable on purpose (await api.call(...)).
      then: (onFulfilled, onRejected) => pending.then(onFulfilled, onRejected),
      expect: async (status: number) => {
        const result = await pending;
        expect(result.status, `${method} ${path} → ${JSON.stringify(result.body)}`).toBe(status);
        return result.body;
      },
    };
  }
}
