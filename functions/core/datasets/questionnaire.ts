import { wordKey } from './columns.ts';

/**
 * The SKM questionnaire of PermenPANRB 14/2017 as units print it (docs/intake.md): per unsur the question,
 * the words that tell it from the others, and the four answers scored 1–4. Forms tools export the
 * question as the header and the answer as the cell.
 */
export const QUESTIONNAIRE = [
  {
    question:
      'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
    words: ['persyaratan'],
    answers: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  },
  {
    question: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
    words: ['prosedur', 'kemudahan'],
    answers: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
  },
  {
    question: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
    words: ['kecepatan', 'waktu'],
    answers: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
  },
  {
    question: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
    words: ['biaya', 'tarif', 'kewajaran'],
    answers: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
  },
  {
    question:
      'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
    words: ['produk', 'standar'],
    answers: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  },
  {
    question: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
    words: ['kompetensi', 'kemampuan'],
    answers: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
  },
  {
    question: 'Bagaimana pendapat Saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
    words: ['perilaku', 'kesopanan', 'keramahan'],
    answers: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
  },
  {
    question: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
    words: ['sarana', 'prasarana'],
    answers: ['Buruk', 'Cukup', 'Baik', 'Sangat Baik'],
  },
  {
    question: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    words: ['pengaduan', 'penanganan'],
    answers: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
  },
] as const;

/** The generic scale some forms use for every unsur. */
const GENERIC = ['Tidak baik', 'Kurang baik', 'Baik', 'Sangat baik'];
const LETTERS = ['a', 'b', 'c', 'd'];

/** Answer key → score of unsur `i` (0-based): its own words, "a. Tidak sesuai", letters, the generic scale. */
export function answerLabels(i: number): Record<string, number> {
  const out: Record<string, number> = {};
  const own = QUESTIONNAIRE[i]!.answers;
  GENERIC.forEach((g, k) => {
    out[wordKey(g)] = k + 1;
  });
  own.forEach((label, k) => {
    out[wordKey(label)] = k + 1;
    out[wordKey(`${LETTERS[k]} ${label}`)] = k + 1;
  });
  LETTERS.forEach((l, k) => {
    out[l] = k + 1;
  });
  return out;
}

/** Levenshtein distance of at most one (a typo), for words of six letters or more. */
function nearly(a: string, b: string): boolean {
  if (a === b) return true;
  if (b.length < 6 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const tail = (x: number, y: number) => a.slice(x) === b.slice(y);
  return tail(i + 1, i + 1) || tail(i, i + 1) || tail(i + 1, i);
}

/** Words every question of the questionnaire has at least one of: what tells a question from other text. */
const QUESTION_WORDS = ['bagaimana', 'pendapat', 'pemahaman', 'menurut', 'pelayanan', 'layanan', 'petugas'];

/**
 * The unsur (0-based) a question-text header asks about, or undefined: a header of at least four words,
 * worded as a question of the questionnaire, naming one unsur's distinctive words (typos of one letter
 * tolerated) more than any other unsur's.
 */
export function questionUnsur(header: string): number | undefined {
  const words = wordKey(header).split(' ');
  if (words.length < 4 || !words.some((w) => QUESTION_WORDS.includes(w))) return undefined;
  const scores = QUESTIONNAIRE.map((q) => q.words.filter((w) => words.some((h) => nearly(h, w))).length);
  const best = Math.max(...scores);
  if (best === 0 || scores.filter((s) => s === best).length > 1) return undefined;
  return scores.indexOf(best);
}
