/**
 * s3rver in a child process (started by `s3rver.ts` with `--openssl-legacy-provider`, which its paginated
 * listings need). Adds S3's conditional writes (`If-None-Match: *`, `If-Match`), which s3rver predates,
 * and forwards S3 event notifications to the parent over IPC.
 */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

interface Ctx {
  method: string;
  path: string;
  query: Record<string, string>;
  get(header: string): string;
  status: number;
  type: string;
  body: unknown;
}
interface Store {
  getMetadata(bucket: string, key: string): Promise<{ etag: string } | undefined>;
  existsObject(bucket: string, key: string): Promise<boolean>;
}

const buckets = (process.env.S3RVER_BUCKETS ?? '').split(',').filter(Boolean);
const directory = await mkdtemp(join(tmpdir(), 's3rver-'));
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name })),
});
const store = (server as unknown as { store: Store }).store;

/** Conditional writes to one key run one at a time, so that check and write are atomic, as in S3. */
const writing = new Map<string, Promise<void>>();

async function serialised(key: string, work: () => Promise<void>): Promise<void> {
  const before = writing.get(key) ?? Promise.resolve();
  const mine = before.then(work, work);
  const tail = mine.catch(() => {});
  writing.set(key, tail);
  try {
    await mine;
  } finally {
    if (writing.get(key) === tail) writing.delete(key);
  }
}

/** Answer 412 when a write's precondition does not hold (checked and written under the key's turn). */
async function conditional(ctx: Ctx, next: () => Promise<void>): Promise<void> {
  const isWrite =
    ctx.method === 'PUT'
      ? ctx.query.partNumber === undefined
      : ctx.method === 'POST' && 'uploadId' in ctx.query;
  const ifNoneMatch = ctx.get('if-none-match');
  const ifMatch = ctx.get('if-match');
  if (!isWrite || !(ifNoneMatch || ifMatch)) return next();
  const [, bucket = '', ...rest] = decodeURIComponent(ctx.path).split('/');
  const key = rest.join('/');
  await serialised(`${bucket}/${key}`, async () => {
    const exists = await store.existsObject(bucket, key);
    const etag = exists ? (await store.getMetadata(bucket, key))?.etag : undefined;
    if ((ifNoneMatch === '*' && exists) || (ifMatch && ifMatch !== etag)) {
      ctx.status = 412;
      ctx.type = 'application/xml';
      ctx.body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>precondition</Message></Error>';
      return;
    }
    await next();
  });
}

(server as unknown as { middleware: unknown[] }).middleware.unshift(conditional);
server.on('event', (event: unknown) => process.send?.({ event }));
const address = (await server.run()) as { port: number };
process.send?.({ port: address.port });
const exit = () => {
  rmSync(directory, { recursive: true, force: true });
  process.exit(0);
};
process.on('disconnect', exit);
process.on('SIGTERM', exit);
