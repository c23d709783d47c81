import { STATUS_LABEL, type SubmissionStatusCode } from '#core/contract/names.ts';

/** Text made safe for HTML (every value the pages show passes through here). */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Markup already escaped (from `html`), inserted as is. */
export class Safe {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const piece = (v: unknown): string =>
  v instanceof Safe ? v.markup : Array.isArray(v) ? v.map(piece).join('') : esc(v);

/** A template whose interpolations are escaped unless they are `Safe` (or arrays of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Safe {
  return new Safe(strings.reduce((out, s, i) => out + s + (i < values.length ? piece(values[i]) : ''), ''));
}

const NUM = new Intl.NumberFormat('id-ID');
export const num = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? NUM.format(n) : '–');

const WHEN = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  dateStyle: 'medium',
  timeStyle: 'short',
});
/** An instant as an officer reads it, in WIB. */
export const when = (iso: unknown) =>
  typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? `${WHEN.format(new Date(iso))} WIB` : '–';

/** What happened to one uploaded file. */
export const OUTCOME_LABEL: Record<string, string> = {
  accepted: 'diterima',
  rejected: 'ditolak',
  duplicate: 'duplikat',
};

/** A submission outcome (accepted / rejected / duplicate) as a coloured label. */
export const outcomeBadge = (status: string) =>
  html`<span class="badge ${status}">${OUTCOME_LABEL[status] ?? status}</span>`;

/**
 * A reporting status (on time / late / missing / rejected) as a coloured label; before the deadline a
 * missing dataset is "belum dikirim" (not yet sent), not a failure.
 */
export function statusBadge(status: string, deadline: string): Safe {
  const open = status === 'missing' && Date.now() <= Date.parse(deadline);
  const label = open ? 'Belum dikirim' : (STATUS_LABEL[status as SubmissionStatusCode] ?? status);
  return html`<span class="badge ${open ? 'pending' : status}">${label}</span>`;
}

export const DATASET_LABEL: Record<string, string> = {
  skm: 'SKM — Survei Kepuasan Masyarakat',
  fkp: 'FKP — Forum Konsultasi Publik',
  complaints: 'Pengaduan SP4N-LAPOR!',
  units: 'Daftar unit layanan',
};
