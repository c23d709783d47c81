/** Row-level rule codes and what an officer reads for each (Bahasa Indonesia). */
export const RULES = {
  wajib_diisi: 'Kolom wajib diisi tetapi kosong.',
  bukan_angka: 'Nilai bukan angka.',
  jawaban_tidak_dikenal: 'Jawaban tidak dikenali.',
  bukan_bilangan_bulat: 'Nilai harus bilangan bulat.',
  di_luar_rentang: 'Nilai di luar rentang yang diizinkan.',
  format_tanggal: 'Bukan tanggal yang valid (contoh: 2026-08-12, 12/08/2026, 12 Agustus 2026).',
  format_waktu: 'Bukan tanggal/waktu yang valid (contoh: 2026-08-12 09:15, 12/08/2026 09:15).',
  di_luar_periode: 'Tanggal di luar periode pelaporan.',
  nilai_tidak_dikenal: 'Nilai tidak dikenal.',
  terlalu_panjang: 'Isi terlalu panjang.',
  tanpa_jawaban: 'Tidak ada satu pun unsur (U1–U9) yang dijawab.',
  duplikat: 'ID ganda dalam berkas yang sama; baris pertama dengan ID ini yang dipakai.',
  kolom_berlebih: 'Baris berisi lebih banyak sel daripada judul kolom.',
} as const;

export type RuleCode = keyof typeof RULES;
