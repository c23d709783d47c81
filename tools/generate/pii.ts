import type { Rng } from './random.ts';

const FIRST = [
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Rina',
  'Andi',
  'Wahyu',
  'Sri',
  'Putu',
  'Made',
  'Yohanes',
  'Maria',
  'Rizky',
  'Nur',
  'Fransiskus',
  'Désiré',
  'René',
  'Agustín',
  'Hendra',
  'Lestari',
];
const LAST = [
  'Santoso',
  'Wijaya',
  'Saputra',
  'Lestari',
  'Hidayat',
  'Nasution',
  'Siregar',
  'Pratama',
  'Kurniawan',
  'Sinaga',
  'Tanjung',
  'Marpaung',
  'Gonçalves',
  'Müller',
  'Halim',
  'Purba',
];
const TOPICS = [
  'Antrean pelayanan terlalu lama, petugas tidak ada di loket',
  'Pungutan biaya di luar tarif resmi',
  'Jalan rusak di depan kantor, mohon "segera" diperbaiki',
  'Dokumen belum selesai padahal sudah lewat janji',
  'Petugas kurang ramah; informasi persyaratan tidak jelas',
  'Aplikasi pendaftaran daring sering gagal – mohon diperbaiki',
];

/** A reporter's personal data as LAPOR! exports carry it (synthetic; some names outside ASCII). */
export function reporter(rng: Rng, regionDigits: string) {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const female = rng.chance(0.5);
  const day = rng.int(1, 28) + (female ? 40 : 0);
  const nik = `${regionDigits.padEnd(4, '0')}${String(rng.int(1, 30)).padStart(2, '0')}${String(day).padStart(2, '0')}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(60, 99)).padStart(2, '0')}${String(rng.int(1, 9999)).padStart(4, '0')}`;
  const email = `${first}.${last}${rng.int(1, 99)}`
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase();
  const text = rng.pick(TOPICS);
  return {
    reporter_name: `${first} ${last}`,
    reporter_phone: `08${rng.int(11, 99)}-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
    reporter_email: rng.chance(0.6) ? `${email}@${rng.pick(['gmail.com', 'yahoo.co.id', 'mail.com'])}` : null,
    reporter_nik: rng.chance(0.85) ? nik : null,
    description: rng.chance(0.1) ? `${text}.\nTerima kasih.` : text,
  };
}
