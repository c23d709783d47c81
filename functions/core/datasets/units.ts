import { integer, text } from './columns.ts';
import { defineDataset } from './definition.ts';

export const units = defineDataset({
  id: 'units',
  table: 'units',
  grain: { id: 'Satu unit penyelenggara pelayanan (UPP) wilayah', en: 'One service unit of the region' },
  key: 'unit_id',
  columns: {
    unit_id: text({
      maxLength: 64,
      aliases: ['Kode Unit', 'ID Unit'],
      doc: { id: 'Kode unit layanan', en: 'Service unit id' },
    }),
    unit_name: text({
      maxLength: 200,
      aliases: ['Nama Unit', 'Unit Layanan', 'Unit Pelayanan'],
      doc: { id: 'Nama unit layanan', en: 'Service unit name' },
    }),
    unit_type: text({
      maxLength: 100,
      aliases: ['Jenis Unit', 'Tipe Unit', 'Jenis UPP'],
      doc: { id: 'Jenis unit (DPMPTSP, RSUD, Puskesmas, …)', en: 'Unit type' },
    }),
    annual_service_users: integer({
      min: 0,
      max: 100_000_000,
      aliases: ['Jumlah Pengguna Layanan', 'Pengguna Layanan per Tahun', 'Populasi', 'Jumlah Populasi'],
      doc: {
        id: 'Jumlah pengguna layanan per tahun (populasi sampel SKM)',
        en: 'Annual service users (SKM sampling population)',
      },
    }),
  },
});
