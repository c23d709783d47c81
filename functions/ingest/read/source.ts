import { IngestError } from '../errors.ts';

/**
 * An uploaded export made ready for the engine: a UTF-8 CSV file whose rows map to the officer's rows.
 * Either the upload itself (clean UTF-8 CSV) or a conversion written to the scratch folder.
 */
export interface TabularSource {
  /** Local UTF-8 CSV file. */
  path: string;
  delimiter: ',' | ';' | '\t' | '|';
  /** Physical lines to skip before the first data row (title rows and the header). */
  skipLines: number;
  /** The export's header cells, in order. */
  header: string[];
  /**
   * Row numbers: `explicit` = the first CSV column holds the original row number (conversions);
   * otherwise data record i (0-based) is row `firstDataRow + i`.
   */
  rows:
    | { explicit: true }
    | {
        explicit: false;
        firstDataRow: number;
        /** Blank lines between records: from data record `from` on, add `add` (see csv-lines.ts). */
        shifts?: { from: number; add: number }[];
      };
  /** A quoted cell spans lines: the engine must read the file with one thread. */
  quotedNewlines?: boolean;
  /**
   * An upper bound of the longest record's UTF-8 bytes, when known: a file whose records all fit in a small
   * buffer is read with one (see `stage-source.ts`).
   */
  longestRecord?: number;
  /** Describes the file for the report, e.g. `CSV (;), Windows-1252`. */
  description: string;
  /** Workbooks: the sheet read and its 0-based position (an instructions sheet may come before). */
  sheet?: { name: string; position: number };
  /** Rows left out under the data (summary and signature rows of a recap), with their row numbers. */
  skipped?: { count: number; rows: number[] };
}

/** A file-level reason the upload cannot be read, in Bahasa Indonesia. */
export class UnreadableFileError extends IngestError {
  override name = 'UnreadableFileError';
}

/** The fewest dataset columns a row must name to be taken as the header. */
export const MIN_HEADER_COLUMNS = 2;

/** How many leading rows are searched for the header row. */
export const HEADER_SEARCH_ROWS = 30;
