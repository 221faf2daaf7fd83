/**
 * Local stand-ins for the SMS providers' HTTP APIs, speaking as much of each protocol as its
 * official SDK needs: the adapters under test are the real ones with the SDK pointed here. Each fake
 * answers a success unless the test queues other answers (`answerNext`), in the provider's own shape.
 */
import { type FakeAnswer, type FakeHttp, type FakeRequest, startFakeHttp } from './fake-http';

export interface FakeSmsProvider extends FakeHttp {
  /** The next requests get these answers, in order; then successes again. */
  answerNext(...answers: FakeAnswer[]): void;
  /** What each SendSms / SendTextMessage request asked for. */
  messages(): Array<{ phone: string; text: string; fields: Record<string, unknown> }>;
}

async function fakeProvider(success: (request: FakeRequest) => FakeAnswer, message: FakeSmsProvider['messages']): Promise<FakeSmsProvider> {
  const queued: FakeAnswer[] = [];
  const server = await startFakeHttp((request) => queued.shift() ?? success(request));
  return {
    ...server,
    answerNext: (...answers) => queued.push(...answers),
    messages: () => message(),
  } satisfies FakeSmsProvider;
}

/**
 * Alibaba Cloud SMS, API 2017-05-25, RPC style as @alicloud/openapi-core sends it with an ACS3
 * signature: the action in `x-acs-action`, the parameters in the query, JSON answers. SendSms
 * answers 200 with `Code` "OK" or a business code; the gateway answers 4xx/5xx with `Code` for
 * flow control, credentials and outages.
 */
export async function startFakeAliyunSms(): Promise<FakeSmsProvider> {
  let server: FakeSmsProvider;
  const sendSms = () => server.requests.filter((request) => request.headers['x-acs-action'] === 'SendSms');
  server = await fakeProvider(
    (request) =>
      request.headers['x-acs-action'] === 'SendSms'
        ? { body: { Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0`, RequestId: 'fake-request' } }
        : { status: 404, body: { Code: 'InvalidAction.NotFound', Message: 'Specified api is not found', RequestId: 'fake-request' } },
    () =>
      sendSms().map((request) => {
        const query = Object.fromEntries(request.url.searchParams);
        return { phone: query.PhoneNumbers, text: query.TemplateParam, fields: { ...query, authorization: request.headers.authorization } };
      }),
  );
  return server;
}

/** A business refusal of SendSms (HTTP 200). */
export const aliyunRefusal = (code: string, message: string): FakeAnswer => ({ body: { Code: code, Message: message, RequestId: 'fake-request' } });
/** A refusal by Alibaba Cloud's API gateway, before SendSms runs. */
export const aliyunGatewayError = (status: number, code: string, message: string): FakeAnswer => ({
  status,
  body: { Code: code, Message: message, RequestId: 'fake-request' },
});

/**
 * AWS End User Messaging SMS (pinpoint-sms-voice-v2), AWS JSON 1.0 as the SDK sends it: POST / with
 * `x-amz-target: PinpointSMSVoiceV2.<Operation>`; errors carry their type in `__type`.
 */
export async function startFakeAwsSms(): Promise<FakeSmsProvider> {
  let server: FakeSmsProvider;
  const sends = () => server.requests.filter((request) => request.headers['x-amz-target'] === 'PinpointSMSVoiceV2.SendTextMessage');
  server = await fakeProvider(
    () => ({ headers: { 'content-type': 'application/x-amz-json-1.0' }, body: { MessageId: `fake-${Date.now()}` } }),
    () =>
      sends().map((request) => {
        const fields = JSON.parse(request.body) as Record<string, unknown>;
        return {
          phone: String(fields.DestinationPhoneNumber),
          text: String(fields.MessageBody),
          fields: { ...fields, authorization: request.headers.authorization },
        };
      }),
  );
  return server;
}

/** An AWS error answer, e.g. `awsError(400, 'ThrottlingException')`. */
export const awsError = (status: number, type: string, fields: Record<string, unknown> = {}): FakeAnswer => ({
  status,
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': type },
  body: { __type: type, message: `${type} (fake)`, ...fields },
});
