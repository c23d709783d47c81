import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset } from '#core/datasets/index.ts';
import { openXlsx } from '#ingest/read/xlsx.ts';
import { GuardedZip, guardZip } from '#ingest/read/zip-guard.ts';
import { HOSTILE_CASES } from '../fixtures/hostile/index.ts';
import { SKM_HEADER, skmRow } from '../fixtures/hostile/rows.ts';
import { inlineRow, sheetXml, xlsx } from '../fixtures/hostile/zip.ts';
import { tempDir } from '../support/lake.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

const MiB = 1024 * 1024;

/** What reading a workbook gives: the converted CSV's hash and the source's description, or the error. */
async function outcome(path: string, size: number, countFirst: boolean): Promise<string> {
  const out = `${path}.${countFirst ? 'first' : 'deferred'}.csv`;
  try {
    let zip: GuardedZip;
    if (countFirst) {
      // every entry counted before reading (guardZip), then read with nothing left to count
      const entries = await guardZip(path, size);
      zip = await GuardedZip.open(path, size);
      // the same entries, but for what the guard hands the reader (a tally, bytes it inflated whole)
      expect(zip.entries.map(({ tally: _, inflated: __, ...e }) => e)).toEqual(entries);
      for (const e of zip.entries) delete e.tally;
      await zip.settle();
    } else zip = await GuardedZip.open(path, size);
    const src = await openXlsx(path, zip, dataset('skm'), out);
    const csv = createHash('sha256')
      .update(await readFile(out))
      .digest('hex');
    return `${csv} ${src.description} ${JSON.stringify(src.skipped)}`;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** Text that deflates poorly (a fixed pseudo-random sequence), so that a sheet of it is a large entry. */
function noise(count: number): string[] {
  let x = 12345;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x.toString(36);
  });
}

/** A sheet with a header and `rows` SKM rows whose service names are noise: over 1 MiB deflated. */
function largeSheet(rows: number): Buffer {
  const names = noise(rows * 4);
  const body = Array.from({ length: rows }, (_, i) => {
    const cells = skmRow(i);
    cells[2] = names.slice(i * 4, i * 4 + 4).join(' ');
    return inlineRow(i + 2, cells);
  });
  return Buffer.from(sheetXml([inlineRow(1, SKM_HEADER), ...body].join('')));
}

/** A sheet of `unit` repeated to ~1,100 MiB, each MiB opening the root again (a reader sees it once). */
const repeated = (unit: string) => ({
  chunk: Buffer.from(`<worksheet><sheetData>${unit.repeat(MiB / unit.length)}`),
  repeat: 1100,
});

async function write(name: string, bytes: Buffer): Promise<{ path: string; size: number }> {
  const path = join(tmp.dir, name);
  await writeFile(path, bytes);
  return { path, size: bytes.length };
}

describe('zip guard, large parts counted as they are read', () => {
  it('reads and rejects every workbook as counting every part before reading does', async () => {
    const sheet = largeSheet(40_000);
    const good = xlsx(sheet);
    // the sheet's deflated bytes cut in half (both headers say so): reading fails, the guard names the part
    const broken = Buffer.from(good);
    const local = broken.indexOf('xl/worksheets/sheet1.xml') - 30;
    const central = broken.indexOf('xl/worksheets/sheet1.xml', local + 31) - 46;
    const half = Math.floor(broken.readUInt32LE(local + 18) / 2);
    broken.writeUInt32LE(half, local + 18);
    broken.writeUInt32LE(half, central + 20);
    const cases: [string, Buffer, RegExp][] = [
      ['large', good, /^[0-9a-f]{64} Excel/],
      ['large-broken', broken, /bagian xl\/worksheets\/sheet1\.xml rusak atau terpotong/],
      // a sheet declared within the budget that inflates past it: rows read until the sheet's row limit
      ['large-lying', xlsx(repeated('<row r="2"></row>'), undefined, 600 * MiB), /kemungkinan bom zip/],
      ...HOSTILE_CASES.filter((c) => c.file.endsWith('.xlsx') && !c.name.includes('bomb')).map(
        (c): [string, Buffer, RegExp] => [c.name, Buffer.from(c.bytes()), /./],
      ),
    ];
    let owed = 0;
    for (const [name, bytes, expected] of cases) {
      const { path, size } = await write(`${name}.xlsx`, bytes);
      const zip = await GuardedZip.open(path, size).catch(() => undefined);
      owed += zip?.entries.filter((e) => e.tally).length ?? 0;
      const deferred = await outcome(path, size, false);
      expect(deferred, name).toBe(await outcome(path, size, true));
      expect(deferred, name).toMatch(expected);
    }
    expect(owed).toBe(3);
  }, 60_000);

  it('stops reading a part that inflates past the budget, and rejects it', async () => {
    // markup the reader skips (no rows), declared as 600 MiB, inflating to 1,100 MiB
    const bytes = xlsx(repeated('<x/>'), undefined, 600 * MiB);
    const { path, size } = await write('junk.xlsx', bytes);
    const zip = await GuardedZip.open(path, size);
    expect(zip.entries.filter((e) => e.tally).map((e) => e.name)).toEqual(['xl/worksheets/sheet1.xml']);
    await expect(openXlsx(path, zip, dataset('skm'), `${path}.csv`)).rejects.toThrow(/kemungkinan bom zip/);
  }, 60_000);
});

describe('zip guard, parts it inflates whole', () => {
  it('hands them to the reader, which takes them instead of inflating them again', async () => {
    const { path, size } = await write('small.xlsx', xlsx(Buffer.from(sheetXml(inlineRow(1, SKM_HEADER)))));
    const zip = await GuardedZip.open(path, size);
    const sheet = zip.entries.find((e) => e.name.includes('worksheets/'))!;
    expect(sheet.method).toBe(8);
    expect(sheet.inflated?.toString('utf8')).toBe(sheetXml(inlineRow(1, SKM_HEADER)));
    await openXlsx(path, zip, dataset('skm'), join(tmp.dir, 'small.csv')).catch(() => undefined);
    expect(sheet.inflated).toBeUndefined();
  });
});
