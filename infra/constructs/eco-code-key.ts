/**
 * The HMAC key that signs eco-codes (`<source id>-<signature>`, shared/src/sources/eco-code.ts): the
 * whole SecretString is the key, a random string Secrets Manager generates at creation, so it never
 * appears in a template. Functions with the `ecoCodeKey: 'read'` grant get its ARN.
 */
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AppSecret } from './app-secret';

export function ecoCodeKey(scope: Construct, id: string, props: { retain: boolean }): secretsmanager.Secret {
  return new AppSecret(scope, id, {
    description: 'Green Shield eco-code signing key (HMAC): signs the codes printed on source posters',
    // Losing the key makes every printed poster's code unverifiable; keep it with the data.
    retain: props.retain,
    // Letters and digits only: the value is used verbatim, never parsed, so nothing needs escaping.
    generateSecretString: { passwordLength: 48, excludePunctuation: true },
    notRotatedBecause:
      'The key signs the eco-codes printed on posters displayed at every registered source. Rotating it would turn every printed code into a forgery (the profile page refuses it) until each poster is reprinted and re-hung, so it is not rotated automatically; replacing it is a deliberate, planned operation (new secret value, reprint campaign).',
  }).secret;
}
