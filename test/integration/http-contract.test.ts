import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ROUTES } from '@green-shield/shared/api/routes';
import { startTestSystem, type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import type { ApiClient } from '../support/api-client';

let t: TestSystem;
let resident: ApiClient;

beforeAll(async () => {
  t = await startTestSystem();
  resident = await t.signIn('13955550001');
});
afterAll(() => t?.stop());

const expectError = (body: any, code: string) => {
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
};

describe('the HTTP contract', () => {
  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    expectError(await t.client().call('GET', '/api/nothing-here').expect(404), 'ROUTE_NOT_FOUND');
    const wrongMethod = await t.client().call('DELETE', '/api/complaints/mine');
    expect(wrongMethod.status).toBe(405);
    expectError(wrongMethod.body, 'METHOD_NOT_ALLOWED');
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('names every bad field in a 400', async () => {
    const body = await resident
      .call(
        'POST',
        '/api/complaints',
        {
          category: { type: 'air', subtype: 'spaceships' },
          description: 'x',
          location: { lat: 95, lng: 121, coordSystem: 'BD-09', address: '' },
          streetCode: 'jingansi',
          occurrence: { pattern: 'sometimes' },
          surprise: true,
        },
        { 'idempotency-key': 'validation-key-1' },
      )
      .expect(400);
    expectError(body, 'VALIDATION_FAILED');
    const fields = body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.description', 'body.location.lat', 'body.location.coordSystem', 'body.location.address', 'body.occurrence.pattern']),
    );
    expect(fields.some((f: string) => f === 'body' || f.startsWith('body.surprise') || f === 'body.')).toBe(true);
    const badStreet = await resident
      .call(
        'POST',
        '/api/complaints',
        {
          category: { type: 'air', subtype: 'odour' },
          description: '有很浓的化学品异味。',
          location: { lat: 31.22, lng: 121.44, coordSystem: 'WGS-84', address: '静安区某路' },
          streetCode: 'atlantis',
          occurrence: { pattern: 'always' },
        },
        { 'idempotency-key': 'validation-key-2' },
      )
      .expect(400);
    expect(badStreet.error.details[0].field).toBe('body.streetCode');
    const badId = await resident.call('GET', '/api/complaints/not-an-id').expect(400);
    expect(badId.error.details[0].field).toBe('path.id');
    const badQuery = await (await t.signIn(DEMO_ACCOUNTS.bureau.phone)).call('GET', '/api/queue?status=lost').expect(400);
    expect(badQuery.error.details[0].field).toBe('query.status');
  });

  it('refuses bad JSON, wrong media types and bodies over 1 MB', async () => {
    expectError(await resident.call('POST', '/api/uploads', '{"contentType":', { 'content-type': 'application/json' }).expect(400), 'BAD_JSON');
    expectError(
      await resident.call('POST', '/api/uploads', 'contentType=image/png', { 'content-type': 'application/x-www-form-urlencoded' }).expect(415),
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const huge = JSON.stringify({ contentType: 'image/png', size: 1, padding: 'x'.repeat(1024 * 1024 + 10) });
    expectError(await resident.call('POST', '/api/uploads', huge).expect(413), 'PAYLOAD_TOO_LARGE');
  });

  it('answers CORS preflights for the mini-app', async () => {
    const response = await fetch(`${t.system.url}/api/complaints`, {
      method: 'OPTIONS',
      headers: { origin: 'http://example.test', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
  });

  it('serves an OpenAPI 3.1 document covering every route', async () => {
    const doc = await t.client().call('GET', '/api/openapi.json').expect(200);
    expect(doc.openapi).toBe('3.1.0');
    for (const route of Object.values(ROUTES)) expect(doc.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    const submit = doc.paths['/api/complaints'].post;
    expect(submit.requestBody.content['application/json'].schema.properties.category).toBeDefined();
    expect(submit.parameters.some((p: { name: string }) => p.name === 'Idempotency-Key')).toBe(true);
  });

  it('serves the district configuration', async () => {
    const district = await t.client().call('GET', '/api/district').expect(200);
    expect(district.name).toBe('静安区');
    expect(district.streets).toHaveLength(14);
    expect(district.streets.filter((s: { kind: string }) => s.kind === 'town').map((s: { name: string }) => s.name)).toEqual(['彭浦镇']);
    expect(district.timeLimits).toMatchObject({ acknowledgeWithinDays: 15, closeWithinDays: 60 });
    // No boundaries are configured for Jing'an yet: the nearest street centre is the suggestion.
    const located = await t.client().call('GET', '/api/district/locate?lat=31.2254&lng=121.4407&coordSystem=WGS-84').expect(200);
    expect(located).toEqual({ streetCode: 'jingansi', basis: 'nearest_centre' });
    const faraway = await t.client().call('GET', '/api/district/locate?lat=39.9&lng=116.4&coordSystem=WGS-84').expect(200);
    expect(faraway).toEqual({});
  });
});

describe('uploads', () => {
  it('checks every referenced upload before accepting a complaint, and leaves nothing behind when refusing', async () => {
    const { uploadPhoto, complaintBody } = await import('../support/fixtures');
    const other = await t.signIn('13955550002');
    const othersPhoto = await uploadPhoto(other);
    const textAsImage = await uploadPhoto(resident, Buffer.from('this is not a picture at all'), 'image/png');
    const good = await uploadPhoto(resident);
    const neverUploaded = good.replace(/[^/]+$/, `${ulid()}.png`);
    const body = complaintBody({ photoKeys: [good, othersPhoto, textAsImage, neverUploaded] });
    const refused = await resident.call('POST', '/api/complaints', body, { 'idempotency-key': 'upload-check-1' }).expect(400);
    expectError(refused, 'INVALID_UPLOAD');
    expect(refused.error.details.map((d: { field: string }) => d.field)).toEqual(['body.photoKeys.1', 'body.photoKeys.2', 'body.photoKeys.3']);
    expect((await resident.call('GET', '/api/complaints/mine').expect(200)).items).toHaveLength(0);
    const tooMany = await resident
      .call('POST', '/api/complaints', complaintBody({ photoKeys: Array.from({ length: 7 }, () => good) }), { 'idempotency-key': 'upload-check-2' })
      .expect(400);
    expect(tooMany.error.details[0].field).toBe('body.photoKeys');
    const oversized = await resident.call('POST', '/api/uploads', { contentType: 'image/png', size: 10 * 1024 * 1024 + 1 }).expect(400);
    expect(oversized.error.details[0].field).toBe('body.size');
    await resident.call('POST', '/api/uploads', { contentType: 'application/pdf', size: 100 }).expect(400);
    // The refused attempt wrote nothing under its idempotency key: the same key can now succeed.
    await resident.call('POST', '/api/complaints', complaintBody({ photoKeys: [good] }), { 'idempotency-key': 'upload-check-1' }).expect(201);
  });
});

describe('officer provisioning', () => {
  it('lets an admin provision officers, with a street for street officers', async () => {
    const admin = await t.signIn(DEMO_ACCOUNTS.admin.phone);
    const missingStreet = await admin.call('POST', '/api/admin/officers', { phone: '13866660001', name: '新街道干部', role: 'street_officer' }).expect(400);
    expect(missingStreet.error.details[0].field).toBe('body.streetCode');
    const created = await admin
      .call('POST', '/api/admin/officers', { phone: '13866660001', name: '新街道干部', role: 'street_officer', streetCode: 'beizhan' })
      .expect(201);
    expect(created).toMatchObject({ roles: ['street_officer'], streetCode: 'beizhan', phoneMasked: '138****0001' });
    const officer = await t.signIn('13866660001');
    expect((await officer.call('GET', '/api/me').expect(200)).streetCode).toBe('beizhan');
  });
});
