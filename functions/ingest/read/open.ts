import { join } from 'node:path';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import type { Duck } from '#core/duckdb.ts';
import { LIMITS, sizeText } from '../limits.ts';
import { timed } from '../profile.ts';
import { openCsv } from './csv.ts';
import { type FileFacts, wholeFile } from './inspect.ts';
import { type TabularSource, UnreadableFileError } from './source.ts';

/**
 * Open an upload by what its bytes are (never by its extension), within {@link LIMITS}. The workbook and
 * JSON readers are loaded when a file of theirs first comes: a process that reads a CSV need not load them.
 */
export async function openSource(
  path: string,
  facts: FileFacts,
  ds: Dataset<Record<string, Column>>,
  duck: Duck,
  scratch: string,
): Promise<TabularSource> {
  if (facts.size > LIMITS.maxFileBytes)
    throw new UnreadableFileError(
      `Berkas terlalu besar (${sizeText(facts.size)}; maksimum ${sizeText(LIMITS.maxFileBytes)}). Pecah menjadi beberapa berkas per unit.`,
    );
  const src = await timed(`open-${facts.format}`, () => open(path, facts, ds, duck, scratch));
  if (src.header.length > LIMITS.maxColumns)
    throw new UnreadableFileError(
      `Terlalu banyak kolom (${src.header.length}; maksimum ${LIMITS.maxColumns}). Hapus kolom yang tidak dipakai lalu unggah ulang.`,
    );
  return src;
}

async function open(
  path: string,
  facts: FileFacts,
  ds: Dataset<Record<string, Column>>,
  duck: Duck,
  scratch: string,
): Promise<TabularSource> {
  switch (facts.format) {
    case 'empty':
      throw new UnreadableFileError('Berkas kosong.');
    case 'binary':
      throw new UnreadableFileError(
        'Berkas bukan CSV, Excel (XLSX) atau JSON: isinya data biner yang tidak dikenali.',
      );
    case 'xlsx': {
      const [{ openXlsx }, { GuardedZip }] = await Promise.all([
        import('./xlsx.ts'),
        import('./zip-guard.ts'),
      ]);
      return openXlsx(path, await GuardedZip.open(path, facts.size), ds, join(scratch, 'converted.csv'));
    }
    case 'json': {
      const { openJson } = await import('./json.ts');
      return openJson(path, facts.head, ds, duck, join(scratch, 'converted.parquet'), wholeFile(facts));
    }
    default:
      if (facts.longestLine > LIMITS.maxLineBytes)
        throw new UnreadableFileError(
          `Ada baris yang terlalu panjang (${sizeText(facts.longestLine)}; maksimum ${sizeText(LIMITS.maxLineBytes)} per baris). Periksa pemisah baris dan tanda kutip berkas.`,
        );
      return openCsv(path, facts, ds, join(scratch, 'decoded.csv'));
  }
}
