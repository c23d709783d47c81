import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset } from '#core/datasets/index.ts';
import { Duck, literal } from '#core/duckdb.ts';
import { JSON_READ_OPTIONS, openJson } from '#ingest/read/json.ts';
import { guardJson } from '#ingest/read/json-guard.ts';
import { sourceRelation } from '#ingest/stage-source.ts';
import { tempDir } from '../support/lake.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Duck;
beforeAll(async () => {
  tmp = await tempDir();
  duck = await Duck.open({ threads: 2 });
});
afterAll(async () => {
  duck.close();
  await tmp.cleanup();
});

const SKM = dataset('skm');
const ndjson = (records: object[]) => records.map((r) => JSON.stringify(r)).join('\n');
const many = (n: number, f: (i: number) => object) => Array.from({ length: n }, (_, i) => f(i));

/**
 * Exports whose keys are the columns as they are: the header is every record's keys in the order first met,
 * and each cell the text of the value (see {@link asWritten}), each a different way.
 */
const EXPORTS: Record<string, string> = {
  // dates in day-month-year and text with quotes, commas, line breaks and non-ASCII letters
  'typed.ndjson': ndjson(
    many(300, (i) => ({
      ID: `R-${i}`,
      Tanggal: `${String((i % 28) + 1).padStart(2, '0')}-07-2026`,
      U1: i % 4,
      Catatan: ['a "b", c', 'baris\nbaru', 'Café Désa', ''][i % 4],
      Skor: i % 3 === 0 ? null : i / 4,
    })),
  ),
  // a key whose values are all lists, one whose values are all objects (a list is no text to `concat`)
  'lists.json': JSON.stringify([
    { ID: 'R-1', Lampiran: ['foto-1.jpg', 'ktp.pdf'], Meta: { sumber: 'kobo' } },
    { ID: 'R-2', Lampiran: [], Meta: { sumber: 'web' } },
  ]),
  // the header cannot come from the converted file's first line: a key spanning lines
  'key-line-break.json': JSON.stringify([{ 'Nama\nUnit': 'A', b: 1 }]),
  // numbers as written, keys that only some records have, a key first met late
  'numbers.ndjson': ndjson([{ a: 1, b: 2.5 }, { a: 1.25, c: -3 }, { b: 1e21, a: 0 }, { d: true }]),
};

/**
 * Exports whose keys cannot be the columns as they are (two the same but for case, a key named like the
 * record number's column): the reader detects the columns, and the conversion must give what the engine's
 * JSON reader itself gives.
 */
const DETECTED: Record<string, string> = {
  // keys that differ between records and by case only
  'keys.json': JSON.stringify([
    { a: 1, ID: 2 },
    { b: 'x', a: 3 },
    { id: 4, c: true },
  ]),
  'key-row.ndjson': ndjson([
    { __row: 7, b: 1 },
    { __ROW_1: 8, b: 2 },
  ]),
  // keys with quotes, commas and spaces, one named like the converted file's second column, and names the
  // scan gives the file's columns
  'key-odd.json': JSON.stringify([
    { 'a,"b"': 1, ' spasi ': 'x', __row_bytes: 2, '': 3, row_no: 4, row_bytes: 5, c0: 6, b: 7 },
  ]),
};

/**
 * What the conversion of an export whose keys are its columns must give, computed here from the text: the
 * keys in the order first met, and every record's values as written (a text without its quote marks, a list
 * or an object as its JSON; an empty text stays empty: the validation cleans it to missing, see
 * json-parquet.test.ts).
 */
function asWritten(name: string, text: string) {
  const records = (
    name.endsWith('.json') ? JSON.parse(text) : text.split('\n').map((line) => JSON.parse(line))
  ) as Record<string, unknown>[];
  const header = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) =>
    v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return { header, rows: records.map((r, i) => [String(i + 1), ...header.map((k) => cell(r[k]))]) };
}

/**
 * The engine's own reading of an export: the keys as DESCRIBE finds them and every record as text (an empty
 * text stays empty: the validation cleans it to missing, see json-parquet.test.ts).
 */
