import { ApiError, api, type Me } from './api.ts';
import { completeSignIn, loadConfig, signOut } from './auth.ts';
import { html } from './html.ts';
import { ministryPage } from './ministry.ts';
import { signInPage } from './signin.ts';
import { reportPage, statusPage } from './status.ts';
import { uploadPage } from './upload.ts';

const view = document.getElementById('view')!;
let me: Me | undefined;

function chrome(): void {
  const links: [string, string][] = !me
    ? []
    : me.role === 'officer'
      ? [
          ['#/unggah', 'Unggah'],
          ['#/status', 'Status wilayah'],
        ]
      : [['#/kementerian', 'Nasional']];
  document.getElementById('nav')!.innerHTML = html`${links.map(
    ([href, label]) =>
      html`<a href="${href}" ${location.hash.startsWith(href) ? html`aria-current="page"` : ''}>${label}</a>`,
  )}`.markup;
  const who = document.getElementById('who')!;
  who.innerHTML = me
    ? html`<span>${me.email} · ${me.role === 'ministry' ? 'Kementerian' : `${me.region_code} ${me.region_name ?? ''}`}</span><button type="button" id="signout">Keluar</button>`
        .markup
    : '';
  who.querySelector('#signout')?.addEventListener('click', () => void signOut());
}

/** Show the page the hash names; the default page follows the role. */
async function route(): Promise<void> {
  const [page = '', arg, region] = location.hash.replace(/^#\/?/, '').split('/');
  if (!me) return signInPage(view, signedIn);
  chrome();
  view.innerHTML = '<p>Memuat…</p>';
  try {
    if (page === 'laporan' && arg)
      return await reportPage(view, decodeURIComponent(arg), region && decodeURIComponent(region));
    if (me.role === 'ministry') {
      if (page === 'wilayah' && arg) return await statusPage(view, arg, `Status wilayah ${arg}`);
      return await ministryPage(view);
    }
    if (page === 'status')
      return await statusPage(view, null, `Status ${me.region_name ?? ''} (${me.region_code})`);
    return await uploadPage(view, me);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      me = undefined;
      return route();
    }
    view.innerHTML = html`<p class="error">${(e as Error).message}</p>`.markup;
  }
}

function signedIn(m: Me): void {
  me = m;
  // a new hash routes through its hashchange event; routing here as well drew the page twice (two status
  // fetches, two dashboard access requests racing); the same hash fires no event
  if (location.hash === home()) void route();
  else location.hash = home();
}

const home = () => (me?.role === 'ministry' ? '#/kementerian' : '#/unggah');

async function start(): Promise<void> {
  await loadConfig();
  await completeSignIn();
  me = await api<Me>('me').catch(() => undefined);
  if (me && (location.hash === '' || location.hash === '#/' || location.hash === '#/masuk'))
    location.hash = home();
  window.addEventListener('hashchange', () => void route());
  await route();
}

void start();
