/**
 * WeChat subscribe messages (订阅消息): the sender against a local fake of WeChat's server API (the
 * send API with the access token the sign-in adapter's client caches, a stale token fetched again
 * once, refusals and outages logged rather than thrown), then the whole way through the local system:
 * a resident who signed in through WeChat volunteers, consents to the template, is thanked by the
 * street, and WeChat receives one message (one consent) saying so, in the district's time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTime } from '@green-shield/shared/rules/legal-periods';
import { SUBSCRIBE_TEMPLATES } from '@green-shield/shared/notifications/subscribe-templates';
import { WechatHttpApi } from '../../functions/src/identity/wechat';
import { createLogger } from '../../functions/src/lib/logger';
import { type SubscribeMessage, WechatSubscribeMessageSender } from '../../functions/src/lib/subscribe-messages';
import { WechatServerClient } from '../../functions/src/lib/wechat-server';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeWechat, startFakeWechat } from '../support/fake-wechat';
import { MutableClock } from '../support/clock';
import { DEMO_ACCOUNTS, startTestSystem, type TestSystem } from '../support/system';

let wechat: FakeWechat;
beforeAll(async () => {
  wechat = await startFakeWechat();
});
afterAll(() => wechat?.stop());

const TEMPLATE = SUBSCRIBE_TEMPLATES.cogov_progress;

function senderFor(origin: string, secret = FAKE_APP_SECRET) {
  const logs: string[] = [];
  const client = new WechatServerClient(FAKE_APP_ID, async () => secret, new MutableClock(), origin);
  return {
    sender: new WechatSubscribeMessageSender(
      client,
      createLogger({}, (line) => logs.push(line)),
    ),
    logs,
  };
}

const message = (toOpenId: string): SubscribeMessage => ({
  toOpenId,
  templateId: TEMPLATE.templateId,
  page: TEMPLATE.page,
  data: { thing1: { value: '社区志愿者' }, thing2: { value: '收到街道感谢' }, time3: { value: '2026-03-05 19:20' } },
});

describe('the WeChat subscribe-message sender', () => {
  it('sends each message with the cached access token, fetching a new one once when WeChat says it is stale', async () => {
    const { sender, logs } = senderFor(wechat.url);
    const tokensBefore = wechat.tokenFetches();
    const messagesBefore = wechat.messages().length;
    await Promise.all([sender.send(message('o-openid-0001')), sender.send(message('o-openid-0002'))]);
    expect(wechat.tokenFetches() - tokensBefore).toBe(1);
    expect(wechat.messages().slice(messagesBefore)).toEqual(
      expect.arrayContaining([
        {
          touser: 'o-openid-0001',
          template_id: TEMPLATE.templateId,
          page: TEMPLATE.page,
          data: message('').data,
          miniprogram_state: 'formal',
          lang: 'zh_CN',
        },
        expect.objectContaining({ touser: 'o-openid-0002' }),
      ]),
    );
    // Someone forced a new token elsewhere: the message goes out with a fresh one.
    wechat.expireTokens();
    await sender.send(message('o-openid-0003'));
    expect(wechat.tokenFetches() - tokensBefore).toBe(2);
    expect(wechat.messages().at(-1)).toMatchObject({ touser: 'o-openid-0003' });
    // The log names the recipient by the openid's last characters only.
    expect(logs.filter((line) => line.includes('subscribe message sent'))).toHaveLength(3);
    expect(logs.join('\n')).not.toContain('o-openid-000');
  });

  it('logs a refusal or an outage instead of throwing: the consent is spent, and nothing would be sent again', async () => {
    const { sender, logs } = senderFor(wechat.url);
    wechat.failNext('send', 43101);
    await expect(sender.send(message('o-openid-0004'))).resolves.toBeUndefined();
    const refused = JSON.parse(logs.find((line) => line.includes('refused by WeChat'))!);
    expect(refused).toMatchObject({ level: 'warn', errcode: 43101, to: '…0004', templateId: TEMPLATE.templateId });
    expect(refused.why).toMatch(/no consent left/);

    const unreachable = senderFor('http://127.0.0.1:9');
    await expect(unreachable.sender.send(message('o-openid-0005'))).resolves.toBeUndefined();
    expect(unreachable.logs.join('\n')).toContain('subscribe message not sent: WeChat unavailable');
    // A wrong AppSecret (the placeholder still in the secret) fails the token: logged the same way.
    const misconfigured = senderFor(wechat.url, 'not-the-secret');
    await expect(misconfigured.sender.send(message('o-openid-0006'))).resolves.toBeUndefined();
    expect(misconfigured.logs.join('\n')).toContain('WeChat unavailable');
    expect(wechat.messages().some((sent) => ['o-openid-0004', 'o-openid-0005', 'o-openid-0006'].includes(sent.touser as string))).toBe(false);
  });
});

describe('a co-governance notification as a WeChat subscribe message', () => {
  let t: TestSystem;
  beforeAll(async () => {
    const clock = new MutableClock();
    const client = new WechatServerClient(FAKE_APP_ID, async () => FAKE_APP_SECRET, clock, wechat.url);
    t = await startTestSystem({
      clock,
      wechat: new WechatHttpApi(FAKE_APP_ID, async () => FAKE_APP_SECRET, clock, wechat.url),
      subscribeMessages: new WechatSubscribeMessageSender(
        client,
        createLogger({}, () => undefined),
      ),
    });
  });
  afterAll(() => t?.stop());

  it('reaches a volunteer who signed in through WeChat and consented, once per consent, in the district’s time', async () => {
    const openId = 'o-volunteer-openid-4321';
    const signedIn = await t
      .client()
      .call('POST', '/api/auth/wechat', { loginCode: wechat.issueLoginCode(openId), phoneCode: wechat.issuePhoneCode('13955554321') })
      .expect(200);
    const volunteer = t.client();
    volunteer.token = signedIn.accessToken;
    const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
    const applied = await volunteer
      .call('POST', '/api/volunteer/application', { streetCode: 'jingansi', name: '钱志愿', neighbourhood: '华山路居委', availability: '周末' })
      .expect(201);
    // The approval comes before any consent: the inbox only.
    await officer.call('POST', `/api/volunteers/${applied.userId}/decision`, { decision: 'approve', expectedVersion: applied.version }).expect(200);
    await t.system.streamsCaughtUp();
    const toVolunteer = () => wechat.messages().filter((sent) => sent.touser === openId);
    expect(toVolunteer()).toEqual([]);

    expect(await volunteer.call('POST', '/api/notifications/subscriptions', { templateKeys: ['cogov_progress'] }).expect(200)).toEqual({ recorded: 1 });
    const thankedAt = t.clock.now();
    await officer.call('POST', `/api/volunteers/${applied.userId}/thanks`, { note: '感谢您周末的巡查' }).expect(201);
    await officer.call('POST', `/api/volunteers/${applied.userId}/thanks`, { note: '再次感谢' }).expect(201);
    await t.system.streamsCaughtUp();
    expect(toVolunteer()).toEqual([
      {
        touser: openId,
        template_id: TEMPLATE.templateId,
        page: TEMPLATE.page,
        data: { thing1: { value: '社区志愿者' }, thing2: { value: '收到街道感谢' }, time3: { value: localDateTime(thankedAt, 'Asia/Shanghai') } },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      },
    ]);
    // Both thanks are in the inbox.
    const inbox = await volunteer.call('GET', '/api/notifications').expect(200);
    expect(inbox.items.filter((item: { action: string }) => item.action === 'thanked')).toHaveLength(2);
  });
});
