const MONTHS = ['Januari', 'April', 'Juli', 'Oktober'];

/**
 * A messy SKM export of a period as an officer's spreadsheet saves it: title row, `;`, aliases, Indonesian
 * dates (in the period's first month), one bad cell (U3 = 7 on data line `badRow`).
 */
export function messySkm(period = '2026-Q3', rows = 40, badRow = 7): string {
  const [year, quarter] = period.split('-Q').map(Number) as [number, number];
  const month = MONTHS[quarter - 1]!;
  const header =
    'Kode Unit;Nama Unit;Jenis Layanan;Tgl Survei;U1 - Persyaratan;U2;U3;U4;U5;U6;U7;U8;U9;Jenis Kelamin;Umur;Pendidikan;Pekerjaan';
  const lines = Array.from({ length: rows }, (_, i) => {
    const u3 = i === badRow ? '7' : String((i % 4) + 1);
    const day = (i % 27) + 1;
    return `U-01;Dinas Dukcapil;KTP;${day} ${month} ${year};4;3;${u3};4;3;4;4;3;3;${i % 2 ? 'Laki-laki' : 'Perempuan'};${20 + i};SMA;Wiraswasta`;
  });
  return ['\ufeffRekap SKM Triwulan III 2026', header, ...lines].join('\r\n');
}

/** The row number the officer sees for data line `i` (title row, header row, then data). */
export const sheetRow = (i: number) => i + 3;
