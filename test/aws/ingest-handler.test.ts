import { readFileSync } from 'node:fs';
import type { Context, S3Event, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Store } from '#aws/s3-store.ts';
import { lake } from '#core/lake.ts';
import type { LedgerEntry } from '#core/ledger.ts';
import { parsePeriod } from '#core/period.ts';
import { handlerEnv, type LocalS3, startS3 } from './s3rver.ts';

const S3_EVENT = JSON.parse(
  readFileSync(new URL('../fixtures/aws/s3-put-event.json', import.meta.url), 'utf8'),
) as S3Event;
const KEY = 'uploads/31.71/skm/2026-Q1/SKM Triwulan I.csv';
const period = parsePeriod('2026-Q1')!;
const header =
  'Kode Unit,Nama Unit,Jenis Layanan,Tanggal Survei,U1,U2,U3,U4,U5,U6,U7,U8,U9,Jenis Kelamin,Umur,Pendidikan,Pekerjaan';
const rows = Array.from(
  { length: 40 },
  (_, i) =>
    `U-01,Dinas Dukcapil,KTP,2026-02-${String((i % 27) + 1).padStart(2, '0')},4,3,3,4,3,4,4,3,${(i % 4) + 1},${i % 2 ? 'L' : 'P'},${20 + i},SMA,Swasta`,
);
const CSV = [header, ...rows].join('\n');

let s3: LocalS3;
let handler: (e: SQSEvent, c: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
let lakeStore: S3Store;

const context = {
  functionName: 'ingest',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 600_000,
} as unknown as Context;
const sqsRecord = (messageId: string, body: unknown): SQSRecord =>
  ({
    messageId,
    receiptHandle: messageId,
    body: JSON.stringify(body),
    attributes: {},
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-3:123456789012:ingest',
    awsRegion: 'ap-southeast-3',
  }) as SQSRecord;
/** The fixture event pointed at the object s3rver holds. */
const eventFor = (key: string): S3Event => {
  const [record] = S3_EVENT.Records;
  return {
    Records: [
      {
        ...record!,
        s3: {
          ...record!.s3,
          object: {
            ...record!.s3.object,
            key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/'),
          },
        },
      },
    ],
  };
};
const ledger = async () => {
  const out: LedgerEntry[] = [];
  for await (const o of lakeStore.list(lake.ledgerPrefix))
    out.push(JSON.parse((await lakeStore.readBytes(o.key)).toString()));
  return out;
};

beforeAll(async () => {
  s3 = await startS3(['uploads', 'lake']);
  Object.assign(process.env, await handlerEnv(s3));
  ({ handler } = await import('../../functions/ingest/handler.ts'));
  const { S3Store: Store } = await import('#aws/s3-store.ts');
  lakeStore = new Store(s3.client, 'lake');
  await new Store(s3.client, 'uploads').write(KEY, CSV);
});
afterAll(() => s3?.stop());

describe('ingest handler: S3 event → SQS batch → lake in s3rver', () => {
  it('ingests the uploaded file and reports a poison record as the only failure', async () => {
    expect(s3.events.some((e) => e.Records[0]?.s3.object.key === KEY)).toBe(true);
    const batch: SQSEvent = {
      Records: [
        sqsRecord('test-event', { Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'uploads' }),
        sqsRecord('good', eventFor(KEY)),
        sqsRecord('poison', eventFor('uploads/31.71/skm/2026-Q1/deleted-before-processing.csv')),
      ],
    };
    const response = await handler(batch, context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'poison' }]);
    expect(await lakeStore.head(lake.curatedKey('skm', period, '31.71'))).toBeDefined();
    const entries = await ledger();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      status: 'accepted',
      region_code: '31.71',
      dataset: 'skm',
      rows_accepted: 40,
      source_key: KEY,
    });
    expect(await lakeStore.head(entries[0]!.report_key)).toBeDefined();
  });

  it('treats a duplicate delivery as a no-op', async () => {
    const curated = await lakeStore.head(lake.curatedKey('skm', period, '31.71'));
    const before = await ledger();
    const response = await handler({ Records: [sqsRecord('again', eventFor(KEY))] }, context);
    expect(response.batchItemFailures).toEqual([]);
    expect(await ledger()).toEqual(before);
    expect((await lakeStore.head(lake.curatedKey('skm', period, '31.71')))?.etag).toBe(curated?.etag);
  });
});
