import { createHash } from 'node:crypto';
import { text, wordKey } from './columns.ts';

/** The service unit (UPP) a row belongs to: the same column in every dataset that names one. */
export const UNIT_ID = text({
  maxLength: 64,
  aliases: ['Kode Unit', 'ID Unit', 'Kode Instansi'],
  doc: { id: 'Kode unit layanan', en: 'Service unit id' },
});

export const UNIT_NAME = text({
  maxLength: 200,
  aliases: [
    'Nama Unit',
    'Unit Layanan',
    'Unit Pelayanan',
    'Instansi Terlapor',
    'Nama Unit Layanan',
    'Nama Unit Pelayanan',
    'Unit Layanan yang Dikunjungi',
  ],
  doc: { id: 'Nama unit layanan', en: 'Service unit name' },
});

/**
 * The unit columns of a dataset produced per unit: the code, or only the name (a forms export where the
 * unit is chosen by name); the code then comes from the region's registry or is derived from the name.
 */
export const UNIT_BY_NAME = {
  unit_id: {
    ...UNIT_ID,
    required: false,
    codeFromName: 'unit_name',
    doc: {
      id: 'Kode unit layanan (bila berkas hanya memuat nama: dari daftar unit wilayah, atau N-… dari nama)',
      en: 'Service unit id (when the file names the unit only: from the registry, or N-… from the name)',
    },
  },
  unit_name: { ...UNIT_NAME, required: false, nullable: true },
} as const;

/** Longest unit-name key kept whole in a derived code; longer names are cut and get a hash suffix. */
const DERIVED_KEY_CHARS = 56;

/**
 * The stable code of a unit named but not coded, when the region's registry does not know the name:
 * `N-` and the name key with dashes (same name → same code in every file and period). The SQL macro
 * `pantau_unit_slug` computes the same; both are tested against each other.
 */
export function derivedUnitCode(name: string): string {
  const key = wordKey(name);
  const slug =
    key.length <= DERIVED_KEY_CHARS
      ? key
      : `${key.slice(0, 48)} ${createHash('md5').update(key).digest('hex').slice(0, 6)}`;
  return `N-${slug.replaceAll(' ', '-').toUpperCase()}`;
}

/** The SQL forms of {@link wordKey} and {@link derivedUnitCode}, as DuckDB macros. */
export const UNIT_CODE_MACROS = [
  `CREATE OR REPLACE MACRO pantau_word_key(v) AS trim(regexp_replace(strip_accents(lower(v)), '[^a-z0-9]+', ' ', 'g'))`,
  `CREATE OR REPLACE MACRO pantau_unit_slug(v) AS list_transform([pantau_word_key(v)], k -> CASE WHEN k = '' THEN NULL
     ELSE 'N-' || upper(replace(CASE WHEN length(k) <= ${DERIVED_KEY_CHARS} THEN k ELSE left(k, 48) || ' ' || left(md5(k), 6) END, ' ', '-')) END)[1]`,
];
