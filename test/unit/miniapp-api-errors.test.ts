import { describe, expect, it, vi } from 'vitest';

// The client reads Taro only when it sends; these checks need none of it.
vi.mock('@tarojs/taro', () => ({ default: {} }));

describe('mini-app API errors', () => {
  it('relates the API’s field paths to form fields and speaks Chinese', async () => {
    const { ApiError } = await import('../../miniapp/src/api/client');
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid body', [
      { field: 'body.location.address', message: 'too short' },
      { field: 'body.duplicateOf', message: 'unknown' },
      { field: 'query.cursor', message: 'bad cursor' },
      { field: 'body', message: 'unknown key' },
    ]);
    expect(error.fieldErrors).toEqual({ 'location.address': 'too short', duplicateOf: 'unknown', cursor: 'bad cursor', '': 'unknown key' });
    expect(error.userMessage).toMatch(/[\u4e00-\u9fa5]/);
  });
});
