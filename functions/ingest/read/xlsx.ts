import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { convertSheets } from './csv-sink.ts';
import { type TabularSource, UnreadableFileError } from './source.ts';
import { workbookSheets } from './xlsx-rows.ts';
import type { GuardedZip } from './zip-guard.ts';

/**
 * Convert a workbook's data to a UTF-8 CSV, streaming, keeping each row's sheet row number: the first sheet
 * with a recognisable header is read (see workbook.ts), title rows above the header and the summary and
 * signature rows of a recap are skipped, Excel dates become ISO text, formulas give their results. The
 * sheets come from the XML row source (xlsx-rows.ts) over the entries the zip guard checked; the guard's
 * checks of the parts it counts as they are read are settled before anything else is reported.
 */
export async function openXlsx(
  path: string,
  zip: GuardedZip,
  ds: Dataset<Record<string, Column>>,
  out: string,
): Promise<TabularSource> {
  let converted: Awaited<ReturnType<typeof convertSheets>>;
  try {
    converted = await convertSheets(workbookSheets(path, zip.entries), ds, out);
  } catch (e) {
    await zip.settle();
    if (e instanceof UnreadableFileError) throw e;
    throw new UnreadableFileError(`Berkas Excel tidak dapat dibaca: ${(e as Error).message}`);
  }
  await zip.settle();
  const { table, multiLine, longestRecord } = converted;
  return {
    format: 'csv',
    path: out,
    delimiter: ',',
    skipLines: 0,
    header: table.header,
    rows: { explicit: true },
    quotedNewlines: multiLine,
    longestRecord,
    description: `Excel (XLSX), lembar "${table.sheetName}"`,
    sheet: { name: table.sheetName, position: table.sheetIndex },
    skipped: table.skipped,
  };
}
