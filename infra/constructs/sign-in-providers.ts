/**
 * What the stage's sign-in providers need: the SMS provider's settings, its credentials secret where
 * it has one (Aliyun's access key; AWS's own SMS uses the function's role), and the WeChat
 * mini-program's AppID and AppSecret secret. The secrets are made here with a placeholder value the
 * operator replaces (README, Deploy); functions granted `signInProviders` get the settings, the
 * secrets' ARNs and read access to exactly these secrets (and, for AWS SMS, SendTextMessage through
 * the one configured origination identity); functions granted `wechat` (subscribe messages) get the
 * mini-program's AppID and read access to its AppSecret only.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV_NAMES } from '../../functions/src/lib/config';
import { needsCredentialsSecret, type SmsSettingsT } from '../../functions/src/identity/sms-settings';
import { AppSecret } from './app-secret';
import { grantSecret } from './data-grants';

export interface SignInProvidersProps {
  sms: SmsSettingsT;
  wechat?: { appId: string };
  retain: boolean;
}

const THIRD_PARTY_KEY =
  'The value is a credential issued by a third party (rotated in its console, then put here); a Secrets Manager rotation Lambda cannot create one.';

export class SignInProviders extends Construct {
  readonly smsCredentials?: secretsmanager.Secret;
  readonly wechatAppSecret?: secretsmanager.Secret;
  /** The variables the granted functions get. */
  readonly environment: Record<string, string>;
  /** The WeChat mini-program's variables alone, for functions that send subscribe messages (none without a mini-program). */
  readonly wechatEnvironment: Record<string, string> = {};

  constructor(
    scope: Construct,
    id: string,
    private readonly props: SignInProvidersProps,
  ) {
    super(scope, id);
    const { sms, wechat, retain } = props;
    this.environment = { [ENV_NAMES.smsSettings]: JSON.stringify(sms) };
    if (needsCredentialsSecret(sms)) {
      this.smsCredentials = new AppSecret(this, 'SmsCredentials', {
        description: `Green Shield ${sms.provider} SMS access key: replace the placeholder with {"accessKeyId":"…","accessKeySecret":"…"}`,
        retain,
        notRotatedBecause: THIRD_PARTY_KEY,
      }).secret;
      this.environment[ENV_NAMES.smsCredentialsSecret] = this.smsCredentials.secretArn;
    }
    if (wechat) {
      this.wechatAppSecret = new AppSecret(this, 'WechatAppSecret', {
        description: `Green Shield WeChat mini-program ${wechat.appId} AppSecret: replace the placeholder with the AppSecret`,
        retain,
        notRotatedBecause: THIRD_PARTY_KEY,
      }).secret;
      this.wechatEnvironment[ENV_NAMES.wechatAppId] = wechat.appId;
      this.wechatEnvironment[ENV_NAMES.wechatAppSecretSecret] = this.wechatAppSecret.secretArn;
      Object.assign(this.environment, this.wechatEnvironment);
    }
  }

  /** Read access to the WeChat AppSecret alone (subscribe messages need no SMS provider). */
  grantWechatTo(grantee: iam.IGrantable): void {
    if (this.wechatAppSecret) grantSecret(grantee, this.wechatAppSecret, 'read');
  }

  grantTo(grantee: iam.IGrantable): void {
    if (this.smsCredentials) grantSecret(grantee, this.smsCredentials, 'read');
    if (this.wechatAppSecret) grantSecret(grantee, this.wechatAppSecret, 'read');
    const { sms } = this.props;
    if (sms.provider === 'aws') {
      // The configuration set lives beside the origination identity (same partition, region, account).
      const [arn, partition, service, region, account] = sms.originationIdentityArn.split(':');
      const configurationSet = sms.configurationSetName
        ? [`${arn}:${partition}:${service}:${region}:${account}:configuration-set/${sms.configurationSetName}`]
        : [];
      grantee.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources: [sms.originationIdentityArn, ...configurationSet] }),
      );
    }
  }
}
