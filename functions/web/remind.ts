import type { Methodology } from '#core/methodology.ts';
import { region as regionOf } from '#core/regions.ts';
import type { ObjectStore } from '#core/store.ts';
import { daysLeft, reportingPeriod, submissionDeadline } from './deadline.ts';
import { periodStatus } from './status.ts';

/** An officer who can be reminded: an e-mail address and their region. */
export interface Officer {
  email: string;
  region_code: string;
}

/** One reminder e-mail, in Bahasa Indonesia. */
export interface Reminder {
  to: string;
  region_code: string;
  period: string;
  deadline: string;
  days_left: number;
  datasets: string[];
  subject: string;
  body: string;
}

const NAMES: Record<string, string> = { skm: 'SKM', fkp: 'FKP', complaints: 'Pengaduan SP4N-LAPOR!' };
const WHEN = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  dateStyle: 'full',
  timeStyle: 'short',
});

/**
 * Who gets a reminder now: when the reporting period's deadline is at most the methodology's
 * `reminder_days_before` days away, every officer whose region has no accepted upload of a dataset yet
 * (missing, or only rejected files) gets one e-mail naming those datasets.
 */
export async function dueReminders(
  store: ObjectStore,
  officers: readonly Officer[],
  now: Date,
  rules: Methodology['submission'],
): Promise<Reminder[]> {
  const period = reportingPeriod(now, rules);
  const deadline = submissionDeadline(period, rules);
  const days = daysLeft(now, deadline, rules);
  if (days < 0 || days > rules.reminder_days_before) return [];
  const out: Reminder[] = [];
  const regions = [...new Set(officers.map((o) => o.region_code))].sort();
  for (const code of regions) {
    const status = await periodStatus(store, period, code, rules);
    const open = status.regions[0]!.datasets.filter((d) => d.status === 'missing' || d.status === 'rejected');
    if (open.length === 0) continue;
    const datasets = open.map((d) => d.dataset);
    const name = regionOf(code)?.name ?? code;
    const when = days === 0 ? 'hari ini' : `${days} hari lagi`;
    for (const officer of officers.filter((o) => o.region_code === code))
      out.push({
        to: officer.email,
        region_code: code,
        period: period.id,
        deadline: deadline.toISOString(),
        days_left: days,
        datasets,
        subject: `Pantau: batas waktu ${period.id} ${when} — ${name}`,
        body: [
          `Yth. petugas ${name} (${code}),`,
          '',
          `Batas waktu pengiriman data periode ${period.id} adalah ${WHEN.format(deadline)} WIB (${when}).`,
          `Data yang belum diterima: ${datasets.map((d) => NAMES[d] ?? d).join(', ')}.`,
          'Silakan masuk ke Pantau dan unggah berkasnya. Abaikan pesan ini bila sudah mengunggah dalam beberapa menit terakhir.',
        ].join('\n'),
      });
  }
  return out;
}
