import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { headerScore } from '../headers.ts';
import { headLines, headRecords } from './csv-head.ts';
import { PLAIN_LINES, rowShifts, scanCsvLines } from './csv-lines.ts';
import { openCsvRecap } from './csv-recap.ts';
import { type FileFacts, wholeFile } from './inspect.ts';
import { HEADER_SEARCH_ROWS, MIN_HEADER_COLUMNS, type TabularSource, UnreadableFileError } from './source.ts';

/** The delimiters a text export may use, in the order a tie between them is decided. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
const DELIMITER_NAMES: Record<string, string> = {
  ',': 'koma',
  ';': 'titik koma',
  '\t': 'tab',
  '|': 'garis tegak',
};

/** Open a delimited text export: decode to UTF-8 when needed, find its delimiter and header row. */
export async function openCsv(
  path: string,
  facts: FileFacts,
  ds: Dataset<Record<string, Column>>,
  scratchPath: string,
): Promise<TabularSource> {
  const utf8Path = facts.encoding === 'utf-8' ? path : await transcode(path, facts.encoding, scratchPath);
  // the header is searched in the first rows only; a few extra lines allow for quoted line breaks
  const complete = headLines(facts, HEADER_SEARCH_ROWS * 2);
  // a delimiter absent from the sample gives one cell a row, which names one column at most: never a header
  const best = DELIMITERS.filter((d) => complete.includes(d))
    .map((d) => sniff(complete, d, ds))
    .reduce((a, b) => (b.score > a.score ? b : a), NO_HEADER);
  // a real header names at least two columns (one match can be chance in a broken or binary file)
  if (best.score < MIN_HEADER_COLUMNS) {
    throw new UnreadableFileError(
      'Baris judul kolom tidak ditemukan: tidak ada judul kolom yang dikenali pada 30 baris pertama (periksa pemisah kolom dan nama kolom).',
    );
  }
  const description = `CSV (pemisah ${DELIMITER_NAMES[best.delimiter]}), ${facts.encoding === 'utf-8' ? (facts.head[0] === 0xef ? 'UTF-8 dengan BOM' : 'UTF-8') : facts.encoding}`;
  // a recap workbook saved as CSV is read as the workbook would be (two-row header, summary rows skipped)
  // the inspection kept the last bytes of the file as uploaded: the recap check's, unless it was transcoded
  const tail = facts.encoding === 'utf-8' ? { bytes: facts.tail, size: facts.size } : undefined;
  const recap = await openCsvRecap(
    utf8Path,
    { head: complete, tail },
    best,
    ds,
    join(dirname(scratchPath), 'converted.csv'),
  );
  if (recap) return { ...recap, description };
  // a transcoded copy is scanned: the inspection saw the upload's bytes
  const layout =
    facts.encoding !== 'utf-8'
      ? scanCsvLines(utf8Path)
      : facts.plainLines
        ? PLAIN_LINES
        : scanCsvLines(utf8Path, wholeFile(facts));
  return {
    format: 'csv',
    path: utf8Path,
    delimiter: best.delimiter,
    skipLines: best.skipLines,
    header: best.header,
    rows: {
      explicit: false,
      firstDataRow: best.headerRecord + 2,
      shifts: rowShifts(layout, best.headerRecord),
    },
    quotedNewlines: layout.quotedNewlines,
    // a line is a record unless a quoted cell spans lines; decoding to UTF-8 at most triples a line's bytes
    longestRecord: layout.quotedNewlines
      ? undefined
      : facts.longestLine * (facts.encoding === 'utf-8' ? 1 : 3),
    description,
  };
}

interface Sniffed {
  delimiter: (typeof DELIMITERS)[number];
  score: number;
  header: string[];
  headerRecord: number;
  skipLines: number;
}

const NO_HEADER: Sniffed = { delimiter: DELIMITERS[0], score: 0, header: [], headerRecord: 0, skipLines: 0 };

function sniff(
  sample: string,
  delimiter: (typeof DELIMITERS)[number],
  ds: Dataset<Record<string, Column>>,
): Sniffed {
  const none: Sniffed = { delimiter, score: 0, header: [], headerRecord: 0, skipLines: 0 };
  const records = headRecords(sample, delimiter, HEADER_SEARCH_ROWS);
  let best = none;
  records?.forEach(({ record, lines }, i) => {
    const score = headerScore(ds, record);
    if (score > best.score) best = { delimiter, score, header: record, headerRecord: i, skipLines: lines };
  });
  return best;
}

/** Decode a non-UTF-8 text file into a UTF-8 copy, streaming. */
async function transcode(path: string, encoding: FileFacts['encoding'], out: string): Promise<string> {
  const decoder = new TextDecoder(encoding);
  const sink = createWriteStream(out);
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let text = decoder.decode(chunk, { stream: true });
    if (first) text = text.replace(/^\uFEFF/, '');
    first = false;
    if (!sink.write(text)) await once(sink, 'drain');
  }
  sink.end(decoder.decode());
  await once(sink, 'finish');
  return out;
}
