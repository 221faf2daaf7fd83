/**
 * Environment the functions read, named once. In AWS the CDK app sets these; locally the start
 * script and the test harness do.
 */
export const ENV_NAMES = {
  tableName: 'TABLE_NAME',
  uploadBucket: 'UPLOAD_BUCKET',
  districtCode: 'DISTRICT_CODE',
  /** AWS: Secrets Manager secret (id or ARN) holding the token-signing key pair. */
  signingKeySecret: 'SIGNING_KEY_SECRET',
  /** Local: folder holding the token-signing key pair (and the pepper, pepper.json). */
  signingKeyDir: 'SIGNING_KEY_DIR',
  /** AWS: Secrets Manager secret (id or ARN) holding the pepper that keys stored hashes (never rotated). */
  pepperSecret: 'PEPPER_SECRET',
  /** AWS: Secrets Manager secret (id or ARN) holding the eco-code signing key (a random string). */
  ecoCodeKeySecret: 'ECO_CODE_KEY_SECRET',
  /** Local: the eco-code signing key itself. */
  ecoCodeKey: 'ECO_CODE_KEY',
  /** Origin of the app (H5) that eco-code URLs point at, e.g. https://greenshield.example.cn */
  appOrigin: 'APP_ORIGIN',
  /**
   * How sign-in codes are sent: the SMS provider and its non-secret settings as JSON
   * (identity/sms-settings.ts); unset means the development sender, which logs codes.
   */
  smsSettings: 'SMS_SETTINGS',
  /** AWS: Secrets Manager secret (id or ARN) holding the SMS provider's access key as JSON. */
  smsCredentialsSecret: 'SMS_CREDENTIALS_SECRET',
  /** Local: the SMS provider's access key as JSON. */
  smsCredentials: 'SMS_CREDENTIALS',
  /** The WeChat mini-program's AppID; unset means WeChat sign-in is off. */
  wechatAppId: 'WECHAT_APP_ID',
  /** AWS: Secrets Manager secret (id or ARN) holding the mini-program's AppSecret. */
  wechatAppSecretSecret: 'WECHAT_APP_SECRET_SECRET',
  /** Local: the mini-program's AppSecret itself. */
  wechatAppSecret: 'WECHAT_APP_SECRET',
  /**
   * AWS, behind CloudFront: the value CloudFront sends in the origin-verify header on every API
   * request; the API refuses requests without it (lib/http/front-door.ts). Unset: no CDN in front.
   */
  originVerifySecret: 'ORIGIN_VERIFY_SECRET',
  logLevel: 'LOG_LEVEL',
  /** Set by Lambda: the function's region (the S3 and Secrets Manager endpoints it signs for). */
  region: 'AWS_REGION',
  /** Local only: endpoints of DynamoDB Local and the local S3. */
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
  s3Endpoint: 'S3_ENDPOINT',
} as const;

export function env(name: keyof typeof ENV_NAMES): string | undefined {
  return process.env[ENV_NAMES[name]] || undefined;
}

export function requiredEnv(name: keyof typeof ENV_NAMES): string {
  const value = env(name);
  if (!value) throw new Error(`Missing environment variable ${ENV_NAMES[name]}`);
  return value;
}
