import { ApiError, api, type Me } from './api.ts';
import { authHeaders } from './auth.ts';
import { DATASET_LABEL, esc, html } from './html.ts';
import { type Report, renderReport } from './report.ts';

interface Target {
  key: string;
  url: string;
  fields: Record<string, string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** On AWS the file goes to S3 and ingest runs from the queue: wait for its report to appear. */
async function awaitReport(period: string, filename: string, since: number): Promise<Report> {
  for (let i = 0; i < 60; i++) {
    await sleep(3000);
    const { submissions } = await api<{ submissions: Report[] }>(
      `submissions?period=${encodeURIComponent(period)}`,
    );
    const mine = submissions.find(
      (s) => s.file === filename && Date.parse(String(s.uploaded_at)) >= since - 120_000,
    );
    if (mine) return api<Report>(`submissions/${mine.submission_id}`);
  }
  throw new ApiError(
    504,
    'Berkas sudah terkirim tetapi laporannya belum tersedia. Lihat halaman Status beberapa saat lagi.',
  );
}

/** Send the file: plan the key (`POST /api/uploads`), post it to the target, and get the report. */
async function send(form: HTMLFormElement): Promise<Report> {
  const data = new FormData(form);
  const file = data.get('file');
  if (!(file instanceof File) || file.size === 0) throw new ApiError(400, 'Pilih berkas yang akan diunggah.');
  const period = String(data.get('period'));
  const target = await api<Target>('uploads', {
    method: 'POST',
    json: { dataset: data.get('dataset'), period, filename: file.name, size: file.size },
  });
  const body = new FormData();
  for (const [k, v] of Object.entries(target.fields)) body.append(k, v);
  body.append('file', file);
  const since = Date.now();
  const local = target.url.startsWith('/');
  const res = await fetch(target.url, { method: 'POST', body, headers: local ? authHeaders() : {} });
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(res.status, err.error ?? `Unggahan gagal (${res.status}).`);
  }
  if (res.status === 201) return (await res.json()) as Report;
  return awaitReport(period, file.name, since);
}

/** The upload page: dataset, period (default: the period due next), file; the report appears below. */
export async function uploadPage(view: HTMLElement, me: Me): Promise<void> {
  const { next_deadline } = await api<{ next_deadline: { period: string } }>('status');
  view.innerHTML = html`<h1>Unggah data ${me.region_name ?? ''} (${me.region_code ?? ''})</h1>
    <form class="card stack" id="upload">
      <label>Dataset<select name="dataset" required>
        ${Object.entries(DATASET_LABEL).map(([id, label]) => html`<option value="${id}">${label}</option>`)}
      </select></label>
      <label>Periode (triwulan)<input name="period" required pattern="\\d{4}-[Qq][1-4]" value="${next_deadline.period}"></label>
      <label>Berkas (CSV, XLSX atau JSON)<input type="file" name="file" required accept=".csv,.txt,.xlsx,.json,.ndjson"></label>
      <button type="submit">Unggah</button>
      <p class="muted">Batas ukuran ${esc(Math.round(me.max_upload_bytes / 1048576))} MB. Data diproses segera; laporan muncul di bawah.</p>
      <p class="error" id="upload-error" role="alert"></p>
    </form>
    <div id="outcome"></div>`.markup;
  const form = view.querySelector<HTMLFormElement>('#upload')!;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const button = form.querySelector('button')!;
    const error = view.querySelector<HTMLElement>('#upload-error')!;
    const outcome = view.querySelector<HTMLElement>('#outcome')!;
    button.disabled = true;
    button.textContent = 'Memproses…';
    error.textContent = '';
    outcome.innerHTML = '';
    try {
      renderReport(outcome, await send(form));
    } catch (e) {
      error.textContent = (e as Error).message;
    } finally {
      button.disabled = false;
      button.textContent = 'Unggah';
    }
  });
}
