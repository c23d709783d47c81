import { api, type Me } from './api.ts';
import { redirectToSignIn, usesCognito } from './auth.ts';
import { html } from './html.ts';

/** The sign-in page: e-mail and password (locally), or a button to the managed sign-in page (AWS). */
export function signInPage(view: HTMLElement, onSignedIn: (me: Me) => void): void {
  if (usesCognito()) {
    view.innerHTML =
      html`<h1>Masuk</h1><div class="card"><p>Masuk dengan akun yang dibuat oleh kementerian.</p>
      <button type="button" id="signin">Masuk</button></div>`.markup;
    view.querySelector('#signin')!.addEventListener('click', () => void redirectToSignIn());
    return;
  }
  view.innerHTML = html`<h1>Masuk</h1>
    <form class="card stack" id="signin" method="post" action="/api/session">
      <label>E-mail<input type="email" name="email" autocomplete="username" required></label>
      <label>Kata sandi<input type="password" name="password" autocomplete="current-password" required></label>
      <button type="submit">Masuk</button>
      <p class="error" id="signin-error" role="alert"></p>
    </form>
    <p class="muted">Akun dibuat oleh kementerian (pantau users add). Hubungi admin bila lupa kata sandi.</p>`.markup;
  const form = view.querySelector<HTMLFormElement>('#signin')!;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const error = view.querySelector<HTMLElement>('#signin-error')!;
    error.textContent = '';
    try {
      await api('session', {
        method: 'POST',
        json: { email: data.get('email'), password: data.get('password') },
      });
      onSignedIn(await api<Me>('me'));
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  });
}
