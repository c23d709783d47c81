import type { Period } from '#core/period.ts';
import { addWorkingDays, DAY, HOUR, nextWorkingDay, quarterBounds } from './calendar.ts';
import type { Row } from './cells.ts';
import { reporter } from './pii.ts';
import type { Rng } from './random.ts';
import type { Unit } from './units.ts';

const CATEGORIES = [
  'Administrasi Kependudukan',
  'Perizinan',
  'Kesehatan',
  'Pendidikan',
  'Infrastruktur',
  'Pelayanan Publik',
  'Pungutan Liar',
  'Lingkungan Hidup',
];
const CHANNELS = [
  'Website',
  'SMS 1708',
  'Aplikasi Mobile',
  'WhatsApp',
  'Twitter',
  'Surat',
  'Datang Langsung',
];

/** A local office-hours time on the same day. */
const officeTime = (rng: Rng, dayStart: number) => dayStart + 8 * HOUR + rng.int(0, 28_800) * 1000;
const dayOf = (t: number) => t - (t % DAY);

/** Days from receipt to completion, kept off the 60-day edge so "within 60 days" is never a rounding question. */
function completionDays(rng: Rng, handling: number): number {
  const d = handling > 0.5 ? rng.int(4, 45) : rng.int(12, 130);
  return d >= 58 && d <= 62 ? d + 6 : d;
}

/** The timeline of one complaint as of the export time `snapshot` (events after it not yet happened). */
function lifecycle(rng: Rng, unit: Unit, p: Period, snapshot: number): Row {
  const { start, end } = quarterBounds(p);
  const received = start + rng.int(0, (end - start) / 1000 - 1) * 1000;
  const fast = rng.chance(unit.handling);
  const verifyDay = officeTime(
    rng,
    dayOf(nextWorkingDay(addWorkingDays(received, fast ? rng.int(0, 2) : rng.int(2, 8)))),
  );
  const verified = Math.max(verifyDay, received + rng.int(10, 240) * 60_000);
  const admin = rng.weighted([
    [null, 0.89],
    ['bukan_wewenang', 0.05],
    ['diarsipkan', 0.03],
    ['ditunda', 0.03],
  ] as const);
  const followed = officeTime(rng, dayOf(addWorkingDays(verified, fast ? rng.int(1, 4) : rng.int(3, 12))));
  const finishes = rng.chance(0.35 + 0.6 * unit.handling);
  const completed = Math.max(
    followed + HOUR,
    officeTime(rng, dayOf(received + completionDays(rng, unit.handling) * DAY)),
  );
  const at = (t: number, happens = true) => (happens && t <= snapshot ? t : null);
  const row: Row = {
    received_at: received,
    verified_at: at(verified),
    followed_up_at: at(followed, admin === null),
    completed_at: at(completed, admin === null && finishes),
  };
  row.status =
    admin && row.verified_at
      ? admin
      : row.completed_at
        ? 'selesai'
        : row.followed_up_at
          ? 'proses'
          : row.verified_at
            ? 'terverifikasi'
            : 'baru';
  return row;
}

/** Make a timeline impossible the way data entry does: completion typed before receipt, or verification before it. */
function breakTimeline(rng: Rng, row: Row): void {
  const received = row.received_at as number;
  if (rng.chance(0.5)) {
    row.completed_at = received - rng.int(2, 20) * DAY;
    row.followed_up_at = null;
    row.status = 'selesai';
  } else row.verified_at = received - rng.int(1, 10) * DAY;
}

/** A unit's complaints received in the quarter, as exported at `snapshot` (local ms). */
export function complaintRows(
  rng: Rng,
  unit: Unit,
  p: Period,
  count: number,
  snapshot: number,
  impossible: boolean,
  regionDigits: string,
): Row[] {
  const rows = Array.from({ length: count }, () => lifecycle(rng, unit, p, snapshot));
  if (impossible) for (let i = rng.int(1, Math.min(3, count)); i > 0; i--) breakTimeline(rng, rng.pick(rows));
  rows.sort((a, b) => (a.received_at as number) - (b.received_at as number));
  return rows.map((r, i) => ({
    complaint_id: `LPR${regionDigits}${p.year % 100}${p.quarter}${unit.id.replace('-', '')}${String(i + 1).padStart(4, '0')}`,
    unit_id: unit.id,
    unit_name: unit.name,
    ...r,
    classification: rng.weighted([
      ['pengaduan', 0.7],
      ['aspirasi', 0.2],
      ['permintaan_informasi', 0.1],
    ] as const),
    category: rng.pick(CATEGORIES),
    channel: rng.pick(CHANNELS),
    rating: r.status === 'selesai' && rng.chance(0.6) ? rng.int(1, 5) : null,
    ...reporter(rng, regionDigits),
  }));
}
