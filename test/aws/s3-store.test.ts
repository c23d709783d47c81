import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Store } from '#aws/s3-store.ts';
import { PreconditionFailedError } from '#core/store.ts';
import { type LocalS3, startS3 } from './s3rver.ts';

let s3: LocalS3;
let store: S3Store;
let dir: string;

beforeAll(async () => {
  s3 = await startS3(['lake']);
  store = new S3Store(s3.client, 'lake');
  dir = await mkdtemp(join(tmpdir(), 's3store-'));
});
afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('S3Store against s3rver', () => {
  it('writes, heads, reads and deletes an object', async () => {
    const etag = await store.write('a/b.json', '{"x":1}', { metadata: { submission_id: 'abc' } });
    const info = await store.head('a/b.json');
    expect(info).toMatchObject({ key: 'a/b.json', size: 7, etag, metadata: { submission_id: 'abc' } });
    expect(info?.lastModified).toBeInstanceOf(Date);
    expect((await store.readBytes('a/b.json')).toString()).toBe('{"x":1}');
    await store.delete('a/b.json');
    expect(await store.head('a/b.json')).toBeUndefined();
  });

  it('uploads a multipart file byte for byte and downloads it to a file', async () => {
    const bytes = randomBytes(17 * 1024 * 1024 + 123);
    const src = join(dir, 'big.bin');
    await writeFile(src, bytes);
    await store.upload(src, 'uploads/31.71/skm/2026-Q1/big.bin', {
      metadata: { uploaded_at: '2026-04-01T00:00:00.000Z' },
    });
    expect(await store.head('uploads/31.71/skm/2026-Q1/big.bin')).toMatchObject({
      size: bytes.length,
      metadata: { uploaded_at: '2026-04-01T00:00:00.000Z' },
    });
    const out = join(dir, 'nested', 'copy.bin');
    await store.download('uploads/31.71/skm/2026-Q1/big.bin', out);
    expect((await readFile(out)).equals(bytes)).toBe(true);
  });

  it('lists every object under a prefix across pages, in key order', async () => {
    const keys = Array.from({ length: 1005 }, (_, i) => `many/${String(i).padStart(4, '0')}.txt`);
    for (let i = 0; i < keys.length; i += 100)
      await Promise.all(keys.slice(i, i + 100).map((k) => store.write(k, 'x')));
    await store.write('manyother/x.txt', 'x');
    const listed: string[] = [];
    for await (const o of store.list('many/')) listed.push(o.key);
    expect(listed).toEqual(keys);
  });

  it('honours If-None-Match and If-Match', async () => {
    const first = await store.write('ledger/x.json', 'one', { ifNoneMatch: '*' });
    await expect(store.write('ledger/x.json', 'two', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await expect(store.write('ledger/x.json', 'two', { ifMatch: '"stale"' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await store.write('ledger/x.json', 'three', { ifMatch: first });
    expect((await store.readBytes('ledger/x.json')).toString()).toBe('three');
    const src = join(dir, 'small.txt');
    await writeFile(src, 'file');
    await expect(store.upload(src, 'ledger/x.json', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
  });

  it('rejects unsafe keys before calling S3', async () => {
    await expect(store.head('../etc/passwd')).rejects.toBeInstanceOf(RangeError);
  });
});
