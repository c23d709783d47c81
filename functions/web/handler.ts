import { S3Client } from '@aws-sdk/client-s3';
import { handle } from 'hono/aws-lambda';
import { requireEnv } from '#aws/config.ts';
import { S3Store } from '#aws/s3-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { createLambdaApp } from './lambda-app.ts';
import { presignUpload } from './presign.ts';

const env = requireEnv('LAKE_BUCKET', 'UPLOADS_BUCKET');
const s3 = new S3Client({});

/** The web API Lambda: reads the lake, presigns uploads into the uploads bucket. */
export const handler = handle(
  createLambdaApp({
    store: new S3Store(s3, env.LAKE_BUCKET),
    uploadTarget: (plan) => presignUpload(s3, env.UPLOADS_BUCKET, plan),
    submission: loadMethodology().methodology.submission,
  }),
);
