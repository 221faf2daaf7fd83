import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteId } from '@green-shield/shared/api/routes';
import { validateInput } from '../../../functions/src/lib/http/validate';
import { fakeEvent, fakeRequest, refusal, routed, runBefore } from './fake-request';

const requestFor = (id: RouteId, jsonBody: unknown, overrides: Partial<APIGatewayProxyEventV2> = {}) =>
  fakeRequest(fakeEvent('GET /x', overrides), { ...routed(id), jsonBody });
const COMPLAINT_ID = '01J00000000000000000000000';

describe('validate middleware', () => {
  it('hands on the input parsed (and coerced) by the route’s schemas, undefined where the route has none', async () => {
    const located = await runBefore(
      validateInput(),
      requestFor('locateStreet', undefined, { queryStringParameters: { lat: '31.2', lng: '121.4', coordSystem: 'WGS-84' } }),
    );
    expect(located.context.input).toEqual({ body: undefined, query: { lat: 31.2, lng: 121.4, coordSystem: 'WGS-84' }, params: undefined });
    const rated = await runBefore(validateInput(), requestFor('rateComplaint', { expectedVersion: 3, rating: 5 }, { pathParameters: { id: COMPLAINT_ID } }));
    expect(rated.context.input).toMatchObject({ body: { expectedVersion: 3, rating: 5 }, params: { id: COMPLAINT_ID } });
  });

  it('answers 400 naming every bad field of the body', async () => {
    const error = await refusal(validateInput(), requestFor('provisionOfficer', { phone: '12', name: '', role: 'king', extra: 1 }));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    const fields = error.details!.map((detail) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['body.phone', 'body.role', 'body']));
    expect(error.message).toBe(`Invalid body: ${fields.join(', ')}`);
    expect(error.details!.every((detail) => detail.message.length > 0)).toBe(true);
  });

  it('prefixes query and path fields, and refuses a missing body where one is required', async () => {
    expect((await refusal(validateInput(), requestFor('queue', undefined, { queryStringParameters: { status: 'lost' } }))).details![0].field).toBe(
      'query.status',
    );
    expect((await refusal(validateInput(), requestFor('getComplaint', undefined, { pathParameters: { id: 'not-an-id' } }))).details![0].field).toBe('path.id');
    expect((await refusal(validateInput(), requestFor('createUpload', undefined))).details).toEqual([{ field: 'body', message: expect.any(String) }]);
  });

  it('checks the body first, then the query, then the path', async () => {
    const error = await refusal(validateInput(), requestFor('rateComplaint', { rating: 'bad' }, { pathParameters: { id: 'not-an-id' } }));
    expect(error.details!.every((detail) => detail.field.startsWith('body'))).toBe(true);
  });
});
