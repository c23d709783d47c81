import type { RegionStatus } from '../../status.ts';
import { api } from './api.ts';
import { DATASET_LABEL, html, num, outcomeBadge, type Safe, statusBadge, when } from './html.ts';
import { type Report, renderReport } from './report.ts';

export interface StatusResponse {
  period: string;
  deadline: string;
  regions: RegionStatus[];
  next_deadline: { period: string; deadline: string; days_left: number };
}

/** The four periods up to the one due next, newest first. */
export function recentPeriods(latest: string, n = 4): string[] {
  let [y, q] = latest.split('-Q').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-Q${q}`);
    [y, q] = q === 1 ? [y - 1, 4] : [y, q - 1];
  }
  return out;
}

export function deadlineBanner(next: StatusResponse['next_deadline']): Safe {
  const days = next.days_left;
  const left = days > 0 ? `${num(days)} hari lagi` : days === 0 ? 'hari ini' : 'sudah lewat';
  return html`<p class="card deadline" id="next-deadline">Batas waktu periode ${next.period}: ${when(next.deadline)} — ${left}.</p>`;
}

function periodTable(s: StatusResponse): Safe {
  const r = s.regions[0];
  return html`<h2>Periode ${s.period}</h2><div class="scroll"><table class="rows" data-period="${s.period}">
    <thead><tr><th>Dataset</th><th>Batas waktu</th><th>Status</th><th>Dikirim</th><th>Berkas</th></tr></thead><tbody>
    ${(r?.datasets ?? []).map(
      (
        d,
      ) => html`<tr data-dataset="${d.dataset}"><td data-label="Dataset">${DATASET_LABEL[d.dataset] ?? d.dataset}</td>
      <td data-label="Batas waktu">${when(s.deadline)}</td><td data-label="Status">${statusBadge(d.status, s.deadline)}</td>
      <td data-label="Dikirim">${when(d.submitted_at)}</td><td data-label="Berkas" class="num">${num(d.submissions)} (${num(d.rejected_submissions)} ditolak)</td></tr>`,
    )}
    </tbody></table></div>`;
}

function history(rows: Report[]): Safe {
  if (rows.length === 0) return html`<p class="muted">Belum ada berkas yang diunggah.</p>`;
  return html`<div class="scroll"><table class="rows" id="history"><thead><tr><th>Diunggah</th><th>Periode</th><th>Dataset</th><th>Berkas</th><th>Hasil</th><th>Baris diterima/ditolak</th></tr></thead><tbody>
    ${rows.map(
      (
        r,
      ) => html`<tr><td data-label="Diunggah">${when(r.uploaded_at)}</td><td data-label="Periode">${String(r.period ?? '')}</td>
      <td data-label="Dataset">${String(r.dataset ?? '')}</td><td data-label="Berkas"><a href="#/laporan/${r.submission_id}/${String(r.region_code ?? '')}">${String(r.file ?? '')}</a></td>
      <td data-label="Hasil">${outcomeBadge(String(r.status))}</td><td data-label="Baris" class="num">${num(r.rows_accepted)} / ${num(r.rows_rejected)}</td></tr>`,
    )}
    </tbody></table></div>`;
}

/** A region's status page: next deadline, the last four periods' datasets, and every upload's report. */
export async function statusPage(view: HTMLElement, region: string | null, title: string): Promise<void> {
  const q = region ? `&region=${encodeURIComponent(region)}` : '';
  const first = await api<StatusResponse>(`status?${q.slice(1)}`);
  const periods = recentPeriods(first.next_deadline.period);
  const all = await Promise.all(periods.map((p) => api<StatusResponse>(`status?period=${p}${q}`)));
  const { submissions } = await api<{ submissions: Report[] }>(`submissions?${q.slice(1)}`);
  view.innerHTML = html`<h1>${title}</h1>${deadlineBanner(first.next_deadline)}
    ${all.map(periodTable)}<h2>Riwayat pengiriman</h2>${history(submissions)}`.markup;
}

/**
 * One submission's report page. `region` (the folder the link came from) only helps find a report filed
 * before the submission index; the API authorises by where the report is filed, never by it.
 */
export async function reportPage(view: HTMLElement, id: string, region?: string): Promise<void> {
  const q = region ? `?region=${encodeURIComponent(region)}` : '';
  const report = await api<Report>(`submissions/${encodeURIComponent(id)}${q}`);
  view.innerHTML = html`<h1>Laporan pengiriman</h1><div id="outcome"></div>`.markup;
  renderReport(view.querySelector<HTMLElement>('#outcome')!, report);
}
