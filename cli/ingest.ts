import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DATASET_IDS, isDatasetId } from '#core/datasets/index.ts';
import { canonicalRegionCode } from '#core/regions.ts';
import { listFiles } from '#ingest/local.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { lakeDir, parse, periodArg, progress, progressDone, UsageError } from './args.ts';
import { defaultJobs, ingestPool, serveWorker } from './ingest-pool.ts';
import { type Command, LAKE_OPTION } from './main.ts';

const LABEL: Record<SubmissionReport['status'], string> = {
  accepted: 'DITERIMA',
  rejected: 'DITOLAK ',
  duplicate: 'DUPLIKAT',
};

export const command: Command = {
  name: 'ingest',
  usage: 'pantau ingest FILE|DIR|-… [--lake DIR] [--dataset D --region R --period P] [--json] [--jobs N]',
  summary: 'Validasi berkas unggahan wilayah dan simpan sebagai Parquet; laporan per berkas.',
  options: [
    [
      'FILE|DIR',
      'berkas CSV/XLSX/JSON atau folder (uploads/{wilayah}/{dataset}/{periode}/…); - = daftar path dari stdin',
    ],
    LAKE_OPTION,
    ['--dataset D', `jenis data: ${DATASET_IDS.join(', ')}`],
    ['--region R', 'kode wilayah Kemendagri: provinsi 31 atau kabupaten/kota 31.71'],
    ['--period P', 'triwulan YYYY-Qn, mis. 2026-Q3'],
    ['--json', 'cetak laporan tiap berkas sebagai satu baris JSON'],
    ['--jobs N', `proses pekerja, bilangan bulat ≥ 1 (bawaan ${defaultJobs()}: satu per inti, maks. 4)`],
  ],
  example: 'pantau ingest skm-2026q3.csv --dataset skm --region 33.74 --period 2026-Q3',
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        lake: { type: 'string' },
        dataset: { type: 'string' },
        region: { type: 'string' },
        period: { type: 'string' },
        json: { type: 'boolean' },
        jobs: { type: 'string' },
        // internal: a worker process of --jobs (not in the help)
        worker: { type: 'boolean' },
      },
      true,
    );
    const target = { dataset: values.dataset, region: values.region, period: values.period };
    if (values.worker) {
      await serveWorker(lakeDir(values.lake), target);
      return 0;
    }
    if (positionals.length === 0)
      throw new UsageError('sebutkan minimal satu berkas atau folder (atau - untuk daftar dari stdin)');
    const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UsageError(`--jobs harus bilangan bulat ≥ 1, bukan "${values.jobs}"`);
    checkTarget(values);
    const files = await listFiles(existing(positionals[0] === '-' ? await stdinLines() : positionals));
    const tally = { accepted: 0, rejected: 0, duplicate: 0 };
    await ingestPool(files, {
      lake: lakeDir(values.lake),
      jobs,
      target,
      onReport: (r, done) => {
        tally[r.status]++;
        if (values.json) console.log(JSON.stringify(r));
        else {
          progressDone();
          console.log(
            `${LABEL[r.status]} ${r.region_code ?? '?'} ${r.dataset ?? '?'} ${r.period ?? '?'}  ${r.file}\n         ${r.summary}`,
          );
        }
        progress(
          `[${done}/${files.length}] diterima ${tally.accepted}, ditolak ${tally.rejected}, duplikat ${tally.duplicate}`,
        );
      },
    });
    progressDone();
    if (!values.json)
      console.error(
        `Selesai: ${files.length} berkas — diterima ${tally.accepted}, ditolak ${tally.rejected}, duplikat ${tally.duplicate}.`,
      );
    return 0;
  },
};

/** `--dataset/--region/--period` given as flags must have their forms: a typo is a usage error. */
function checkTarget(values: { dataset?: string; region?: string; period?: string }): void {
  if (values.region !== undefined && !canonicalRegionCode(values.region))
    throw new UsageError(
      `--region "${values.region}" bukan kode wilayah Kemendagri: tulis kode provinsi (mis. 33) atau kabupaten/kota (mis. 33.74), bukan nama`,
    );
  if (values.dataset !== undefined && !isDatasetId(values.dataset.toLowerCase()))
    throw new UsageError(`--dataset "${values.dataset}" tidak dikenal: pilih ${DATASET_IDS.join(', ')}`);
  if (values.period !== undefined) periodArg(values.period);
}

/** The paths, each checked to exist: a missing one is named in a usage error. */
function existing(paths: string[]): string[] {
  const missing = paths.filter((p) => !existsSync(resolve(p)));
  if (missing.length)
    throw new UsageError(
      `berkas atau folder tidak ditemukan: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` (+${missing.length - 3} lagi)` : ''}; periksa path-nya`,
    );
  return paths;
}

/** Paths given one per line on standard input (`pantau ingest -`). */
async function stdinLines(): Promise<string[]> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
