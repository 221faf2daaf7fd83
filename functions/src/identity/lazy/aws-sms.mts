/**
 * AWS End User Messaging SMS (pinpoint-sms-voice-v2 SendTextMessage) from the configured origination
 * identity, with the function's role as credentials. Chosen over SNS Publish: the role can be limited
 * to that one origination identity (SNS's direct-to-phone Publish allows only Resource "*"), the
 * message is sent as TRANSACTIONAL from a named sender, and refusals come with a machine-readable
 * reason. Loaded only when a code is sent (a `lazy/` module).
 */
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { SmsSender } from '../sms';
import { SmsDeliveryError } from '../sms-failure';
import type { AwsSmsSettingsT } from '../sms-settings';

/** Refusals about the destination number, which another number avoids. */
const NUMBER_REASONS = new Set([
  'DESTINATION_PHONE_NUMBER_OPTED_OUT',
  'DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE',
  // A sandboxed account sends only to verified numbers.
  'DESTINATION_PHONE_NUMBER_NOT_VERIFIED',
]);

function failureOf(error: unknown): SmsDeliveryError {
  const { name, Reason, Fields } = (error ?? {}) as { name?: string; Reason?: string; Fields?: Array<{ Name?: string }> };
  const providerCode = Reason ? `${name}:${Reason}` : String(name ?? 'unknown');
  switch (name) {
    case 'ThrottlingException':
      return new SmsDeliveryError('throttled', providerCode, 5);
    case 'ServiceQuotaExceededException':
      // The one per-number quota; the others (monthly spend, account limits) stop every send.
      return Reason === 'DAILY_DESTINATION_CALL_LIMIT'
        ? new SmsDeliveryError('throttled', providerCode, 24 * 60 * 60)
        : new SmsDeliveryError('unavailable', providerCode);
    case 'ConflictException':
      return new SmsDeliveryError(Reason && NUMBER_REASONS.has(Reason) ? 'number_rejected' : 'unavailable', providerCode);
    case 'ValidationException':
      return new SmsDeliveryError(Fields?.some((field) => field.Name === 'DestinationPhoneNumber') ? 'number_rejected' : 'unavailable', providerCode);
    default:
      // AccessDenied, ResourceNotFound (configuration), InternalServer, network: nothing the resident can fix.
      return new SmsDeliveryError('unavailable', providerCode);
  }
}

export function createAwsSmsSender(settings: AwsSmsSettingsT): SmsSender {
  const client = new PinpointSMSVoiceV2Client({
    // SendTextMessage is called in the origination identity's region (arn:partition:sms-voice:REGION:…).
    region: settings.originationIdentityArn.split(':')[3],
    endpoint: settings.endpoint,
    // One retry for a dropped connection or a throttle; a person waits on the answer (the function has 10 s).
    maxAttempts: 2,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 2000, requestTimeout: 5000 }),
  });
  return {
    async sendSignInCode(phone, code) {
      try {
        await client.send(
          new SendTextMessageCommand({
            DestinationPhoneNumber: `+86${phone}`,
            OriginationIdentity: settings.originationIdentityArn,
            MessageBody: settings.messageTemplate.replaceAll('{code}', code),
            MessageType: 'TRANSACTIONAL',
            ConfigurationSetName: settings.configurationSetName,
          }),
        );
      } catch (error) {
        throw failureOf(error);
      }
    },
  };
}
