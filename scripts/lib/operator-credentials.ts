/**
 * The operator's AWS credentials and region for the functions' own Secrets Manager calls. A CLI run
 * against a deployed stack (`npm run admin:create`, `npm run keys:rotate`) builds identity's key
 * stores as the function does, and those sign their requests with what the environment holds, as
 * Lambda sets it (lib/secrets-manager.ts). An operator signs in with a profile or SSO instead: the
 * SDK's credential chain resolves those, once, into the same variables. Nothing is done against
 * DynamoDB Local (its key stores are files) or when the variables are already set.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ENV_NAMES, env } from '../../functions/src/lib/config';

export async function adoptOperatorCredentials(): Promise<void> {
  if (env('dynamodbEndpoint') || process.env.AWS_ACCESS_KEY_ID) return;
  const client = new DynamoDBClient({});
  try {
    const credentials = await client.config.credentials();
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    if (credentials.sessionToken) process.env.AWS_SESSION_TOKEN = credentials.sessionToken;
    process.env[ENV_NAMES.region] ??= await client.config.region();
  } finally {
    client.destroy();
  }
}
