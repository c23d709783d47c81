import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import type { Out } from './cells.ts';

/** exceljs's own XML text encoding (the same escapes and dropped control characters as its cells). */
const { xmlEncode } = createRequire(import.meta.url)('exceljs/lib/utils/utils.js') as {
  xmlEncode(text: string): string;
};

/** Column letters of a 1-based column number (A … Z, AA …). */
export const letters = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : letters(Math.floor((n - 1) / 26)) + letters(((n - 1) % 26) + 1);

/** The parts of exceljs's streaming worksheet that a data row touches. */
interface SheetInternals {
  _rows: unknown[];
  _rowZero: number;
  startedData: boolean;
  stream: { write(xml: string): void };
}
type Styles = { addStyleModel(style: object, type?: ExcelJS.ValueType): number };

const DAY_MS = 24 * 3600 * 1000;
const EMPTY_ROW_STYLE = {};

function valueType(v: Out): ExcelJS.ValueType {
  if (v === null || v === undefined) return ExcelJS.ValueType.Null;
  if (typeof v === 'string') return ExcelJS.ValueType.String;
  if (typeof v === 'number') return ExcelJS.ValueType.Number;
  if (typeof v === 'boolean') return ExcelJS.ValueType.Boolean;
  return ExcelJS.ValueType.Date;
}

/**
 * Writes data rows of a streaming worksheet as the XML exceljs writes for `addRow(values)` with a style
 * per cell then `commit()`, byte for byte, without building its row, cell and model objects (most of the
 * cost of a generated workbook). Styles are still registered through the workbook, in the same order, so
 * the style sheet and the ids are exceljs's own. Every earlier row must be committed.
 */
export function dataRowWriter(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet) {
  const sheet = ws as unknown as SheetInternals;
  const styles = (wb as unknown as { styles: Styles }).styles;
  const cols: string[] = [];
  return (values: readonly Out[], style: (i: number) => object): void => {
    if (sheet._rows.length > 0 || !sheet.startedData) throw new Error('bug: uncommitted rows before data');
    const r = sheet._rowZero++;
    // a row without a value is not written (and registers no style)
    if (!values.some((v) => v !== null && v !== undefined)) return;
    styles.addStyleModel(EMPTY_ROW_STYLE);
    let cells = '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? null;
      const type = valueType(v);
      const s = styles.addStyleModel(style(i), type);
      if (v === null && !s) continue;
      cols[i] ??= letters(i + 1);
      cells += `<c r="${cols[i]}${r}"${s ? ` s="${s}"` : ''}`;
      if (v === null) cells += '/>';
      else if (typeof v === 'string') cells += ` t="str"><v>${xmlEncode(v)}</v></c>`;
      else if (typeof v === 'boolean') cells += ` t="b"><v>${v ? '1' : '0'}</v></c>`;
      else if (typeof v === 'number') cells += `><v>${xmlEncode(String(v))}</v></c>`;
      else cells += `><v>${25569 + v.getTime() / DAY_MS}</v></c>`;
    }
    sheet.stream.write(`<row r="${r}" spans="1:${values.length}" x14ac:dyDescent="0.25">${cells}</row>`);
  };
}
