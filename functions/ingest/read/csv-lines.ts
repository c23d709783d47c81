import { CR, LF, QUOTE } from './bytes.ts';
import { fileChunks } from './file-chunks.ts';
import type { RowShift } from './source.ts';

/** What the engine's CSV reader does not tell: where blank lines were, and whether a cell spans lines. */
export interface CsvLines {
  /**
   * Blank lines, as runs: before the non-blank record `record` (0-based, from the file's start) there are
   * `blanks` blank lines in all since the start. The engine skips blank lines; a spreadsheet shows them as
   * rows, so each shifts the row numbers after it.
   */
  runs: { record: number; blanks: number }[];
  /** A quoted cell holds a line break (the engine's parallel reader cannot split such a file). */
  quotedNewlines: boolean;
}

/** The line structure of a file with neither quotes nor blank lines (`FileFacts.plainLines`): nothing to tell. */
export const PLAIN_LINES: CsvLines = { runs: [], quotedNewlines: false };

/**
 * Scan a delimited text file's line structure, streaming: records end at line breaks outside quotes, a
 * blank line is one with nothing (or only a CR) before its LF. Jumps between quote and LF bytes with
 * `indexOf`, so a file costs about one native search per line. `whole`: the file's bytes when in memory.
 */
export function scanCsvLines(path: string, whole?: Buffer): CsvLines {
  const runs: CsvLines['runs'] = [];
  let quotedNewlines = false;
  let inQuote = false;
  let records = 0;
  let blanks = 0;
  let lineLength = 0; // bytes since the last LF outside quotes (0 = the line so far is empty)
  let lastByte = -1;
  for (const chunk of fileChunks(path, 1 << 20, whole)) {
    let pos = 0;
    while (pos < chunk.length) {
      const q = chunk.indexOf(QUOTE, pos);
      const stop = q < 0 ? chunk.length : q;
      if (inQuote) {
        if (chunk.indexOf(LF, pos) >= 0 && chunk.indexOf(LF, pos) < stop) quotedNewlines = true;
        lineLength += stop - pos;
      } else {
        for (let lf = chunk.indexOf(LF, pos); lf >= 0 && lf < stop; lf = chunk.indexOf(LF, lf + 1)) {
          const before = lf > 0 ? chunk[lf - 1]! : lastByte;
          const length = lineLength + (lf - pos) - (before === CR ? 1 : 0);
          if (length === 0) {
            blanks++;
          } else {
            pushRun(runs, records, blanks);
            records++;
          }
          lineLength = 0;
          pos = lf + 1;
        }
        lineLength += stop - pos;
      }
      if (q < 0) break;
      inQuote = !inQuote;
      lineLength++;
      pos = q + 1;
    }
    lastByte = chunk[chunk.length - 1] ?? lastByte;
  }
  return { runs, quotedNewlines };
}

/** Record a run only where the count of blank lines before a record changes. */
function pushRun(runs: CsvLines['runs'], record: number, blanks: number): void {
  if ((runs.at(-1)?.blanks ?? 0) !== blanks) runs.push({ record, blanks });
}

/**
 * Row-number corrections for the data records of a CSV whose header is record `headerRecord` (0-based,
 * counting blank lines, as a spreadsheet numbers rows): data record i (0-based) is row
 * `firstDataRow + i + add`, where `add` is that of the last entry with `from <= i`.
 */
export function rowShifts(lines: CsvLines, headerRecord: number): RowShift[] {
  // the header's non-blank ordinal k satisfies k + blanks-before-k = headerRecord
  let atHeader = 0;
  for (const run of lines.runs) if (run.record + run.blanks <= headerRecord) atHeader = run.blanks;
  const firstData = headerRecord - atHeader + 1;
  return lines.runs
    .filter((r) => r.record >= firstData)
    .map((r) => ({ from: r.record - firstData, add: r.blanks - atHeader }));
}
