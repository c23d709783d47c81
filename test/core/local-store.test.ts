import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { PreconditionFailedError } from '#core/store.ts';
import { tempDir } from '../support/lake.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let n = 0;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());
const freshStore = () => new LocalStore(join(tmp.dir, `lake-${n++}`));

/** Compare-and-swap a counter object `times` times, retrying on a lost race; resolves when done. */
async function increment(store: LocalStore, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; ) {
    const current = await store.head(key);
    const value = current ? Number((await store.readBytes(key)).toString()) : 0;
    try {
      await store.write(key, String(value + 1), current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
      i++;
    } catch (e) {
      if (!(e instanceof PreconditionFailedError)) throw e;
    }
  }
}

describe('LocalStore', () => {
  it('writes into folders it creates, and returns the etag a head then gives', async () => {
    const store = freshStore();
    const etag = await store.write('a/b/c.json', '{"x":1}');
    expect(await store.head('a/b/c.json')).toMatchObject({ key: 'a/b/c.json', size: 7, etag });
    const src = join(tmp.dir, 'src.bin');
    await writeFile(src, 'bytes');
    const uploaded = await store.upload(src, 'd/e.bin', { metadata: { submission_id: 's1' } });
    expect(await store.head('d/e.bin')).toMatchObject({ etag: uploaded, metadata: { submission_id: 's1' } });
    expect(await store.head('d/missing.bin')).toBeUndefined();
    expect(await store.head('a/b/c.json/under-a-file')).toBeUndefined();
  });

  it('keeps metadata only with the data version it was written for', async () => {
    const store = freshStore();
    await store.write('k.json', 'one', { metadata: { submission_id: 'a' } });
    expect((await store.head('k.json'))?.metadata).toEqual({ submission_id: 'a' });
    await store.write('k.json', 'two, longer');
    expect((await store.head('k.json'))?.metadata).toBeUndefined();
  });

  it('refuses a conditional write whose condition no longer holds, leaving no temporary file', async () => {
    const store = freshStore();
    const first = await store.write('c/x', '1', { ifNoneMatch: '*' });
    await expect(store.write('c/x', '2', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    const second = await store.write('c/x', '3', { ifMatch: first });
    await expect(store.write('c/x', '4', { ifMatch: first })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await store.head('c/x')).toMatchObject({ etag: second });
    expect(await readdir(join(store.root, 'c'))).toEqual(['x']);
  });

  it('lets one of many racing create-only writes win', async () => {
    const store = freshStore();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => store.write('race/once', String(i), { ifNoneMatch: '*' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('breaks a stale lock and waits for a live one', async () => {
    const store = freshStore();
    await store.write('l/x', '0');
    const lockPath = `${store.path('l/x')}.lock`;
    await writeFile(lockPath, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    const etag = await store.write('l/x', '1', { ifMatch: (await store.head('l/x'))!.etag });
    await writeFile(lockPath, '');
    const waiting = store.write('l/x', '2', { ifMatch: etag, metadata: { submission_id: 'b' } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await readFile(store.path('l/x'))).toString()).toBe('1');
    await rm(lockPath);
    await waiting;
    expect((await readFile(store.path('l/x'))).toString()).toBe('2');
  });

  it('downloads into a folder it creates, and rejects a missing key', async () => {
    const store = freshStore();
    await store.write('f/g.txt', 'hello');
    const out = join(tmp.dir, 'downloads', `${n}`, 'g.txt');
    await store.download('f/g.txt', out);
    expect((await readFile(out)).toString()).toBe('hello');
    await expect(store.download('f/none.txt', out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps compare-and-swap exact across processes', async () => {
    const store = freshStore();
    await mkdir(store.root, { recursive: true });
    const script = join(tmp.dir, 'increment.mts');
    const module = new URL('../../functions/core/local-store.ts', import.meta.url).href;
    const storeModule = new URL('../../functions/core/store.ts', import.meta.url).href;
    // the same loop as increment(), for a process of its own
    await writeFile(
      script,
      `import { LocalStore } from ${JSON.stringify(module)};
import { PreconditionFailedError } from ${JSON.stringify(storeModule)};
const store = new LocalStore(process.argv[2]);
for (let i = 0; i < 40; ) {
  const current = await store.head('counter');
  const value = current ? Number((await store.readBytes('counter')).toString()) : 0;
  try {
    await store.write('counter', String(value + 1), current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
    i++;
  } catch (e) {
    if (!(e instanceof PreconditionFailedError)) throw e;
  }
}
`,
    );
    const run = promisify(execFile);
    await Promise.all([
      run(process.execPath, ['--import', 'tsx', script, store.root]),
      run(process.execPath, ['--import', 'tsx', script, store.root]),
      increment(store, 'counter', 40),
    ]);
    expect((await store.readBytes('counter')).toString()).toBe('120');
  });
});
