import { isAscii, wordKey } from './columns.ts';

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
  return sameFrom(a, i + 1, b, i + 1) || sameFrom(a, i, b, i + 1) || sameFrom(a, i + 1, b, i);
}

/** Whether `a` from `x` on is `b` from `y` on (`a.slice(x) === b.slice(y)`, without the copies). */
function sameFrom(a: string, x: number, b: string, y: number): boolean {
  const from = Math.min(x, a.length);
  const other = Math.min(y, b.length);
  if (a.length - from !== b.length - other) return false;
  for (let k = 0; from + k < a.length; k++)
    if (a.charCodeAt(from + k) !== b.charCodeAt(other + k)) return false;
  return true;
}

/** Words every question of the questionnaire has at least one of: what tells a question from other text. */
const QUESTION_WORDS = new Set([
  'bagaimana',
  'pendapat',
  'pemahaman',
  'menurut',
  'pelayanan',
  'layanan',
  'petugas',
]);

/** Whether some word of `words` is `word` or one typo from it. */
function hasNearly(words: readonly string[], word: string): boolean {
  for (const w of words) if (nearly(w, word)) return true;
  return false;
}

/** A question word inside a text, whatever the case: a question header's ASCII text must have one. */
const QUESTION_WORD_INSIDE = new RegExp([...QUESTION_WORDS].join('|'), 'i');

/**
 * Whether plain ASCII text cannot be a question header: fewer than four words as {@link wordKey} splits it
 * (runs of letters and digits), or no question word in it. Most cells the header search asks about (data)
 * are told so without normalising; text beyond ASCII is not (false).
 */
function plainlyNoQuestion(text: string): boolean {
  if (!isAscii(text)) return false;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length && words < 4; i++) {
    const c = text.charCodeAt(i);
    const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (alnum && !inWord) words++;
    inWord = alnum;
  }
  return words < 4 || !QUESTION_WORD_INSIDE.test(text);
}

/**
 * The unsur (0-based) a question-text header asks about, or undefined: a header of at least four words,
 * worded as a question of the questionnaire, naming one unsur's distinctive words (typos of one letter
 * tolerated) more than any other unsur's.
 */
export function questionUnsur(header: string): number | undefined {
  if (plainlyNoQuestion(header)) return undefined;
  const words = wordKey(header).split(' ');
  if (words.length < 4 || !words.some(isQuestionWord)) return undefined;
  let best = 0;
  let at = -1;
  let tied = false;
  for (let i = 0; i < QUESTIONNAIRE.length; i++) {
    let score = 0;
    for (const w of QUESTIONNAIRE[i]!.words) if (hasNearly(words, w)) score++;
    if (score > best) {
      best = score;
      at = i;
      tied = false;
    } else if (score === best) tied = true;
  }
  return best === 0 || tied ? undefined : at;
}

const isQuestionWord = (word: string) => QUESTION_WORDS.has(word);
