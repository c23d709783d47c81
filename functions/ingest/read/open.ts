import { join } from 'node:path';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import type { Duck } from '#core/duckdb.ts';
import { openCsv } from './csv.ts';
import type { FileFacts } from './inspect.ts';
import { openJson } from './json.ts';
import { type TabularSource, UnreadableFileError } from './source.ts';
import { openXlsx } from './xlsx.ts';

/** Open an upload by what its bytes are (never by its extension). */
export async function openSource(
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
    case 'xlsx':
      return openXlsx(path, ds, join(scratch, 'converted.csv'));
    case 'json':
      return openJson(path, facts.head, duck, join(scratch, 'converted.csv'));
    default:
      return openCsv(path, facts, ds, join(scratch, 'decoded.csv'));
  }
}
