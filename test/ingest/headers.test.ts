import { describe, expect, it } from 'vitest';
import { wordKey } from '#core/datasets/columns.ts';
import { DATASET_IDS, dataset } from '#core/datasets/index.ts';
import { QUESTIONNAIRE, questionUnsur } from '#core/datasets/questionnaire.ts';
import { aliasIndex, columnOf, headerKey } from '#ingest/headers.ts';

/** The question match as first written (every header normalised and scored): what the shortcuts must equal. */
function generalUnsur(header: string): number | undefined {
  const nearly = (a: string, b: string) => {
    if (a === b) return true;
    if (b.length < 6 || Math.abs(a.length - b.length) > 1) return false;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const tail = (x: number, y: number) => a.slice(x) === b.slice(y);
    return tail(i + 1, i + 1) || tail(i, i + 1) || tail(i + 1, i);
  };
  const questionWords = ['bagaimana', 'pendapat', 'pemahaman', 'menurut', 'pelayanan', 'layanan', 'petugas'];
  const words = wordKey(header).split(' ');
  if (words.length < 4 || !words.some((w) => questionWords.includes(w))) return undefined;
  const scores = QUESTIONNAIRE.map((q) => q.words.filter((w) => words.some((h) => nearly(h, w))).length);
  const best = Math.max(...scores);
  if (best === 0 || scores.filter((s) => s === best).length > 1) return undefined;
  return scores.indexOf(best);
}

/** Headers and cells the search meets: questions with typos and accents, mixed ones, titles, data. */
function headerTexts(): string[] {
  const out: string[] = [];
  for (const q of QUESTIONNAIRE) {
    out.push(q.question, q.question.toUpperCase(), `1. ${q.question}`, q.question.replace(/a/, 'á'));
    for (const w of q.words) {
      out.push(q.question.replace(w, w.slice(1)), q.question.replace(w, `${w}x`));
      out.push(q.question.replace(w, `${w.slice(0, 2)}q${w.slice(3)}`), `Pelayanan ${w} menurut Anda`);
    }
    out.push(...q.answers);
  }
  out.push(
    'Bagaimana pendapat Saudara tentang waktu dan biaya pelayanan?',
    'Bagaimana pendapat Saudara tentang kecepatan waktu dan kesopanan petugas?',
    'Saran dan masukan untuk pelayanan',
    'Unit Layanan yang Dikunjungi',
    'Dinas Penanaman Modal dan PTSP Kota Langsa',
    'Pelayanan  ,  sangat   cepat  dan  mudah',
    'Pelayanan\u00a0sangat cepat dan mudah',
    'Café pelayanan waktu kecepatan',
    '2026-07-01 08:15:00',
    'DPMPTSP-01-264-00001',
    '',
    '   ',
    'a b c',
    'a b c d',
    'PELAYANANxyz a b c',
    'Nama_Unit-Layanan (Kode)',
    'NIK\tNo. HP',
  );
  for (const ds of DATASET_IDS.map(dataset))
    for (const [name, c] of Object.entries(ds.columns)) out.push(name, ...(c.aliases ?? []));
  return out;
}

describe('the questionnaire match of a header', () => {
  it('gives the unsur the general match gives, on questions, typos, accents, titles and data', () => {
    const texts = headerTexts();
    const found = texts.map(questionUnsur);
    expect(found).toEqual(texts.map(generalUnsur));
    // the comparison covers matches and refusals alike
    expect(found.filter((u) => u !== undefined).length).toBeGreaterThan(40);
  });
});

describe('the key of a header text', () => {
  it('is the general normalisation, for ASCII text too', () => {
    const general = (text: string) =>
      text
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '');
    const texts = [...headerTexts(), 'ŞÜBE ünïtè', 'Ｋｏｄｅ　Ｕｎｉｔ', 'ﬁle №5', '\ud800x'];
    expect(texts.map(headerKey)).toEqual(texts.map(general));
  });
});

describe('the column a header text names', () => {
  it('is the same asked once or again, also after more texts than are remembered', () => {
    const skm = dataset('skm');
    const direct = (text: string) => {
      const unsur = questionUnsur(text);
      const question = unsur !== undefined && `u${unsur + 1}` in skm.columns ? `u${unsur + 1}` : undefined;
      return aliasIndex(skm).get(headerKey(text)) ?? question;
    };
    const headers = headerTexts();
    const texts = [
      ...headers,
      ...Array.from({ length: 5000 }, (_, i) => `Kolom ${i} ${headers[i % headers.length]}`),
    ];
    for (const round of [1, 2])
      expect(
        texts.map((t) => columnOf(skm, t)),
        `round ${round}`,
      ).toEqual(texts.map(direct));
  });
});
