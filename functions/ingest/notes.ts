import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { absentOptional, columnTitle, type HeaderMapping } from './headers.ts';
import type { TabularSource } from './read/source.ts';
import type { SubmissionReport } from './report.ts';

/** Notes for the officer: optional columns absent, a sheet other than the first, skipped summary rows. */
export function notes(
  ds: Dataset<Record<string, Column>>,
  mapping: HeaderMapping,
  src: TabularSource,
): string[] {
  const out: string[] = [];
  const absent = absentOptional(ds, mapping);
  if (absent.length > 0)
    out.push(
      `Kolom tidak wajib yang tidak ada (tidak apa-apa; dibiarkan kosong): ${absent.map((c) => columnTitle(ds, c)).join(', ')}.`,
    );
  if (src.sheet && src.sheet.position > 0)
    out.push(
      `Data dibaca dari lembar "${src.sheet.name}" (lembar ke-${src.sheet.position + 1}); lembar sebelumnya tidak berisi judul kolom yang dikenali.`,
    );
  if (src.skipped && src.skipped.count > 0)
    out.push(
      `${src.skipped.count} baris ringkasan/tanda tangan di bawah data dilewati (baris ${ranges(src.skipped.rows)}): baris Jumlah, NRR, IKM, Konversi, Mutu, tempat/tanggal dan tanda tangan bukan kuesioner dan tidak dihitung sebagai baris tidak valid.`,
    );
  return out;
}

/** Which unit codes came from the registry and which were derived from the name. */
export function unitCodeNotes(codes: SubmissionReport['unit_codes']): string[] {
  const list = (source: 'registry' | 'derived') =>
    codes.filter((c) => c.source === source).map((c) => `${c.name} → ${c.unit_id}`);
  const out: string[] = [];
  if (list('registry').length > 0)
    out.push(`Unit tanpa kode, kodenya diambil dari daftar unit wilayah: ${list('registry').join('; ')}.`);
  if (list('derived').length > 0)
    out.push(
      `Unit tanpa kode yang tidak ada di daftar unit wilayah, diberi kode tetap dari namanya: ${list('derived').join('; ')}. Unggah daftar unit (dataset units) agar kode resmi yang dipakai.`,
    );
  return out;
}

/** `3, 5–9, 12` from sorted row numbers. */
function ranges(rows: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    out.push(i === j ? `${rows[i]}` : `${rows[i]}–${rows[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** File-level reasons to reject after validation (a file with a header and no rows is a nihil report). */
export function fileErrors(rowsRead: number, rejected: number, maxShare: number): string[] {
  if (rowsRead === 0) return [];
  const share = rejected / rowsRead;
  if (share > maxShare) {
    const pct = (x: number) =>
      `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(x * 100)}%`;
    return [
      `${pct(share)} baris tidak valid (${rejected} dari ${rowsRead}); batas maksimum ${pct(maxShare)}. Perbaiki baris yang ditunjukkan lalu unggah ulang.`,
    ];
  }
  return [];
}