async function engineReading(path: string) {
  const format = path.endsWith('.json') ? 'array' : 'newline_delimited';
  const source = `read_json(${literal(path)}, format = ${literal(format)}, ${JSON_READ_OPTIONS})`;
  const described = await duck.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`);
  const rows = await duck.rows(`SELECT row_number() OVER () AS n, COLUMNS(*)::VARCHAR FROM ${source}`);
  return {
    header: described.map((d) => d.column_name),
    rows: rows.map((r) => Object.values(r)),
  };
}

describe('JSON conversion', () => {
  it.each([
    ...Object.keys(EXPORTS).map((name) => [name, 'every record’s keys, every value as written'] as const),
    ...Object.keys(DETECTED).map((name) => [name, 'the reader’s own'] as const),
  ])('%s: the header and rows the validating scan reads are %s', async (name) => {
    const text = EXPORTS[name] ?? DETECTED[name]!;
    const path = join(tmp.dir, name);
    await writeFile(path, text);
    const src = await openJson(
      path,
      Buffer.from(text.slice(0, 100)),
      SKM,
      duck,
      join(tmp.dir, `${name}.parquet`),
    );
    const expected = name in EXPORTS ? asWritten(name, text) : await engineReading(path);
    expect(src.header).toEqual(expected.header);
    // read as the validating scan reads it: the record number, then one text column per header cell
    const relation = sourceRelation(src);
    const cells = relation.names.slice(0, src.header.length).join(', ');
    const read = await duck.rows(`SELECT __src_row, ${cells} FROM (${relation.sql})`);
    expect(read.map((r) => Object.values(r))).toEqual(expected.rows);
  });

  it('reads a key whose values mix numbers and texts as each value’s text, without quote marks', async () => {
    const path = join(tmp.dir, 'mixed.ndjson');
    await writeFile(
      path,
      ndjson([
        { U1: 4, Usia: '41', Catatan: 'x' },
        { U1: '4', Usia: 30, Catatan: { a: 1 } },
        { U1: 'Sangat sesuai', Usia: null, Catatan: 'y "z"' },
      ]),
    );
    const src = await openJson(path, Buffer.from('{'), SKM, duck, join(tmp.dir, 'mixed.parquet'));
    expect(src.header).toEqual(['U1', 'Usia', 'Catatan']);
    const relation = sourceRelation(src);
    const read = await duck.rows(`SELECT __src_row, c0, c1, c2 FROM (${relation.sql})`);
    expect(read).toEqual([
      { __src_row: '1', c0: '4', c1: '41', c2: 'x' },
      { __src_row: '2', c0: '4', c1: '30', c2: '{"a":1}' },
      { __src_row: '3', c0: 'Sangat sesuai', c1: null, c2: 'y "z"' },
    ]);
  });

  it('reads dates and times as written: no zone offset moved to UTC, no date reordered', async () => {
    // left to itself the engine's reader makes these texts values (`…+07:00` in UTC, `01-07-2026` in ISO)
    const cells = {
      Waktu: ['2026-07-01T05:00:00+07:00', '2026-07-02T23:30:00+07:00'],
      Iso: ['2026-07-01T05:00:00', '2026-07-02T06:00:00'],
      Tanggal: ['01-07-2026', '02-07-2026'],
      TanggalIso: ['2026-07-01', '2026-07-02'],
    };
    const path = join(tmp.dir, 'dates.ndjson');
    await writeFile(
      path,
      ndjson([0, 1].map((i) => Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v[i]])))),
    );
    const src = await openJson(path, Buffer.from('{'), SKM, duck, join(tmp.dir, 'dates.parquet'));
    expect(src.header).toEqual(Object.keys(cells));
    const relation = sourceRelation(src);
    const read = await duck.rows(`SELECT c0, c1, c2, c3 FROM (${relation.sql})`);
    expect(read.map((r) => Object.values(r))).toEqual(
      [0, 1].map((i) => Object.values(cells).map((v) => v[i])),
    );
  });

  it('measures its rows as the CSV it replaces would take them, without the header line', async () => {
    const path = join(tmp.dir, 'size.ndjson');
    // no cell that CSV quotes: the size is the CSV's exactly
    await writeFile(
      path,
      ndjson(many(12_345, (i) => ({ ID: `R-${i}`, U1: i % 4, Kosong: null, Teks: 'Café' }))),
    );
    const src = await openJson(path, Buffer.from('{'), SKM, duck, join(tmp.dir, 'size.parquet'));
    const csv = join(tmp.dir, 'size.csv');
    await duck.run(`COPY (SELECT row_number() OVER () AS __row, COLUMNS(*)::VARCHAR
      FROM read_json(${literal(path)}, records = true)) TO ${literal(csv)} (FORMAT csv, HEADER false)`);
    expect(src.textBytes).toBe((await stat(csv)).size);
  });

  it('reads NDJSON behind a byte-order mark, whatever the engine threads', async () => {
    const path = join(tmp.dir, 'bom.ndjson');
    const text = `\uFEFF${ndjson([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ])}\n`;
    await writeFile(path, text);
    // the engine's multi-thread scan refuses the mark, its one-thread scan skips it
    const engine = await Duck.open({ threads: 1 });
    try {
      for (const e of [duck, engine]) {
        const src = await openJson(
          path,
          Buffer.from(text.slice(0, 20)),
          SKM,
          e,
          join(tmp.dir, 'bom.parquet'),
        );
        expect(src.header).toEqual(['a', 'b']);
        const relation = sourceRelation(src);
        expect(await e.rows(`SELECT __src_row, c0, c1 FROM (${relation.sql})`)).toEqual([
          { __src_row: '1', c0: '1', c1: 'x' },
          { __src_row: '2', c0: '2', c1: 'y' },
        ]);
      }
    } finally {
      engine.close();
    }
  });

  it('rejects an array of plain values with the reader’s reason', async () => {
    const path = join(tmp.dir, 'scalars.json');
    await writeFile(path, '[1, 2, 3]');
    await expect(
      openJson(path, Buffer.from('[1, 2, 3]'), SKM, duck, join(tmp.dir, 'scalars.parquet')),
    ).rejects.toThrow(
      /tidak dapat dibaca sebagai data tabel.*Rincian: Binder Error: json_read expected records/,
    );
  });

  it('reads objects spread over several lines (pretty-printed), one after another', async () => {
    const path = join(tmp.dir, 'pretty.json');
    const records = [
      { ID: 'R-1', U1: 4 },
      { ID: 'R-2', U1: '3' },
    ];
    await writeFile(path, records.map((r) => JSON.stringify(r, null, 2)).join('\n'));
    const src = await openJson(path, Buffer.from('{\n  "ID"'), SKM, duck, join(tmp.dir, 'pretty.parquet'));
    expect(src).toMatchObject({ header: ['ID', 'U1'], description: 'JSON (objek berurutan)' });
    const relation = sourceRelation(src);
    expect(await duck.rows(`SELECT __src_row, c0, c1 FROM (${relation.sql})`)).toEqual([
      { __src_row: '1', c0: 'R-1', c1: '4' },
      { __src_row: '2', c0: 'R-2', c1: '3' },
    ]);
  });

  it.each([
    ['on one line', 0],
    ['pretty-printed', 2],
  ])('refuses one object holding the records in a list (%s), naming the key and what to upload', async (_, indent) => {
    const records = many(3, (i) => ({ 'Kode Unit': `U-${i}`, U1: 4, 'Tanggal Survei': '2026-08-01' }));
    const path = join(tmp.dir, `wrapped-${indent}.json`);
    await writeFile(path, JSON.stringify({ status: 'ok', jumlah: 3, data: records }, null, indent));
    await expect(
      openJson(path, Buffer.from('{"status"'), SKM, duck, join(tmp.dir, 'wrapped.parquet')),
    ).rejects.toThrow(
      'Berkas JSON ini satu objek yang menyimpan 3 baris data di dalam kunci "data". Simpan isi kunci itu saja sebagai array objek',
    );
  });

  it('reads one record of the dataset’s columns with a list of objects beside them as an export of one row', async () => {
    const path = join(tmp.dir, 'one.json');
    const record = {
      'Kode Unit': 'U-1',
      U1: 4,
      'Tanggal Survei': '2026-08-01',
      Lampiran: [{ nama: 'foto.jpg' }],
    };
    await writeFile(path, JSON.stringify(record));
    const src = await openJson(path, Buffer.from('{'), SKM, duck, join(tmp.dir, 'one.parquet'));
    expect(src.header).toEqual(['Kode Unit', 'U1', 'Tanggal Survei', 'Lampiran']);
  });

  it('reads a key first met beyond the reader’s sample of 20,480 records as a column', async () => {
    const path = join(tmp.dir, 'late-key.ndjson');
    await writeFile(path, ndjson(many(21_000, (i) => (i === 20_500 ? { a: i, late: 'x' } : { a: i }))));
    const src = await openJson(path, Buffer.from('{"a"'), SKM, duck, join(tmp.dir, 'late-key.parquet'));
    expect(src.header).toEqual(['a', 'late']);
    const relation = sourceRelation(src);
    expect(await duck.rows(`SELECT __src_row, c0, c1 FROM (${relation.sql}) WHERE c1 IS NOT NULL`)).toEqual([
      { __src_row: '20501', c0: '20500', c1: 'x' },
    ]);
  });

  it('rejects a key beyond the sample, naming it, where the reader detects the columns', async () => {
    // keys the same but for case: the columns come from the reader's sample, which a later key breaks
    const records = many(21_000, (i) => (i === 20_500 ? { a: i, late: 1 } : { a: i, A: i }));
    const path = join(tmp.dir, 'late-key-detected.ndjson');
    await writeFile(path, ndjson(records));
    await expect(
      openJson(path, Buffer.from('{"a"'), SKM, duck, join(tmp.dir, 'late-key-detected.parquet')),
    ).rejects.toThrow(/Rincian: Invalid Input Error: JSON transform error.*"late"/);
  });
});

describe('JSON guard', () => {
  // strings hold braces, brackets, colons, escaped quotes and backslashes that must not count as structure
  const tricky = `[{"a\\"{[": "x\\\\", "b": "\\"}}]]\\\\\\"{", "c": [1, {"d": "]"}]}]`;
  const deep = `[{"s": "\\"[[[["}, ${'['.repeat(70)}${']'.repeat(70)}]`;
  const wide = `[{${Array.from({ length: 513 }, (_, i) => `"k${i}\\"": 1`).join(', ')}}]`;
  const spread = ndjson(many(600, (i) => ({ id: i, [`k${i}`]: 1 })));
  const CUTS = [1, 2, 3, 5, 7, 64, 1 << 20];

  it.each([
    ['deep', deep, /bersarang lebih dari 64 tingkat/],
    ['wide', wide, /lebih dari 512 kolom/],
    ['spread', spread, /lebih dari 512 kunci berbeda/],
  ] as const)('%s: rejected wherever the file is cut into chunks', async (name, text, reason) => {
    const path = join(tmp.dir, `guard-${name}.json`);
    await writeFile(path, text);
    for (const chunk of CUTS) await expect(guardJson(path, chunk)).rejects.toThrow(reason);
  });

  /**
   * What the engine finds as the records' keys (the statement the conversion ran before the guard found
   * them, on one thread as it ran): every record's key list, in the order first met, joined. None where a
   * record is no object, or two keys are the same but for case.
   */
  async function engineKeys(path: string, format: string): Promise<string[] | null> {
    const objects = `read_json_objects(${literal(path)}, format = ${literal(format)})`;
    let lists: { keys: string[]; objects: boolean }[];
    try {
      lists = await duck.withThreads(1, () =>
        duck.rows<{ keys: string[]; objects: boolean }>(
          `SELECT keys, bool_and(json_type(json) = 'OBJECT') AS objects
           FROM (SELECT row_number() OVER () AS n, json, json_keys(json) AS keys FROM ${objects})
           GROUP BY keys ORDER BY min(n)`,
        ),
      );
    } catch {
      return null;
    }
    if (lists.some((l) => !l.objects)) return null;
    const keys = [...new Set(lists.flatMap((l) => l.keys))];
    const folded = new Set(keys.map((k) => k.toLowerCase()));
    return keys.length === 0 || folded.size < keys.length ? null : keys;
  }

  const records = many(50, (i) => ({ ID: `R-${i}`, 'Nama\nUnit': 'x', Ünsur: i % 4, [`late${i >> 4}`]: i }));
  const CASES: [string, string, string][] = [
    ...Object.entries({ ...EXPORTS, ...DETECTED }).map(
      ([name, text]) =>
        [name, text, name.endsWith('.json') ? 'array' : 'newline_delimited'] as [string, string, string],
    ),
    ['tricky', tricky, 'array'],
    [
      'keys in another order, escaped',
      `[{"a": 1, "b": 2}, {"b": 3, "\\u0061": 4, "c\\"": 5}, {"d": {"e": 1}}]`,
      'array',
    ],
    ['records of several shapes', JSON.stringify(records, null, 1), 'array'],
    ['byte-order mark', `\uFEFF${ndjson(records)}\n`, 'newline_delimited'],
    ['pretty-printed objects', records.map((r) => JSON.stringify(r, null, 2)).join('\n'), 'unstructured'],
    [
      'a key longer than a chunk',
      JSON.stringify([{ [`k${'x'.repeat(300)}`]: 1, b: 'y'.repeat(300) }]),
      'array',
    ],
    ['plain values', '[1, 2, "drei"]', 'array'],
    ['lists', '[[1, 2], [3]]', 'array'],
    ['an object among plain values', '[{"a": 1}, 2]', 'array'],
    ['no record', '[]', 'array'],
    ['one wrapping object', '{"status": "ok", "data": [{"a": 1}]}', 'newline_delimited'],
  ];

  it.each(
    CASES,
  )('%s: the keys the engine finds, wherever the file is cut into chunks', async (name, text, format) => {
    const path = join(tmp.dir, `guard-keys-${CASES.findIndex((c) => c[0] === name)}.json`);
    await writeFile(path, text);
    const expected = await engineKeys(path, format);
    for (const chunk of CUTS) expect(await guardJson(path, chunk)).toEqual(expected);
  });
});
