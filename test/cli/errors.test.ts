import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStore } from '#core/local-store.ts';
import { COMMANDS } from '../../cli/main.ts';
import { runCli } from '../support/cli.ts';
import { tempLake, writeCurated } from '../warehouse/lake-fixture.ts';

const BIN = fileURLToPath(new URL('../../bin/pantau.js', import.meta.url));
let store: LocalStore;

beforeAll(async () => {
  store = await tempLake();
  await writeCurated(store, 'skm', '2026-Q3', '31.71', [
    { response_id: 'a', unit_id: 'U1', survey_date: '2026-08-01' },
  ]);
});
afterAll(() => rm(store.root, { recursive: true, force: true }));

/** A usage error: exit 2, one line in Bahasa Indonesia that names the help, no engine or Node English. */
function expectUsage(r: { code: number; err: string }, says: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.err.split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/^Salah pemakaian: .* \(lihat: pantau \w+ --help\)$/);
  expect(r.err).toMatch(says);
  expect(r.err).not.toMatch(/ENOENT|Unknown option|does not exist|Error:/);
}

describe('CLI errors: one line in Bahasa Indonesia, usage errors exit 2', () => {
  it('a missing file is named, without ENOENT', async () => {
    expectUsage(
      await runCli('ingest', '/tmp/pantau-tidak-ada.csv', '--lake', store.root),
      /berkas atau folder tidak ditemukan: \/tmp\/pantau-tidak-ada\.csv/,
    );
  });

  it('an unknown flag lists the flags the command has', async () => {
    expectUsage(
      await runCli('evaluate', '--bogus'),
      /opsi tidak dikenal: --bogus; opsi yang ada: --lake, --period/,
    );
    expectUsage(await runCli('dashboard', '--lake'), /opsi --lake perlu nilai/);
  });

  it('a wrong or empty --lake says the folder does not exist', async () => {
    expectUsage(
      await runCli('evaluate', '--lake', '/tmp/pantau-bukan-lake', '--period', '2026-Q3'),
      /folder lake \/tmp\/pantau-bukan-lake tidak ada/,
    );
    expectUsage(await runCli('dashboard', '--lake', ''), /--lake kosong/);
  });

  it('a region name or a period in another form is a usage error with the expected forms', async () => {
    const file = join(store.root, '..', 'skm.csv');
    await writeFile(file, 'ID Responden\n1\n');
    expectUsage(
      await runCli(
        'ingest',
        file,
        '--lake',
        store.root,
        '--dataset',
        'skm',
        '--region',
        'Kota Semarang',
        '--period',
        '2026-Q3',
      ),
      /kode provinsi \(mis\. 33\) atau kabupaten\/kota \(mis\. 33\.74\), bukan nama/,
    );
    expectUsage(
      await runCli('ingest', file, '--lake', store.root, '--region', '33.74', '--period', 'TW IV 2026'),
      /periode tidak valid: "TW IV 2026" \(format YYYY-Qn, mis\. 2026-Q3\)/,
    );
    expectUsage(
      await runCli('ingest', file, '--lake', store.root, '--dataset', 'survei'),
      /--dataset "survei" tidak dikenal: pilih skm, fkp, complaints, units/,
    );
    expectUsage(
      await runCli('transform', '--lake', store.root, '--period', '2026-Q5'),
      /periode tidak valid: "2026-Q5"/,
    );
    expectUsage(
      await runCli('generate', '--out', store.root, '--periods', '2026-Q4..2026-Q1'),
      /triwulan akhir sebelum triwulan awal/,
    );
  });

  it('evaluating a period without curated data is refused, lists the periods there are, writes nothing', async () => {
    expectUsage(
      await runCli('evaluate', '--lake', store.root, '--period', '2025-Q1'),
      /tidak ada data terkurasi untuk periode 2025-Q1; periode yang ada: 2026-Q3/,
    );
    expect(await readdir(store.root)).toEqual(['curated']);
  });

  it('every command’s --help gives the forms of its values and an example', async () => {
    for (const name of COMMANDS) {
      const help = await runCli(name, '--help');
      expect(help.code).toBe(0);
      const lines = help.out.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^pantau ${name}`));
      expect(lines.filter((l) => /^ {2}(--|FILE|"SQL")/.test(l)).length).toBeGreaterThan(0);
      expect(lines.at(-1)).toMatch(new RegExp(`^Contoh: pantau ${name} `));
    }
    const ingest = (await runCli('ingest', '--help')).out;
    for (const form of ['31.71', '2026-Q3', 'skm, fkp, complaints', '- = daftar path dari stdin', 'bawaan'])
      expect(ingest).toContain(form);
  });
});

describe('an unexpected error', () => {
  /** A lake whose mart file is not Parquet: the engine fails in a way no check foresaw. */
  async function brokenLake(): Promise<string> {
    const dir = join(store.root, '..', 'rusak');
    await mkdir(join(dir, 'warehouse', 'service_index_region', 'year=2026', 'quarter=3'), {
      recursive: true,
    });
    await writeFile(
      join(dir, 'warehouse', 'service_index_region', 'year=2026', 'quarter=3', 'data.parquet'),
      'bukan parquet',
    );
    return dir;
  }

  it('exits 1 with its message on one line, and its stack only with --debug', async () => {
    const lake = await brokenLake();
    const plain = spawnSync(process.execPath, [BIN, 'dashboard', '--lake', lake], { encoding: 'utf8' });
    expect(plain.status).toBe(1);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).toMatch(/^Gagal: .+ \(jalankan lagi dengan --debug untuk rinciannya\)$/m);
    expect(plain.stderr).not.toMatch(/\n\s+at |LINE 1/);
    const debug = spawnSync(process.execPath, [BIN, 'dashboard', '--lake', lake, '--debug'], {
      encoding: 'utf8',
    });
    expect(debug.status).toBe(1);
    expect(debug.stderr).toContain('LINE 1');
    expect(debug.stderr.split('\n').length).toBeGreaterThan(2);
  });
});
