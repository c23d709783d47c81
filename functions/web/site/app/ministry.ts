import { api } from './api.ts';
import { dashboardUrl } from './auth.ts';
import { html, statusBadge } from './html.ts';
import { deadlineBanner, recentPeriods, type StatusResponse } from './status.ts';

/**
 * The published national dashboard in a frame (its own page, with its own strict CSP). The API first hands
 * the browser what opens it (on AWS: CloudFront signed cookies for the dashboard path, ministry only).
 */
async function showDashboard(slot: HTMLElement): Promise<void> {
  try {
    await api<void>('dashboard/access', { method: 'POST' });
  } catch (e) {
    slot.innerHTML = html`<p class="error">${(e as Error).message}</p>`.markup;
    return;
  }
  const frame = Object.assign(document.createElement('iframe'), {
    id: 'dashboard-frame',
    className: 'dashboard',
    title: 'Dasbor nasional',
    src: dashboardUrl(),
  });
  slot.replaceChildren(frame);
}

const SHORT: Record<string, string> = { skm: 'SKM', fkp: 'FKP', complaints: 'Pengaduan' };

/** Ministry: the national dashboard and every region's submission status for a period. */
export async function ministryPage(view: HTMLElement, period?: string): Promise<void> {
  const s = await api<StatusResponse>(`status${period ? `?period=${encodeURIComponent(period)}` : ''}`);
  const count = (st: string) =>
    s.regions.reduce((n, r) => n + r.datasets.filter((d) => d.status === st).length, 0);
  view.innerHTML = html`<h1>Kementerian — pemantauan nasional</h1>${deadlineBanner(s.next_deadline)}
    <h2>Dasbor nasional</h2><div id="dashboard"><p class="muted">Memuat dasbor…</p></div>
    <h2>Status pengiriman ${s.period} (${s.regions.length} wilayah)</h2>
    <label>Periode<select id="period">${recentPeriods(s.next_deadline.period).map((p) => html`<option ${p === s.period ? html`selected` : ''}>${p}</option>`)}</select></label>
    <p class="muted">Tepat waktu ${count('on_time')} · terlambat ${count('late')} · ditolak ${count('rejected')} · belum dikirim ${count('missing')}</p>
    <label>Cari wilayah<input id="filter" type="search" placeholder="nama atau kode"></label>
    <div class="scroll tall"><table class="rows" id="regions"><thead><tr><th>Wilayah</th><th>SKM</th><th>FKP</th><th>Pengaduan</th></tr></thead><tbody>
    ${s.regions.map(
      (
        r,
      ) => html`<tr data-code="${r.region_code}" data-name="${r.region_name.toLowerCase()}"><td data-label="Wilayah"><a href="#/wilayah/${r.region_code}">${r.region_code} ${r.region_name}</a></td>
      ${r.datasets.map((d) => html`<td data-label="${SHORT[d.dataset] ?? d.dataset}">${statusBadge(d.status, s.deadline)}</td>`)}</tr>`,
    )}
    </tbody></table></div>`.markup;
  const select = view.querySelector<HTMLSelectElement>('#period')!;
  select.addEventListener('change', () => void ministryPage(view, select.value));
  const filter = view.querySelector<HTMLInputElement>('#filter')!;
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const row of view.querySelectorAll<HTMLElement>('#regions tbody tr'))
      row.hidden = q !== '' && !row.dataset.code!.startsWith(q) && !row.dataset.name!.includes(q);
  });
  await showDashboard(view.querySelector<HTMLElement>('#dashboard')!);
}
