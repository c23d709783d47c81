import type ExcelJS from 'exceljs';
import type { Out } from './cells.ts';
import { letters } from './xlsx-rows.ts';

/** The running sums of a recap's U1…U9 columns, for the summary rows under the data. */
export interface Recap {
  scores: readonly number[];
  first: number;
  sums: number[];
  rows: number;
  add(values: readonly Out[]): void;
}

/**
 * Write the recap's header over two rows: "Nilai Unsur Pelayanan" merged over the score columns with
 * their own headings below, every other heading merged downwards (as the SKM recap template has it).
 */
export function recapHeader(
  ws: ExcelJS.Worksheet,
  headers: readonly string[],
  scores: readonly number[],
): Recap {
  const top = ws.addRow(
    headers.map((h, i) => (scores.includes(i) ? (i === scores[0] ? 'Nilai Unsur Pelayanan' : null) : h)),
  );
  const at = top.number;
  const below = ws.addRow(headers.map((h, i) => (scores.includes(i) ? h : null)));
  headers.forEach((_, i) => {
    if (!scores.includes(i)) ws.mergeCells(at, i + 1, at + 1, i + 1);
  });
  ws.mergeCells(at, scores[0]! + 1, at, scores.at(-1)! + 1);
  top.commit();
  below.commit();
  const recap: Recap = {
    scores,
    first: at + 2,
    sums: scores.map(() => 0),
    rows: 0,
    add(values) {
      recap.rows++;
      scores.forEach((c, k) => {
        const v = Number(values[c]);
        if (Number.isFinite(v)) recap.sums[k]! += v;
      });
    },
  };
  return recap;
}

/** Summary rows with formulas (and the results Excel caches), then place, date and signature. */
export function recapFooter(ws: ExcelJS.Worksheet, r: Recap): void {
  const last = r.first + r.rows - 1;
  const n = Math.max(1, r.rows);
  const nrr = r.sums.map((s) => s / n);
  const ikm = nrr.reduce((a, b) => a + b, 0) / 9;
  const col = (k: number) => letters(r.scores[k]! + 1);
  const row = (label: string, cell: (k: number, at: number) => ExcelJS.CellValue) => {
    const added = ws.addRow([label]);
    r.scores.forEach((c, k) => {
      added.getCell(c + 1).value = cell(k, added.number);
    });
    added.commit();
  };
  row('Jumlah Nilai per Unsur', (k) => ({
    formula: `SUM(${col(k)}${r.first}:${col(k)}${last})`,
    result: r.sums[k]!,
  }));
  row('NRR per Unsur', (k, at) => ({ formula: `${col(k)}${at - 1}/${n}`, result: nrr[k]! }));
  row('NRR Tertimbang', (k, at) => ({ formula: `${col(k)}${at - 1}*0.111`, result: nrr[k]! * 0.111 }));
  row('IKM Unit Pelayanan', (k) =>
    k === 0 ? { formula: `SUM(${col(0)}${last + 3}:${col(8)}${last + 3})`, result: ikm } : null,
  );
  row('Konversi IKM', (k, at) => (k === 0 ? { formula: `${col(0)}${at - 1}*25`, result: ikm * 25 } : null));
  ws.addRow(['Mutu Pelayanan']).commit();
  ws.addRow([]).commit();
  for (const line of [
    'Jakarta, 1 Oktober 2026',
    'Kepala Unit Pelayanan',
    '',
    '',
    'NIP. 19800101 200501 1 001',
  ])
    ws.addRow([line]).commit();
}

/** The filling instructions some templates put on the first sheet. */
export function writeInstructions(ws: ExcelJS.Worksheet): void {
  for (const line of [
    'PETUNJUK PENGISIAN',
    '1. Isi satu baris untuk setiap data.',
    '2. Tanggal diisi dengan format DD/MM/YYYY.',
    '3. Jangan mengubah judul kolom pada lembar data.',
  ])
    ws.addRow([line]).commit();
  ws.commit();
}
