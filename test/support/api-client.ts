/** A small HTTP client for tests: every call goes through the real local gateway. */
import { expect } from 'vitest';

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
      const isJson = /json/.test(response.headers.get('content-type') ?? 'application/json');
      return { status: response.status, body: (text ? (isJson ? JSON.parse(text) : text) : undefined) as T, headers: response.headers };
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
