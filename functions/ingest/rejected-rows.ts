import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { csvField } from '#core/contract/csv.ts';
import { literal } from '#core/contract/sql.ts';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import type { Duck } from '#core/duckdb.ts';
import { listValue } from '#core/duckdb.ts';
import type { HeaderMapping } from './headers.ts';
import { checkMessage } from './report.ts';
import type { Staged } from './stage.ts';

/** The list separator of Indonesian-locale Excel: the rejected-row file opens in columns there. */
const SEPARATOR = ';';
const BOM = '\uFEFF';
/** Header cells the officer reads first: the row number in their file, and why the row was rejected. */
const LEADING = ['Baris', 'Alasan'];

/** A header or cell that a spreadsheet would run as a formula, made plain text (as `pantau_safe_cell`). */
const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/**
 * Write the rejected-row file for the officer: a `;`-separated CSV with a BOM (what opens in columns, with
 * "–" intact, in Indonesian-locale Excel), the row number as their file shows it, the reasons naming their
 * column, then their own columns under their own header names, every cell safe from formula execution.
 * Messages and header names travel as parameters, never as SQL text.
 */
export async function writeRejectedRows(
  duck: Duck,
  ds: Dataset<Record<string, Column>>,
  staged: Staged,
  officer: {
    mapping: HeaderMapping;
    header: readonly string[];
    label: (column: string | null) => string | null;
  },
  out: string,
): Promise<void> {
  const columns = [...officer.mapping.columns]
    .filter(([name]) => ds.columns[name]?.kind !== 'pii')
    .sort((a, b) => a[1] - b[1]);
  const messages = staged.checks.map((k) => checkMessage(k, officer.label(k.column)));
  const duplicate = `${checkMessage({ rule: 'duplikat', detail: '' }, officer.label(ds.key))} Baris pertama: `;
  const reasons = `array_to_string(list_transform(COALESCE(s.__errors, []), x -> $messages[x])
    || CASE WHEN s.first_row IS NOT NULL THEN [$duplicate || s.first_row] ELSE [] END, '; ')`;
  const cells = columns.map(([name], i) => `pantau_safe_cell(${staged.rawText(name)}) AS c${i}`);
  const body = `${out}.body`;
  await duck.run(
    `COPY (SELECT s.__row AS baris, pantau_safe_cell(${reasons}) AS alasan${cells.map((c) => `, ${c}`).join('')}
     ${staged.rejected} ORDER BY baris)
     TO ${literal(body)} (FORMAT csv, HEADER false, DELIMITER '${SEPARATOR}')`,
    { messages: listValue(messages), duplicate },
  );
  const header = [...LEADING, ...columns.map(([, i]) => officer.header[i] ?? '')];
  const sink = createWriteStream(out);
  sink.write(`${BOM}${header.map((h) => csvField(safe(h), { delimiter: SEPARATOR })).join(SEPARATOR)}\n`);
  for await (const chunk of createReadStream(body)) if (!sink.write(chunk)) await once(sink, 'drain');
  sink.end();
  await once(sink, 'finish');
}
