import { text } from './columns.ts';

/** The service unit (UPP) a row belongs to: the same column in every dataset that names one. */
export const UNIT_ID = text({
  maxLength: 64,
  aliases: ['Kode Unit', 'ID Unit', 'Kode Instansi'],
  doc: { id: 'Kode unit layanan', en: 'Service unit id' },
});

export const UNIT_NAME = text({
  maxLength: 200,
  aliases: ['Nama Unit', 'Unit Layanan', 'Unit Pelayanan', 'Instansi Terlapor'],
  doc: { id: 'Nama unit layanan', en: 'Service unit name' },
});
