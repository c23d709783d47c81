import { destroyCharts } from './charts.ts';
import { data } from './data.ts';
import { html, mount } from './html.ts';
import { renderIntegritas } from './integritas.ts';
import { renderKepatuhan } from './kepatuhan.ts';
import { renderNasional } from './nasional.ts';
import { renderProvinsi } from './provinsi.ts';

const ROUTES: Record<string, { title: string; render: (host: Element, arg?: string) => void }> = {
  nasional: { title: 'Nasional', render: renderNasional },
  provinsi: { title: 'Provinsi', render: renderProvinsi },
  kepatuhan: { title: 'Kepatuhan pelaporan', render: renderKepatuhan },
  integritas: { title: 'Integritas', render: renderIntegritas },
};

/** Methodology version and snapshot id: shown on every page. */
function provenance(): ReturnType<typeof html> {
  const s = data.snapshot;
  const snapshot = s
    ? html`Snapshot <code data-snapshot>${s.run_id}</code>`
    : html`Snapshot: <strong data-snapshot>belum ada snapshot</strong>`;
  const version = s ? s.methodology_version : `${data.methodology_version} (berlaku)`;
  return html`<p class="provenance">Periode <strong>${data.period}</strong> · Metodologi <strong data-methodology>${version}</strong> · ${snapshot}</p>`;
}

function shell(): void {
  const nav = Object.entries(ROUTES).map(
    ([id, r]) => html`<a href="#/${id}" data-route="${id}">${r.title}</a>`,
  );
  mount(
    document.body,
    html`<header><h1>Pantau · Indeks Pelayanan Publik Daerah</h1>${provenance()}<nav>${nav}</nav></header>
    <main id="view"></main>
    <footer>Dibangun ${new Date(data.generated_at).toLocaleString('id-ID', { timeZone: 'UTC' })} UTC dari tabel mart dan snapshot peringkat.
    ${data.snapshot?.content_hash ? html`Hash isi snapshot <code>${data.snapshot.content_hash.slice(0, 16)}</code>.` : ''}
    Kode wilayah: idn-area-data (ODbL).</footer>`,
  );
}

function route(): void {
  const [, name = 'nasional', arg] = location.hash.split('/');
  const target = ROUTES[name] ? name : 'nasional';
  for (const a of document.querySelectorAll<HTMLElement>('nav a'))
    a.classList.toggle('active', a.dataset.route === target);
  destroyCharts();
  const view = document.getElementById('view')!;
  ROUTES[target]!.render(view, arg && decodeURIComponent(arg));
  document.title = `${ROUTES[target]!.title} · Pantau ${data.period}`;
  window.scrollTo(0, 0);
}

shell();
window.addEventListener('hashchange', route);
route();
