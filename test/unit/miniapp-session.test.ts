import { beforeEach, describe, expect, it, vi } from 'vitest';

// A stand-in for the Taro runtime: storage in a map, requests answered by the test.
const storage = new Map<string, unknown>();
const taro = {
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => storage.set(key, value),
  removeStorageSync: (key: string) => storage.delete(key),
  reLaunch: vi.fn(),
  request: vi.fn(),
};
vi.mock('@tarojs/taro', () => ({ default: taro }));

const tokens = (accessToken: string, expiresIn: number) => ({
  accessToken,
  expiresIn,
  refreshToken: `refresh-${accessToken}`,
  refreshExpiresIn: 30 * 86_400,
  user: { id: 'u1', roles: ['resident' as const], phoneMasked: '139****0001' },
});

describe('mini-app session refresh', () => {
  beforeEach(async () => {
    storage.clear();
    taro.reLaunch.mockReset();
    taro.request.mockReset();
    vi.resetModules();
  });

  it('refreshes an expired access token before sending the request', async () => {
    const { startSession, getSession } = await import('../../miniapp/src/session');
    const { call } = await import('../../miniapp/src/api/client');
    startSession(tokens('old', 0));
    taro.request.mockResolvedValueOnce({ statusCode: 200, data: tokens('new', 3600) }).mockResolvedValueOnce({ statusCode: 200, data: { id: 'u1' } });
    await call('me');
    expect(taro.request.mock.calls[0][0].url).toContain('/api/auth/refresh');
    expect(taro.request.mock.calls[1][0].header.Authorization).toBe('Bearer new');
    expect(getSession()?.refreshToken).toBe('refresh-new');
  });

  it('keeps the session when the refresh fails on the network (e.g. the page unloads mid-refresh)', async () => {
    const { startSession } = await import('../../miniapp/src/session');
    const { call } = await import('../../miniapp/src/api/client');
    startSession(tokens('old', 0));
    taro.request.mockRejectedValueOnce({ errMsg: 'request:fail abort' });
    await expect(call('me')).rejects.toMatchObject({ code: 'NETWORK' });
    expect(storage.size).toBe(1);
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });

  it('signs out when the server refuses the refresh token', async () => {
    const { startSession } = await import('../../miniapp/src/session');
    const { call } = await import('../../miniapp/src/api/client');
    startSession(tokens('old', 3600));
    taro.request
      .mockResolvedValueOnce({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: 'expired' } } })
      .mockResolvedValueOnce({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: 'Sign in again' } } });
    await expect(call('me')).rejects.toMatchObject({ status: 401 });
    expect(storage.size).toBe(0);
    expect(taro.reLaunch).toHaveBeenCalledOnce();
  });

  it('takes up tokens another page refreshed meanwhile instead of sending its used refresh token again', async () => {
    const { startSession, getSession } = await import('../../miniapp/src/session');
    const { call } = await import('../../miniapp/src/api/client');
    startSession(tokens('old', 0));
    expect(getSession()?.refreshToken).toBe('refresh-old');
    // Another page of the H5 app (same storage) refreshes: storage now holds the successor.
    storage.set('green-shield.session', { ...getSession(), accessToken: 'other-page', expiresAt: Date.now() + 3_600_000, refreshToken: 'refresh-other-page' });
    taro.request.mockResolvedValueOnce({ statusCode: 200, data: { id: 'u1' } });
    await call('me');
    expect(taro.request).toHaveBeenCalledOnce();
    expect(taro.request.mock.calls[0][0].header.Authorization).toBe('Bearer other-page');
  });
});
