import type { RegionRow, Sla } from '#dashboard/model.ts';
import { data } from './data.ts';
import { count, fmt, percent } from './format.ts';
import { type Html, html } from './html.ts';
import { DATASET_LABEL, STATUS_LABEL } from './labels.ts';
import type { Column } from './table.ts';

/** A component of the service index, the dataset that feeds it and its weight in the methodology. */
export interface Component {
  id: 'ikm' | 'complaint' | 'fkp';
  label: string;
  dataset: 'skm' | 'complaints' | 'fkp';
  score: number | null;
  weight: number | null;
  basis: string;
  /** The dataset was not submitted (or only rejected): shown as a missing submission. */
  missing: string | null;
}

const weights = (): Record<string, number> =>
  (data.methodology.file.index as { weights?: Record<string, number> } | undefined)?.weights ?? {};

/** Whether `missing_components` (v1: component ids; v2: dataset ids) names this component. */
function named(r: RegionRow, id: string, dataset: string): boolean {
  const list = (r.missing_components ?? '').split(',').map((s) => s.trim());
  return list.includes(id) || list.includes(dataset);
}

/** Why a component has no data: the dataset's submission status, as the compliance page says it. */
export function missingReason(r: RegionRow, c: Pick<Component, 'id' | 'dataset' | 'score'>): string | null {
  if (!named(r, c.id, c.dataset) && c.score !== null) return null;
  const status = data.compliance.find((s) => s.region_code === r.code && s.dataset === c.dataset)?.status;
  if (status === 'missing' || status === 'rejected') return STATUS_LABEL[status] ?? status;
  return named(r, c.id, c.dataset) || c.score === null ? 'Tidak ada data diterima' : null;
}

/** The three components of a region with the figures behind each score. */
export function components(r: RegionRow): Component[] {
  const w = weights();
  const list: Omit<Component, 'missing'>[] = [
    {
      id: 'ikm',
      label: 'IKM (SKM)',
      dataset: 'skm',
      score: r.ikm_score,
      weight: w.ikm ?? null,
      basis: `IKM ${fmt(r.ikm_konversi)} · mutu ${r.mutu ?? '—'} · ${count(r.respondents)} responden`,
    },
    {
      id: 'complaint',
      label: 'Pengaduan (LAPOR!)',
      dataset: 'complaints',
      score: r.complaint_score,
      weight: w.complaint ?? null,
      basis: `${count(r.complaints_received)} pengaduan diterima; rincian SLA di bawah`,
    },
    {
      id: 'fkp',
      label: 'Forum Konsultasi Publik',
      dataset: 'fkp',
      score: r.fkp_score,
      weight: w.fkp ?? null,
      basis: `${count(r.fkp_forums)} forum · cakupan unit ${percent(r.fkp_coverage_share)} · RTL terlaksana ${percent(r.fkp_rtl_completion_rate)}`,
    },
  ];
  return list.map((c) => {
    const missing = missingReason(r, c);
    const basis =
      missing && c.score === null
        ? `tidak ada data ${DATASET_LABEL[c.dataset]} yang diterima untuk periode ini`
        : c.basis;
    return { ...c, basis, missing };
  });
}

const missingPill = (reason: string): Html => html`<span class="pill" data-status="missing">${reason}</span>`;

export const componentColumns: Column<Component>[] = [
  { label: 'Komponen', sort: (c) => c.label, cell: (c) => c.label },
  {
    label: 'Skor (0–5)',
    numeric: true,
    sort: (c) => c.score,
    csv: (c) => c.score ?? (c.missing ? 0 : null),
    cell: (c) => (c.missing && c.score === null ? missingPill(c.missing) : fmt(c.score)),
  },
  { label: 'Bobot', numeric: true, sort: (c) => c.weight, cell: (c) => fmt(c.weight) },
  {
    label: 'Dasar perhitungan',
    csv: (c) => (c.missing ? `${c.missing}; ${c.basis}` : c.basis),
    cell: (c) => (c.missing ? html`${missingPill(c.missing)} ${c.basis}` : c.basis),
  },
];

/** One complaint SLA with its met/missed/pending counts. */
export interface SlaRow {
  sla: Sla;
  label: string;
  met: number | null;
  missed: number | null;
  pending: number | null;
  share: number | null;
}

const SLA_LABEL: Record<Sla, string> = {
  verification: 'Verifikasi tepat waktu',
  follow_up: 'Tindak lanjut tepat waktu',
  completion: 'Selesai tepat waktu',
};

export const slaRows = (r: RegionRow): SlaRow[] =>
  (['verification', 'follow_up', 'completion'] as const).map((sla) => ({
    sla,
    label: SLA_LABEL[sla],
    met: r[`${sla}_met`],
    missed: r[`${sla}_missed`],
    pending: r[`${sla}_pending`],
    share: r[`${sla}_share`],
  }));

export const slaColumns: Column<SlaRow>[] = [
  { label: 'SLA', sort: (s) => s.label, cell: (s) => s.label },
  { label: 'Terpenuhi', numeric: true, sort: (s) => s.met, cell: (s) => count(s.met) },
  { label: 'Terlewat', numeric: true, sort: (s) => s.missed, cell: (s) => count(s.missed) },
  {
    label: 'Menunggu',
    numeric: true,
    sort: (s) => s.pending,
    cell: (s) => (s.pending === null ? 'tidak dihitung' : count(s.pending)),
  },
  { label: 'Proporsi', numeric: true, sort: (s) => s.share, cell: (s) => percent(s.share) },
];
