import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { generateCookieKeyPair } from './cookie-key.ts';

const secrets = new SecretsManagerClient({});

/** What the custom resource answers CloudFormation: the public key only. */
export interface CookieKeyResult {
  PhysicalResourceId: string;
  Data?: { PublicKey: string };
}

/**
 * Deploy-time key generator of the dashboard's signed cookies (a CloudFormation custom resource). Create,
 * and Update (a new `Generation`): a new key pair, its private half written straight into the secret
 * `SecretId`, its public half returned for CloudFront's key group. Delete: nothing (the secret goes with its
 * own resource). The private key never reaches the template, the response or a log.
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<CookieKeyResult> {
  const secretId = String(event.ResourceProperties.SecretId);
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const pair = generateCookieKeyPair();
  await secrets.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: pair.privateKeyPem }));
  return { PhysicalResourceId: secretId, Data: { PublicKey: pair.publicKeyPem } };
}
