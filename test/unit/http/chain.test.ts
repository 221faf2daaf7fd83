/**
 * The middlewares composed by createHttpHandler: the order of the checks (a request learns about the
 * first thing wrong with it, the cheapest checks first) and what the operation receives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { createHttpHandler, type HttpHandler, type OperationInput } from '../../../functions/src/lib/http';
import { generateKeyMaterial, toSigningKeys } from '../../../functions/src/lib/signing-keys';
import { issueAccessToken } from '../../../functions/src/lib/tokens';
import { sampleComplaintBody } from '../../../scripts/local/sample-complaint';
import type { RateLimitTable } from '@green-shield/shared/rules/rate-limits';
import { COMPLAINTS_ROUTES } from '@green-shield/shared/api/routes/complaints';
import { fakeEvent, memoryRateCounter, recordingLogger } from './fake-request';

const now = new Date('2026-06-01T08:00:00Z');
const received: Array<OperationInput<never>> = [];
let handler: HttpHandler;
let residentToken: string;
let officerToken: string;
/** Two complaints an hour, so the chain's order around the limit shows. */
const rateLimits: RateLimitTable = {
  version: 'test',
  actions: { complaint: { routes: ['submitComplaint'], why: 'test', limits: { resident: { count: 2, windowSeconds: 3600 } } } },
};
const rateCounter = memoryRateCounter();

beforeAll(async () => {
  const keys = await toSigningKeys(await generateKeyMaterial());
  residentToken = await issueAccessToken({ userId: 'resident-1', roles: ['resident'] }, keys, now);
  officerToken = await issueAccessToken({ userId: 'officer-1', roles: ['street_officer'], streetCode: 'jingansi' }, keys, now);
  const record = async (input: unknown) => {
    received.push(input as OperationInput<never>);
    return { complaint: { id: 'c1' } };
  };
  handler = createHttpHandler(
    COMPLAINTS_ROUTES,
    {
      createUpload: record,
      submitComplaint: record,
      myComplaints: record,
      queue: record,
      queueSummary: record,
      findComplaint: record,
      getComplaint: record,
      transitionComplaint: record,
      rateComplaint: record,
      reopenComplaint: record,
      complaintStatistics: record,
      publicComplaintStatistics: record,
    },
    { clock: { now: () => now }, verificationKeys: async () => keys, rateCounter, rateLimits, logger: recordingLogger().logger },
  );
});

const submit = (headers: Record<string, string>, body = JSON.stringify(sampleComplaintBody())) =>
  handler(fakeEvent('POST /api/complaints', { headers: { 'content-type': 'application/json', ...headers }, body }), { awsRequestId: 'req-9' } as Context);
const codeOf = (response: { body?: string }) => JSON.parse(response.body!).error.code;

describe('the HTTP chain', () => {
  it('checks the caller before the idempotency key, the key before the body, and the body’s syntax before its content', async () => {
    const resident = { authorization: `Bearer ${residentToken}` };
    const key = { 'idempotency-key': 'chain-key-0001' };
    expect(codeOf(await submit({}, '{not json'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await submit({ authorization: `Bearer ${officerToken}` }, '{not json'))).toBe('FORBIDDEN');
    expect(codeOf(await submit(resident, '{not json'))).toBe('MISSING_IDEMPOTENCY_KEY');
    expect(codeOf(await submit({ ...resident, ...key }, '{not json'))).toBe('BAD_JSON');
    expect(codeOf(await submit({ ...resident, ...key }, '{}'))).toBe('VALIDATION_FAILED');
    expect(received).toHaveLength(0);
    expect(rateCounter.asked).toHaveLength(0);
  });

  it('hands the operation its parsed input, caller, key, source IP, request logger and event, and answers with its result', async () => {
    const response = await submit({ authorization: `Bearer ${residentToken}`, 'idempotency-key': 'chain-key-0002' });
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body!)).toEqual({ complaint: { id: 'c1' } });
    const [input] = received.splice(0);
    expect(input).toMatchObject({
      body: { ...sampleComplaintBody(), anonymous: false },
      query: undefined,
      params: undefined,
      principal: { userId: 'resident-1', roles: ['resident'] },
      idempotencyKey: 'chain-key-0002',
      sourceIp: '127.0.0.1',
      event: expect.objectContaining({ routeKey: 'POST /api/complaints' }),
    });
    expect(typeof input.logger.info).toBe('function');
  });

  it('counts only well-formed requests against the rate limit, and refuses one past it before the operation runs', async () => {
    const resident = { authorization: `Bearer ${residentToken}` };
    expect(codeOf(await submit({ ...resident, 'idempotency-key': 'chain-key-0003' }, '{}'))).toBe('VALIDATION_FAILED');
    expect((await submit({ ...resident, 'idempotency-key': 'chain-key-0004' })).statusCode).toBe(201); // the second of two (0002 above)
    received.splice(0);
    const refused = await submit({ ...resident, 'idempotency-key': 'chain-key-0005' });
    expect(refused.statusCode).toBe(429);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.headers?.['retry-after']).toBe('3600'); // at 08:00:00 sharp the whole hour is left
    expect(received).toHaveLength(0);
    // A retry of one let through passes even now.
    expect((await submit({ ...resident, 'idempotency-key': 'chain-key-0004' })).statusCode).toBe(201);
  });
});
