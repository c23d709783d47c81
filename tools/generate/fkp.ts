import { STAKEHOLDER_COLUMNS } from '#core/datasets/fkp.ts';
import type { Period } from '#core/period.ts';
import { DAY, isWeekend, quarterBounds } from './calendar.ts';
import type { Row } from './cells.ts';
import type { Rng } from './random.ts';
import type { Unit } from './units.ts';

const TOPICS = [
  'Penyederhanaan persyaratan pelayanan',
  'Evaluasi standar pelayanan',
  'Tindak lanjut hasil SKM triwulan lalu',
  'Inovasi pelayanan daring',
  'Maklumat pelayanan dan tarif',
  'Penanganan pengaduan masyarakat',
];

/** A substantive forum: several stakeholder groups, agreements, an RTL, berita acara. */
function substantive(rng: Rng): Row {
  const planned = rng.int(1, 6);
  const row: Row = {
    participants_users: rng.int(10, 60),
    participants_experts: rng.chance(0.7) ? rng.int(1, 5) : 0,
    participants_agencies: rng.int(1, 8),
    participants_cso: rng.chance(0.6) ? rng.int(1, 6) : 0,
    participants_media: rng.chance(0.5) ? rng.int(1, 4) : 0,
    agreements_count: rng.int(1, 8),
    rtl_planned: planned,
    rtl_done: rng.int(0, planned),
    berita_acara: true,
  };
  return row;
}

/** A ceremonial forum (docs/methodology.md): no agreement, or no RTL, or one stakeholder group, or no berita acara. */
function ceremonial(rng: Rng): Row {
  const row = substantive(rng);
  switch (rng.int(0, 3)) {
    case 0:
      row.agreements_count = 0;
      break;
    case 1:
      row.rtl_planned = 0;
      row.rtl_done = 0;
      break;
    case 2:
      for (const c of STAKEHOLDER_COLUMNS) if (c !== 'participants_users') row[c] = 0;
      break;
    default:
      row.berita_acara = false;
  }
  return row;
}

/** The forums a unit held in the quarter (none, one, sometimes two). */
export function fkpRows(rng: Rng, unit: Unit, p: Period, held: boolean, isCeremonial: boolean): Row[] {
  if (!held) return [];
  const { start, end } = quarterBounds(p);
  const n = rng.chance(0.1) ? 2 : 1;
  return Array.from({ length: n }, (_, i) => {
    let day = start + rng.int(0, (end - start) / DAY - 1) * DAY;
    while (isWeekend(day)) day -= DAY;
    if (day < start) day += 3 * DAY;
    return {
      forum_id: `FKP-${unit.id}-${p.year}Q${p.quarter}-${i + 1}`,
      unit_id: unit.id,
      unit_name: unit.name,
      forum_date: day,
      mode: rng.weighted([
        ['luring', 0.6],
        ['daring', 0.2],
        ['hybrid', 0.2],
      ] as const),
      topic: rng.pick(TOPICS),
      ...(isCeremonial ? ceremonial(rng) : substantive(rng)),
      published: rng.chance(0.6),
    };
  });
}

/** Whether a forum row is ceremonial (the rule the truth is computed with). */
export function isCeremonialForum(r: Row, maxGroups: number): boolean {
  const groups = STAKEHOLDER_COLUMNS.filter((c) => (r[c] as number) > 0).length;
  return r.agreements_count === 0 || r.rtl_planned === 0 || groups <= maxGroups || r.berita_acara === false;
}
