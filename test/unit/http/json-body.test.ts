import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jsonBody, MAX_BODY_BYTES } from '../../../functions/src/lib/http/json-body';
import { fakeEvent, fakeRequest, refusal, runBefore } from './fake-request';

const JSON_TYPE = { 'content-type': 'application/json' };
const post = (overrides: Partial<APIGatewayProxyEventV2>) => fakeRequest(fakeEvent('POST /api/uploads', overrides));

describe('json-body middleware', () => {
  it('parses a JSON body, plain or base64-encoded, whatever the charset parameter', async () => {
    expect((await runBefore(jsonBody(), post({ body: '{"a":[1,"二"]}', headers: JSON_TYPE }))).context.jsonBody).toEqual({ a: [1, '二'] });
    const encoded = Buffer.from('{"a":1}').toString('base64');
    const request = post({ body: encoded, isBase64Encoded: true, headers: { 'content-type': 'Application/JSON; charset=utf-8' } });
    expect((await runBefore(jsonBody(), request)).context.jsonBody).toEqual({ a: 1 });
  });

  it('leaves the body undefined when none was sent, whatever the content type', async () => {
    expect((await runBefore(jsonBody(), post({}))).context.jsonBody).toBeUndefined();
    expect((await runBefore(jsonBody(), post({ body: '', headers: { 'content-type': 'text/plain' } }))).context.jsonBody).toBeUndefined();
  });

  it('answers 413 for a body over the limit (1 MB by default), counted in bytes', async () => {
    const threeBytesEach = '你'.repeat(4);
    expect(await refusal(jsonBody(10), post({ body: `"${threeBytesEach}"`, headers: JSON_TYPE }))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    const huge = JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) });
    expect((await refusal(jsonBody(), post({ body: huge, headers: JSON_TYPE }))).code).toBe('PAYLOAD_TOO_LARGE');
    expect((await runBefore(jsonBody(), post({ body: JSON.stringify('x'.repeat(MAX_BODY_BYTES - 2)), headers: JSON_TYPE }))).context.jsonBody).toHaveLength(
      MAX_BODY_BYTES - 2,
    );
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    for (const headers of [{}, { 'content-type': 'application/x-www-form-urlencoded' }, { 'content-type': 'text/json' }]) {
      expect(await refusal(jsonBody(), post({ body: '{}', headers })), JSON.stringify(headers)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
    }
  });

  it('answers 400 BAD_JSON for a body that does not parse', async () => {
    expect(await refusal(jsonBody(), post({ body: '{"contentType":', headers: JSON_TYPE }))).toMatchObject({ code: 'BAD_JSON', status: 400 });
  });
});
