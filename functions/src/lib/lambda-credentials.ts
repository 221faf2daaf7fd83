/**
 * Bundled in place of @aws-sdk/credential-provider-node: Lambda hands every function its role's
 * credentials in environment variables, so the full provider chain (SSO, STS, INI files…) is dead
 * weight in a bundle. Local runs are not bundled and keep the full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = () => fromEnv();
