import { describe, expect, it } from 'vitest';
import { requestLogger } from '../../../functions/src/lib/http/request-logger';
import { fakeEvent, fakeRequest, recordingLogger, runBefore } from './fake-request';

describe('request-logger middleware', () => {
  it('gives the request a child logger carrying its request id and route key', async () => {
    const { logger, lines } = recordingLogger();
    const request = await runBefore(requestLogger(logger.child({ service: 'platform' })), fakeRequest(fakeEvent('GET /api/health')));
    request.context.logger!.info('hello');
    expect(lines).toEqual([expect.objectContaining({ message: 'hello', service: 'platform', requestId: 'req-1', route: 'GET /api/health' })]);
  });

  it('makes a new child for every request', async () => {
    const { logger, lines } = recordingLogger();
    const middleware = requestLogger(logger);
    const first = await runBefore(middleware, fakeRequest(fakeEvent('GET /api/health')));
    const second = await runBefore(middleware, fakeRequest(fakeEvent('GET /api/district'), { awsRequestId: 'req-2' }));
    first.context.logger!.info('one');
    second.context.logger!.info('two');
    expect(lines.map(({ requestId, route }) => [requestId, route])).toEqual([
      ['req-1', 'GET /api/health'],
      ['req-2', 'GET /api/district'],
    ]);
  });
});
