import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { handle } from 'hono/aws-lambda';
import { requireEnv } from '#aws/config.ts';
import { S3Store } from '#aws/s3-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { secretPrivateKey } from './cookie-key.ts';
import { dashboardCookies } from './dashboard-cookies.ts';
import { createLambdaApp } from './lambda-app.ts';
import { presignUpload } from './presign.ts';

const env = requireEnv(
  'LAKE_BUCKET',
  'UPLOADS_BUCKET',
  'SITE_ORIGIN',
  'DASHBOARD_KEY_PAIR_ID',
  'DASHBOARD_KEY_SECRET_ARN',
);
const s3 = new S3Client({});
const privateKey = secretPrivateKey(new SecretsManagerClient({}), env.DASHBOARD_KEY_SECRET_ARN);

/** The web API Lambda: reads the lake, presigns uploads, signs the dashboard's CloudFront cookies. */
export const handler = handle(
  createLambdaApp({
    store: new S3Store(s3, env.LAKE_BUCKET),
    uploadTarget: (plan) => presignUpload(s3, env.UPLOADS_BUCKET, plan),
    submission: (await loadMethodology()).methodology.submission,
    dashboardCookies: async (now) =>
      dashboardCookies(
        { keyPairId: env.DASHBOARD_KEY_PAIR_ID, privateKeyPem: await privateKey() },
        env.SITE_ORIGIN,
        now,
      ),
  }),
);
