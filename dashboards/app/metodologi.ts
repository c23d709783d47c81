import { data } from './data.ts';
import { fmt } from './format.ts';
import { type Html, html, mount, raw } from './html.ts';
import { CATEGORY_COLOR, categoryInk, FLAG_LABEL, label } from './labels.ts';
import { type Column, Table } from './table.ts';

/** What a parameter of the methodology file means, by its path (unknown paths show as themselves). */
const PARAM: Record<string, string> = {
  'ikm.weight_rule': 'Aturan bobot unsur SKM (exact = 1/9)',
  'ikm.printed_weight': 'Bobot unsur tercetak di PermenPANRB 14/2017',
  'ikm.konversi_factor': 'Faktor konversi IKM (1–4 → 25–100)',
  'complaints.verify_working_days': 'Batas verifikasi pengaduan (hari kerja sejak diterima)',
  'complaints.follow_up_working_days': 'Batas tindak lanjut (hari kerja sejak verifikasi)',
  'complaints.complete_days': 'Batas penyelesaian (hari kalender sejak diterima)',
  'complaints.weights.verified': 'Bobot SLA verifikasi dalam skor pengaduan',
  'complaints.weights.followed_up': 'Bobot SLA tindak lanjut dalam skor pengaduan',
  'complaints.weights.completed': 'Bobot SLA penyelesaian dalam skor pengaduan',
  'fkp.weights.coverage': 'Bobot cakupan unit dalam skor FKP',
  'fkp.weights.stakeholders': 'Bobot kelompok pemangku kepentingan dalam skor FKP',
  'fkp.weights.rtl': 'Bobot penyelesaian RTL dalam skor FKP',
  'fkp.stakeholder_groups': 'Jumlah kelompok pemangku kepentingan',
  'index.weights.ikm': 'Bobot komponen IKM dalam indeks',
  'index.weights.complaint': 'Bobot komponen pengaduan dalam indeks',
  'index.weights.fkp': 'Bobot komponen FKP dalam indeks',
  'index.ikm_divisor': 'Pembagi IKM konversi menjadi skor 0–5',
  'ranking.min_respondents': 'Responden SKM minimum agar diperingkat',
  'submission.deadline_days_after_quarter': 'Batas kirim (hari setelah akhir triwulan, pukul 23.59 WIB)',
  'submission.timezone_offset_hours': 'Zona waktu batas kirim (jam dari UTC; 7 = WIB)',
  'submission.max_invalid_share': 'Proporsi baris tidak sah maksimum agar berkas diterima',
};

type Param = [path: string, value: string];

/** Every scalar of the file as `path = value` (arrays of bands and grades are shown as their own tables). */
function flatten(value: unknown, path: string, out: Param[]): Param[] {
  if (Array.isArray(value)) return out;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else if (path !== 'version' && path !== 'description' && !path.startsWith('integrity.'))
    out.push([path, typeof value === 'number' ? fmt(value, value % 1 ? 3 : 0) : String(value)]);
  return out;
}

const params: Column<Param>[] = [
  {
    label: 'Parameter',
    sort: (p) => PARAM[p[0]] ?? p[0],
    cell: (p) => html`${PARAM[p[0]] ?? p[0]}<br><small class="muted">${p[0]}</small>`,
  },
  { label: 'Nilai', numeric: true, sort: (p) => p[1], cell: (p) => p[1] },
];

type Band = (typeof data.methodology.bands)[number];
const bands: Column<Band>[] = [
  {
    label: 'Kategori',
    sort: (b) => b.category,
    cell: (b) =>
      html`<span class="badge" style="background:${CATEGORY_COLOR[b.category] ?? '#bdbdbd'};color:${categoryInk(b.category)}">${b.category}</span>`,
  },
  { label: 'Nama', sort: (b) => b.label, cell: (b) => b.label },
  { label: 'Indeks dari', numeric: true, sort: (b) => b.min, cell: (b) => fmt(b.min) },
  { label: 'sampai', numeric: true, sort: (b) => b.max, cell: (b) => fmt(b.max) },
];

type FlagParam = [flag: string, settings: string];
const flags: Column<FlagParam>[] = [
  {
    label: 'Sinyal',
    sort: (f) => f[0],
    csv: (f) => f[0],
    cell: (f) => html`${label(FLAG_LABEL, f[0])}<br><small class="muted">${f[0]}</small>`,
  },
  { label: 'Ambang', sort: (f) => f[1], cell: (f) => f[1] || 'tanpa ambang (setiap kejadian)' },
];

function flagParams(): FlagParam[] {
  const integrity = (data.methodology.file.integrity ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(integrity).map(([flag, settings]) => [
    flag,
    Object.entries(settings ?? {})
      .map(([k, v]) => `${k} = ${typeof v === 'number' ? fmt(v, v % 1 ? 3 : 0) : String(v)}`)
      .join('; '),
  ]);
}

function downloads(): Html {
  const s = data.snapshot;
  if (!s)
    return html`<p>Periode ${data.period} belum punya snapshot peringkat (jalankan pantau evaluate).</p>`;
  return html`<p>Snapshot <code>${s.run_id}</code> (metodologi ${s.methodology_version}): tabel yang diterbitkan, persis seperti disimpan.</p>
    <ul class="downloads">${s.downloads.map((d) => html`<li><a href="${d.href}" download>${d.name}</a></li>`)}</ul>`;
}

/** Metodologi: every parameter of the methodology file in force, the bands, the flag thresholds, downloads. */
export function renderMetodologi(host: Element, section?: string): void {
  const m = data.methodology;
  mount(
    host,
    html`<h2>Metodologi ${m.version}</h2>
    <p class="muted">${String(m.file.description ?? '')}</p>
    <section class="panel"><h3>Kategori indeks</h3><div id="method-bands"></div></section>
    <section class="panel"><h3>Parameter</h3><div id="method-params"></div></section>
    <section class="panel" id="sinyal"><h3>Sinyal integritas: definisi dan ambang</h3><div id="method-flags"></div></section>
    <section class="panel" id="unduh"><h3>Unduhan snapshot</h3>${downloads()}</section>
    ${
      m.document
        ? html`<section class="panel"><details id="dokumen"><summary>Rumus, sumber, dan status setiap aturan (docs/methodology.md, bahasa Inggris)</summary><div class="doc">${raw(m.document)}</div></details></section>`
        : ''
    }`,
  );
  const table = <T>(id: string, columns: Column<T>[], rows: T[], file: string, name: string) =>
    new Table<T>(host.querySelector(id)!, { columns, label: name, empty: '—', file }).show(rows);
  table('#method-bands', bands, m.bands, `metodologi-${m.version}-kategori.csv`, 'Kategori indeks');
  table(
    '#method-params',
    params,
    flatten(m.file, '', []),
    `metodologi-${m.version}-parameter.csv`,
    'Parameter',
  );
  table('#method-flags', flags, flagParams(), `metodologi-${m.version}-sinyal.csv`, 'Sinyal integritas');
  if (section) host.querySelector(`#${CSS.escape(section)}`)?.scrollIntoView();
}
