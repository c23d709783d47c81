import { download } from './api.ts';
import { DATASET_LABEL, html, num, OUTCOME_LABEL, type Safe, when } from './html.ts';

/** A submission report as ingest writes it; read defensively, field by field (reports grow). */
export type Report = Record<string, unknown> & { submission_id: string };

/** Fields shown in their own place; any other field is listed under "Rincian lain". */
const SHOWN = new Set([
  'submission_id',
  'status',
  'summary',
  'errors',
  'rows_read',
  'rows_accepted',
  'rows_rejected',
  'samples',
  'dataset',
  'region_code',
  'period',
  'file',
  'uploaded_at',
  'rules',
  'columns',
  'sha256',
  'size_bytes',
  'report_key',
  'curated_key',
  'quarantine_key',
  'max_invalid_share',
  'format',
  'nihil',
  'units',
  'skipped_rows',
  'sheet',
  'superseded_on_arrival_by',
]);

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function samples(r: Report): Safe {
  const rows = list(r.samples) as Record<string, unknown>[];
  if (rows.length === 0) return html``;
  return html`<h2>Sel yang perlu diperbaiki</h2>
    <div class="scroll"><table class="rows" id="cells"><thead><tr><th>Baris</th><th>Kolom</th><th>Nilai</th><th>Masalah</th></tr></thead><tbody>
    ${rows.map((s) => html`<tr><td data-label="Baris" class="num">${text(s.row)}</td><td data-label="Kolom">${text(s.header ?? s.column ?? '(seluruh baris)')}</td><td data-label="Nilai">${text(s.value)}</td><td data-label="Masalah">${text(s.message)}</td></tr>`)}
    </tbody></table></div>`;
}

/** What the report says in its own fields, as an officer reads it: units, a nihil report, skipped rows. */
function known(r: Report): [string, string][] {
  const units = (r.units ?? {}) as Record<string, unknown>;
  const skipped = (r.skipped_rows ?? {}) as Record<string, unknown>;
  const facts: [string, unknown[]][] = [
    ['Unit yang datanya diganti berkas ini', list(units.replaced)],
    ['Unit lain yang datanya tetap', list(units.kept)],
    ['Unit yang tidak diganti (ada unggahan lebih baru)', list(units.superseded)],
    ['Baris ringkasan/tanda tangan yang dilewati (bukan data)', list(skipped.rows)],
  ];
  const single: [string, unknown][] = [
    ['Laporan nihil', r.nihil === true ? 'ya — tidak ada data pada periode ini' : undefined],
    ['Lembar Excel yang dibaca', r.sheet],
    ['Tidak dipakai: sudah ada unggahan lebih baru (id)', r.superseded_on_arrival_by],
  ];
  return [
    ...single
      .filter(([, v]) => typeof v === 'string' && v !== '')
      .map(([k, v]) => [k, String(v)] as [string, string]),
    ...facts.filter(([, v]) => v.length > 0).map(([k, v]) => [k, v.map(text).join(', ')] as [string, string]),
  ];
}

function extras(r: Report): Safe {
  const rest = Object.entries(r).filter(
    ([k, v]) =>
      !SHOWN.has(k) && v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
  const columns = (r.columns ?? {}) as Record<string, unknown>;
  const facts = known(r);
  if (rest.length === 0 && facts.length === 0 && list(columns.unknown).length === 0) return html``;
  return html`<h2>Rincian lain</h2><dl class="facts" id="details">
    ${list(columns.unknown).length ? html`<dt>Kolom tidak dikenal (diabaikan)</dt><dd>${list(columns.unknown).join(', ')}</dd>` : ''}
    ${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}
    ${rest.map(([k, v]) => html`<dt>${k.replaceAll('_', ' ')}</dt><dd>${Array.isArray(v) ? v.map(text).join('; ') : text(v)}</dd>`)}
  </dl>`;
}

/** The report of one upload: outcome, counts, file-level reasons, cells to fix, rejected-row file. */
export function renderReport(target: HTMLElement, r: Report): void {
  const status = String(r.status ?? '');
  const errors = list(r.errors).map(text);
  target.innerHTML = html`<section class="card" id="report" data-status="${status}">
    <p class="outcome"><span class="badge ${status}">${(OUTCOME_LABEL[status] ?? status).toUpperCase()}</span></p>
    <p>${text(r.summary)}</p>
    <dl class="facts">
      <dt>Berkas</dt><dd>${text(r.file)}</dd>
      <dt>Dataset</dt><dd>${DATASET_LABEL[text(r.dataset)] ?? text(r.dataset)}</dd>
      <dt>Wilayah · periode</dt><dd>${text(r.region_code)} · ${text(r.period)}</dd>
      <dt>Diunggah</dt><dd>${when(r.uploaded_at)}</dd>
    </dl>
    <div class="counts">
      <div><strong>${num(r.rows_read)}</strong>baris dibaca</div>
      <div><strong>${num(r.rows_accepted)}</strong>baris diterima</div>
      <div><strong>${num(r.rows_rejected)}</strong>baris ditolak</div>
    </div>
    ${errors.length ? html`<h2>Alasan penolakan</h2><ul class="error">${errors.map((e) => html`<li>${e}</li>`)}</ul>` : ''}
    ${r.quarantine_key ? html`<p><button type="button" class="secondary" id="rejected-rows">Unduh baris yang ditolak</button></p>` : ''}
    ${samples(r)}
    ${extras(r)}
  </section>`.markup;
  target
    .querySelector('#rejected-rows')
    ?.addEventListener('click', () =>
      download(
        `submissions/${r.submission_id}/rejected-rows${r.region_code ? `?region=${encodeURIComponent(text(r.region_code))}` : ''}`,
        `baris-ditolak-${r.submission_id}.csv`,
      ).catch((e) => alert((e as Error).message)),
    );
}
