import { destroyCharts } from './charts.ts';
import { data } from './data.ts';
import { dateTime } from './format.ts';
import { type Html, html, mount } from './html.ts';
import { renderIntegritas } from './integritas.ts';
import { renderKepatuhan } from './kepatuhan.ts';
import { renderMetodologi } from './metodologi.ts';
import { renderNasional } from './nasional.ts';
import { renderProvinsi } from './provinsi.ts';
import { renderWilayah } from './wilayah.ts';

interface Route {
  title: string;
  render: (host: Element, arg?: string) => void;
  /** Listed in the navigation (a region page is reached from links). */
  nav: boolean;
}

const ROUTES: Record<string, Route> = {
  nasional: { title: 'Nasional', render: renderNasional, nav: true },
  provinsi: { title: 'Provinsi', render: renderProvinsi, nav: true },
  wilayah: { title: 'Wilayah', render: renderWilayah, nav: false },
  kepatuhan: { title: 'Kepatuhan pelaporan', render: renderKepatuhan, nav: true },
  integritas: { title: 'Integritas', render: renderIntegritas, nav: true },
  metodologi: { title: 'Metodologi & unduhan', render: renderMetodologi, nav: true },
};

/** The period selector: each period is its own page beside this one (`2026-Q3.html`), same route. */
function periodSelector(): Html {
  return html`<label class="period">Periode <select data-period aria-label="Pilih periode">${data.available.map(
    (p) => html`<option value="${p}" ${p === data.period ? 'selected' : ''}>${p}</option>`,
  )}</select></label>`;
}

/** Cut-off, methodology and snapshot: shown on every page. */
function provenance(): Html {
  const s = data.snapshot;
  const snapshot = s
    ? html`Snapshot <code data-snapshot>${s.run_id}</code>`
    : html`Snapshot: <strong data-snapshot>belum ada snapshot</strong>`;
  const version = s ? s.methodology_version : `${data.methodology.version} (berlaku)`;
  const cutoff = data.cutoff ? `${dateTime(data.cutoff)} WIB` : 'belum ada kiriman diterima';
  return html`<p class="provenance">Periode <strong>${data.period}</strong> · <span data-cutoff>data per ${cutoff}</span> · Metodologi <strong data-methodology>${version}</strong> · ${snapshot}${
    data.calendar_provisional
      ? html` · <strong class="provisional" title="Kalender libur tahun ini belum ditetapkan SKB; hanya libur tanggal tetap yang dipakai">kalender sementara</strong>`
      : ''
  }</p>`;
}

function shell(): void {
  const nav = Object.entries(ROUTES)
    .filter(([, r]) => r.nav)
    .map(([id, r]) => html`<a href="#/${id}" data-route="${id}">${r.title}</a>`);
  mount(
    document.body,
    html`<header><div class="masthead"><h1>Pantau · Indeks Pelayanan Publik Daerah</h1>${periodSelector()}</div>${provenance()}<nav>${nav}</nav></header>
    <main id="view"></main>
    <footer>Dibangun ${new Date(data.generated_at).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta' })} WIB dari tabel mart dan snapshot peringkat.
    ${data.snapshot?.content_hash ? html`Hash isi snapshot <code>${data.snapshot.content_hash.slice(0, 16)}</code>.` : ''}
    <a href="#/metodologi">Metodologi dan unduhan snapshot</a>. Kode wilayah: idn-area-data (ODbL).</footer>`,
  );
  document.querySelector<HTMLSelectElement>('[data-period]')?.addEventListener('change', (e) => {
    location.href = `${(e.target as HTMLSelectElement).value}.html${location.hash}`;
  });
}

function route(): void {
  const [, name = 'nasional', arg] = location.hash.split('/');
  const target = ROUTES[name] ? name : 'nasional';
  for (const a of document.querySelectorAll<HTMLElement>('nav a'))
    a.classList.toggle(
      'active',
      a.dataset.route === target || (target === 'wilayah' && a.dataset.route === 'provinsi'),
    );
  destroyCharts();
  const view = document.getElementById('view')!;
  window.scrollTo(0, 0);
  ROUTES[target]!.render(view, arg && decodeURIComponent(arg));
  document.title = `${ROUTES[target]!.title} · Pantau ${data.period}`;
}

shell();
window.addEventListener('hashchange', route);
route();
