import { resolve } from 'node:path';
import { LocalStore } from '#core/local-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { dueReminders } from '#web/remind.ts';
import { listUsers } from '#web/users.ts';
import { lakeDir, parse, UsageError } from './args.ts';
import { type Command, LAKE_OPTION } from './main.ts';

export const command: Command = {
  name: 'remind',
  usage: 'pantau remind --dry-run [--lake DIR] [--at YYYY-MM-DDTHH:MM] [--json]',
  summary:
    'Tampilkan siapa yang akan menerima e-mail pengingat batas waktu (wilayah yang belum mengirim). E-mail dikirim hanya di AWS (SES).',
  options: [
    ['--dry-run', 'wajib di lokal: hanya tampilkan penerima, tanpa mengirim'],
    LAKE_OPTION,
    ['--at T', 'waktu acuan WIB, YYYY-MM-DD atau YYYY-MM-DDTHH:MM (bawaan: sekarang)'],
    ['--json', 'satu objek JSON per penerima'],
  ],
  example: 'pantau remind --dry-run --at 2026-10-10',
  async run(argv) {
    const { values } = parse(argv, {
      lake: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      at: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    if (!values['dry-run'])
      throw new UsageError('lokal hanya --dry-run: pengiriman e-mail berjalan di AWS (jadwal harian, SES)');
    const now =
      values.at === undefined
        ? new Date()
        : new Date(`${values.at}${values.at.length <= 10 ? 'T09:00' : ''}+07:00`);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--at tidak valid: "${values.at}"`);
    const store = new LocalStore(resolve(lakeDir(values.lake)));
    const officers = (await listUsers(store)).flatMap((u) =>
      u.role === 'officer' && u.region_code ? [{ email: u.email, region_code: u.region_code }] : [],
    );
    const rules = (await loadMethodology()).methodology.submission;
    const reminders = await dueReminders(store, officers, now, rules);
    for (const r of reminders) {
      if (values.json) console.log(JSON.stringify(r));
      else console.log(`Kepada: ${r.to}\nSubjek: ${r.subject}\n${r.body}\n`);
    }
    if (!values.json)
      console.log(
        reminders.length === 0
          ? `Tidak ada pengingat: ${officers.length} petugas; pengingat dikirim ${rules.reminder_days_before} hari sebelum batas waktu.`
          : `${reminders.length} pengingat akan dikirim (uji coba, tidak ada e-mail terkirim).`,
      );
    return 0;
  },
};
