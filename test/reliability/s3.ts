import type { Context, S3Event, SQSEvent, SQSRecord } from 'aws-lambda';
import type { S3Store } from '#aws/s3-store.ts';
import { handlerEnv, type LocalS3, startS3 } from '../aws/s3rver.ts';

/** s3rver with `uploads` and `lake` buckets, the environment the ingest handler reads, and both stores. */
export interface S3Rig {
  s3: LocalS3;
  uploads: S3Store;
  lake: S3Store;
}

export async function startS3Rig(): Promise<S3Rig> {
  const s3 = await startS3(['uploads', 'lake']);
  Object.assign(process.env, await handlerEnv(s3));
  const { S3Store: Store } = await import('#aws/s3-store.ts');
  return { s3, uploads: new Store(s3.client, 'uploads'), lake: new Store(s3.client, 'lake') };
}

export const lambdaContext = {
  functionName: 'ingest',
  awsRequestId: 'req-reliability',
  getRemainingTimeInMillis: () => 900_000,
} as unknown as Context;

/** An SQS record carrying the S3 notification of one created object (key URL-encoded as S3 does). */
export function sqsRecordFor(messageId: string, key: string): SQSRecord {
  const event: S3Event = {
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        s3: {
          bucket: { name: 'uploads' },
          object: { key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/') },
        },
      } as S3Event['Records'][number],
    ],
  };
  return {
    messageId,
    receiptHandle: messageId,
    body: JSON.stringify(event),
    attributes: {},
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-3:123456789012:ingest',
    awsRegion: 'ap-southeast-3',
  } as unknown as SQSRecord;
}

export type Handler = (
  e: SQSEvent,
  c: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

/** The ingest handler, imported after the environment is set (it reads it at load). */
export async function loadHandler(): Promise<Handler> {
  return (await import('#ingest/handler.ts')).handler as Handler;
}
