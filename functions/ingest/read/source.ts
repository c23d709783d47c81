import { IngestError } from '../errors.ts';

/**
 * An uploaded export made ready for the engine, its rows mapping to the officer's rows: a UTF-8 CSV file
 * (the upload itself when it is clean UTF-8 CSV, or a conversion written to the scratch folder) or a
 * Parquet file written by a conversion (see {@link ParquetSource}).
 */
export type TabularSource = CsvSource | ParquetSource;

/** What every {@link TabularSource} says, whatever its file format. */
interface SourceBase {
  /** The local file the validating scan reads. */
  path: string;
  /** The export's header cells, in order. */
  header: string[];
  /** Describes the upload for the report, e.g. `CSV (;), Windows-1252`. */
  description: string;
  /** Workbooks: the sheet read and its 0-based position (an instructions sheet may come before). */
  sheet?: { name: string; position: number };
  /** Rows left out under the data (summary and signature rows of a recap), with their row numbers. */
  skipped?: { count: number; rows: number[] };
}

/** From data record `from` (0-based) on, the rows are `add` further down: the blank lines above them. */
export interface RowShift {
  from: number;
  add: number;
}

/** A UTF-8 CSV file. */
export interface CsvSource extends SourceBase {
  format: 'csv';
  delimiter: ',' | ';' | '\t' | '|';
  /** Physical lines to skip before the first data row (title rows and the header). */
  skipLines: number;
  /**
   * Row numbers: `explicit` = the first CSV column holds the original row number (conversions);
   * otherwise data record i (0-based) is row `firstDataRow + i`.
   */
  rows:
    | { explicit: true }
    | {
        explicit: false;
        firstDataRow: number;
        /** Blank lines between records (see csv-lines.ts). */
        shifts?: RowShift[];
      };
  /** A quoted cell spans lines: the engine must read the file with one thread. */
  quotedNewlines?: boolean;
  /**
   * An upper bound of the longest record's UTF-8 bytes, when known: a file whose records all fit in a small
   * buffer is read with one (see `stage-source.ts`).
   */
  longestRecord?: number;
}

/**
 * A Parquet file of a conversion (a JSON export): the original row number (BIGINT), a column the scan does
 * not read, then one text column per header cell, in order. The columns are read by position, never by
 * name (the names are the export's keys as the engine spelled them).
 */
export interface ParquetSource extends SourceBase {
  format: 'parquet';
  /** A conversion's rows are always numbered in its file. */
  rows: { explicit: true };
  /**
   * The bytes of its rows as comma-separated text (the row number and every cell, without quote marks):
   * about the size of the CSV it stands for, which the size-based choices of the validating scan go by.
   */
  textBytes: number;
}

/** A file-level reason the upload cannot be read, in Bahasa Indonesia. */
export class UnreadableFileError extends IngestError {
  override name = 'UnreadableFileError';
}

/** The fewest dataset columns a row must name to be taken as the header. */
export const MIN_HEADER_COLUMNS = 2;

/** How many leading rows are searched for the header row. */
export const HEADER_SEARCH_ROWS = 30;
