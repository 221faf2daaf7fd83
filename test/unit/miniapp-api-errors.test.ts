import { describe, expect, it, vi } from 'vitest';
import { zh } from '../../miniapp/src/i18n/zh-CN';

// The client reads Taro only when it sends: no storage (signed out), and requests answered by the test.
const taro = { getStorageSync: () => '', request: vi.fn() };
vi.mock('@tarojs/taro', () => ({ default: taro }));

describe('mini-app API errors', () => {
  it('relates the API’s field paths to form fields and speaks Chinese', async () => {
    const { ApiError } = await import('../../miniapp/src/api/client');
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid body', [
      { field: 'body.location.address', message: '请填写详细地址' },
      { field: 'body.duplicateOf', message: 'unknown' },
      { field: 'query.cursor', message: 'bad cursor' },
      { field: 'body', message: 'Too small: expected string to have >=5 characters' },
    ]);
    // The API's Chinese messages are for users; anything else (a schema's English default) reads as plain words.
    const plain = zh.common.fieldInvalid;
    expect(error.fieldErrors).toEqual({ 'location.address': '请填写详细地址', duplicateOf: plain, cursor: plain, '': plain });
    expect(error.userMessage).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('tells the user how long to wait when a rate limit refuses, from Retry-After whatever its spelling', async () => {
    const { ApiError, call } = await import('../../miniapp/src/api/client');
    const refusal = (header: Record<string, string>) => ({
      statusCode: 429,
      header,
      data: { error: { code: 'RATE_LIMITED', message: 'This account may do this (upload) 60 times per 1 hour(s); try again later' } },
    });
    for (const [header, message] of [
      [{ 'Retry-After': '600' }, '操作太频繁，请 10 分钟后再试'],
      [{ 'retry-after': '45' }, '操作太频繁，请 45 秒后再试'],
      [{ 'retry-after': '30000' }, '操作太频繁，请 9 小时后再试'],
      [{}, '操作太频繁，请稍后再试'],
    ] as const) {
      taro.request.mockResolvedValueOnce(refusal(header));
      const failure = await call('createUpload', { body: { contentType: 'image/png', size: 1000 } }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApiError);
      expect((failure as InstanceType<typeof ApiError>).userMessage).toBe(message);
    }
  });
});
