import { DATASET_TABLE } from '../contract/names.ts';
import { integer, text } from './columns.ts';
import { defineDataset } from './definition.ts';
import { UNIT_ID, UNIT_NAME } from './unit.ts';

export const units = defineDataset({
  id: 'units',
  table: DATASET_TABLE.units,
  grain: { id: 'Satu unit penyelenggara pelayanan (UPP) wilayah', en: 'One service unit of the region' },
  key: 'unit_id',
  columns: {
    unit_id: UNIT_ID,
    unit_name: UNIT_NAME,
    unit_type: text({
      required: false,
      nullable: true,
      maxLength: 100,
      aliases: ['Jenis Unit', 'Tipe Unit', 'Jenis UPP'],
      doc: { id: 'Jenis unit (DPMPTSP, RSUD, Puskesmas, …)', en: 'Unit type' },
    }),
    annual_service_users: integer({
      required: false,
      nullable: true,
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
