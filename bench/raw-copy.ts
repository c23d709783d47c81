// The baseline of the ingest benchmark: DuckDB's own CSV → Parquet copy, no validation.
import { Duck } from '#core/duckdb.ts';

const [csv, out] = process.argv.slice(2);
const duck = await Duck.open();
await duck.run('COPY (SELECT * FROM read_csv($csv)) TO $out (FORMAT parquet, COMPRESSION zstd)', {
  csv: csv!,
  out: out!,
});
duck.close();
