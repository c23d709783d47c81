import { listFiles } from '#ingest/local.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { lakeDir, parse, progress, progressDone, UsageError } from './args.ts';
import { defaultJobs, ingestPool } from './ingest-pool.ts';
import type { Command } from './main.ts';

const LABEL: Record<SubmissionReport['status'], string> = {
  accepted: 'DITERIMA',
  rejected: 'DITOLAK ',
  duplicate: 'DUPLIKAT',
};

export const command: Command = {
  name: 'ingest',
  usage: 'pantau ingest FILE|DIR|-… [--lake DIR] [--dataset D --region R --period P] [--json] [--jobs N]',
  summary: 'Validasi berkas unggahan wilayah dan simpan sebagai Parquet; laporan per berkas.',
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
      },
      true,
    );
    if (positionals.length === 0) throw new UsageError('sebutkan minimal satu berkas atau folder');
    const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs harus bilangan bulat ≥ 1');
    const files = await listFiles(positionals[0] === '-' ? await stdinLines() : positionals).catch(
      (e: Error) => {
        throw new UsageError(e.message);
      },
    );
    const tally = { accepted: 0, rejected: 0, duplicate: 0 };
    await ingestPool(files, {
      lake: lakeDir(values.lake),
      jobs,
      target: { dataset: values.dataset, region: values.region, period: values.period },
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

/** Paths given one per line on standard input (`pantau ingest -`). */
async function stdinLines(): Promise<string[]> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
