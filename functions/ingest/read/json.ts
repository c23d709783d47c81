import type { Duck } from '#core/duckdb.ts';
import { literal } from '#core/duckdb.ts';
import { type TabularSource, UnreadableFileError } from './source.ts';

/**
 * Convert a JSON array of objects or NDJSON into a UTF-8 CSV with DuckDB's JSON reader (streamed), numbering
 * records from 1. The object keys are the header.
 */
export async function openJson(path: string, head: Buffer, duck: Duck, out: string): Promise<TabularSource> {
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  const format = text.startsWith('[') ? 'array' : 'newline_delimited';
  const source = `read_json(${literal(path)}, format = ${literal(format)}, records = true, maximum_depth = 2, sample_size = 20480)`;
  try {
    const described = await duck.rows<{ column_name: string; column_type: string }>(
      `DESCRIBE SELECT * FROM ${source}`,
    );
    if (described.length === 0 || (described.length === 1 && described[0]!.column_name === 'json')) {
      throw new Error('bukan array objek');
    }
    await duck.run(
      `COPY (SELECT row_number() OVER () AS __row, COLUMNS(*)::VARCHAR FROM ${source}) TO ${literal(out)} (FORMAT csv, HEADER false)`,
    );
    return {
      path: out,
      delimiter: ',',
      skipLines: 0,
      header: described.map((d) => d.column_name),
      rows: { explicit: true },
      description: format === 'array' ? 'JSON (array objek)' : 'NDJSON (satu objek per baris)',
    };
  } catch (e) {
    throw new UnreadableFileError(
      `Berkas JSON tidak dapat dibaca sebagai data tabel: isinya harus berupa array objek ([{...}, {...}]) atau satu objek per baris (NDJSON). Rincian: ${firstLine(e)}`,
    );
  }
}

const firstLine = (e: unknown) =>
  String((e as Error).message)
    .split('\n')[0]!
    .replace(/ in file "[^"]*"/g, '')
    .slice(0, 300);
