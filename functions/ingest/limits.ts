/**
 * Hard limits on what one upload may make the readers do, so a hostile or broken export gets a clear
 * rejection in bounded time and memory instead of exhausting the process. Each limit is far above what a
 * genuine export of the three instruments needs (a 2 M-row SKM CSV is ~200 MB; an Excel sheet holds at
 * most 1,048,576 rows and 16,384 columns).
 */
export const LIMITS = {
  /** Largest upload read at all. */
  maxFileBytes: 1024 * 1024 * 1024,
  /** Longest physical line of a CSV export (a real row is a few hundred bytes). */
  maxLineBytes: 1024 * 1024,
  /** Most header cells of an export (the widest dataset has ~25 columns). */
  maxColumns: 512,
  /** Most entries in an XLSX package. */
  maxZipEntries: 10_000,
  /** Most bytes an XLSX package may inflate to, all entries together (zip-bomb guard). */
  maxInflatedBytes: 1024 * 1024 * 1024,
  /** Most bytes the shared-string table of an XLSX may inflate to (the row source keeps it in memory). */
  maxSharedStringsBytes: 64 * 1024 * 1024,
  /** Most rows of an XLSX sheet, empty ones included (Excel's own maximum). */
  maxSheetRows: 1_048_576,
  /** Deepest nesting of a JSON export (records are flat objects: depth 2). */
  maxJsonDepth: 64,
} as const;

/** A size as an officer reads it (`1,5 MB`). */
export const sizeText = (bytes: number) =>
  `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;

/**
 * Rows per row group of every Parquet file ingest writes: 30,720 (a quarter of the engine's default) bound
 * what the writer holds before it flushes: a 200 k-row sheet's ingest peaked about 45 MB lower, at the
 * same speed.
 */
const ROW_GROUP_SIZE = 30720;

/**
 * Every file ingest's engine writes is in its own scratch folder, read by no one before the write ends and
 * often written again under the same name (each waiting upload's folder is reused): written in place, not
 * to a temporary file renamed over the previous one, which freed an inode each time (see the lock in
 * local-store.ts for what that costs). A write that fails removes its file.
 */
const SCRATCH_WRITE = `ROW_GROUP_SIZE ${ROW_GROUP_SIZE}, USE_TMP_FILE false`;

/** How ingest writes the Parquet files it keeps (curated files, uploaded to the lake once written). */
export const PARQUET_WRITE = `FORMAT parquet, COMPRESSION zstd, ${SCRATCH_WRITE}`;
/**
 * How ingest writes its scratch Parquet files (the staged rows, a JSON export's conversion), read back only
 * by the same process: not compressed. Each column's compressor costs its set-up in every file, most of a
 * small export's write (~0.5 ms of a complaints file's 7 ms validating copy), and saves nothing on a local
 * disk (a JSON conversion wrote and read no faster with LZ4 or snappy).
 */
export const STAGED_PARQUET_WRITE = `FORMAT parquet, COMPRESSION uncompressed, ${SCRATCH_WRITE}`;
