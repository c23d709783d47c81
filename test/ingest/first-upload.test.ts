import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { firstUploadTime } from '#ingest/first-upload.ts';
import { tempDir, writeUpload } from '../support/lake.ts';

const FOLDER = 'uploads/31.71/complaints/2026-Q3';
const at = (h: number) => new Date(Date.UTC(2026, 9, 5, h));
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let tmp: Awaited<ReturnType<typeof tempDir>>;
let store: LocalStore;
beforeAll(async () => {
  tmp = await tempDir();
  store = new LocalStore(tmp.dir);
  await mkdir(join(tmp.dir, FOLDER, 'lama'), { recursive: true });
  const put = (name: string, body: string, h: number) =>
    writeUpload(join(tmp.dir, FOLDER, name), body, at(h));
  await put('a.csv', 'isi X', 10); // the first upload of X
  await put('b.csv', 'isi Y', 8); // same size, other bytes, earlier
  await put('lama/c.csv', 'isi X', 6); // same bytes, but in a sub-folder: another upload key
  await put('d.csv', 'isi X', 14); // X again
  await put('e.csv', 'isi X', 16); // X once more, later
});
afterAll(() => tmp.cleanup());

describe('the upload time of a file sent twice', () => {
  it('is the first upload of the same bytes in the same folder, whichever copy asks', async () => {
    // not b (same size, other bytes), not lama/c (same bytes, another folder)
    for (const name of ['a.csv', 'd.csv', 'e.csv']) {
      const info = (await store.head(`${FOLDER}/${name}`))!;
      expect(await firstUploadTime(store, info, sha256('isi X')), name).toEqual(at(10));
    }
  });

  it("is the upload's own time when no earlier object has the same bytes", async () => {
    const b = (await store.head(`${FOLDER}/b.csv`))!;
    expect(await firstUploadTime(store, b, sha256('isi Y'))).toEqual(at(8));
  });
});
