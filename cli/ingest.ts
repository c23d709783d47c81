import { ingestLocalFiles, listFiles } from '#ingest/local.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { lakeDir, parse, progress, progressDone, UsageError } from './args.ts';
import type { Command } from './main.ts';

const LABEL: Record<SubmissionReport['status'], string> = {
  accepted: 'DITERIMA',
  rejected: 'DITOLAK ',
  duplicate: 'DUPLIKAT',
};

export const command: Command = {
  name: 'ingest',
  usage: 'pantau ingest FILE|DIR… [--lake DIR] [--dataset D --region R --period P] [--json]',
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
      },
      true,
    );
    if (positionals.length === 0) throw new UsageError('sebutkan minimal satu berkas atau folder');
    const files = await listFiles(positionals).catch((e: Error) => {
      throw new UsageError(e.message);
    });
    const tally = { accepted: 0, rejected: 0, duplicate: 0 };
    await ingestLocalFiles(lakeDir(values.lake), files, {
      target: { dataset: values.dataset, region: values.region, period: values.period },
      onReport: (r, i) => {
        tally[r.status]++;
        if (values.json) console.log(JSON.stringify(r));
        else {
          progressDone();
          console.log(
            `${LABEL[r.status]} ${r.region_code ?? '?'} ${r.dataset ?? '?'} ${r.period ?? '?'}  ${r.file}\n         ${r.summary}`,
          );
        }
        progress(
          `[${i + 1}/${files.length}] diterima ${tally.accepted}, ditolak ${tally.rejected}, duplikat ${tally.duplicate}`,
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
