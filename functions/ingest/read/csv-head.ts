import { parse } from 'csv-parse/sync';
import { LF, QUOTE } from './bytes.ts';
import type { FileFacts } from './inspect.ts';
import type { CsvSource } from './source.ts';

/** One record of a file's first lines, with the number of lines read up to its end. */
export interface HeadRecord {
  record: string[];
  lines: number;
}

/**
 * The first `count` lines of a text export's head, decoded (BOM left out), joined by LF: every line when
 * the head has fewer (the last, possibly cut, line left out unless it is the only one). Exactly
 * `text.split(/\r?\n/)` cut so, without decoding and splitting all of the head: a single-byte line feed is
 * one in UTF-8 and Windows-1252 text alike, so only the bytes up to the last line kept are decoded.
 */
export function headLines(facts: Pick<FileFacts, 'head' | 'encoding'>, count: number): string {
  const decode = (bytes: Buffer) => new TextDecoder(facts.encoding).decode(bytes).replace(/^\uFEFF/, '');
  const { head } = facts;
  const bytewise = facts.encoding === 'utf-8' || facts.encoding === 'windows-1252';
  let end = -1;
  for (
    let seen = 0, at = head.indexOf(LF);
    bytewise && at >= 0 && seen < count;
    at = head.indexOf(LF, at + 1)
  ) {
    end = at;
    seen++;
  }
  // without a line feed (or in UTF-16) the whole head is decoded; the cut then finds the lines in the text
  const text = end < 0 ? decode(head) : decode(head.subarray(0, end + 1));
  return firstLines(text, count);
}

/** The first `count` lines of `text` as `text.split(/\r?\n/)` gives them, the last one left out (see {@link headLines}). */
function firstLines(text: string, count: number): string {
  let end = -1;
  let seen = 0;
  for (let at = text.indexOf('\n'); at >= 0 && seen < count; at = text.indexOf('\n', at + 1)) {
    end = at;
    seen++;
  }
  if (end < 0) return text;
  const cut = text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
  return text.slice(0, cut).replace(/\r\n/g, '\n');
}

/**
 * The first `to` records (all without `to`) of a delimited text, as csv-parse reads them with relaxed
 * quotes and column counts (a blank line is one empty cell). A text whose line breaks are all LF or all
 * CRLF, without a leading BOM, is read by {@link wellFormedRecords} when it can (csv-parse costs ~20× more);
 * any other text is parsed. `bom` drops a leading BOM. Null when the parser rejects the text.
 */
export function headRecords(
  text: string,
  delimiter: CsvSource['delimiter'],
  to?: number,
  bom = false,
): HeadRecord[] | null {
  if (text.charCodeAt(0) !== 0xfeff) {
    const lineBreak = !text.includes('\r') ? '\n' : /\r(?!\n)|(?<!\r)\n/.test(text) ? undefined : '\r\n';
    const quick = lineBreak && wellFormedRecords(text, delimiter, lineBreak, to);
    if (quick) return quick;
  }
  return parsedRecords(text, delimiter, to, bom);
}

/** The first `to` records of a delimited text as csv-parse reads them (see {@link headRecords}); null when it rejects the text. */
export function parsedRecords(
  text: string,
  delimiter: string,
  to?: number,
  bom = false,
): HeadRecord[] | null {
  try {
    const parsed = parse(text, {
      delimiter,
      bom,
      relax_quotes: true,
      relax_column_count: true,
      info: true,
      to,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return parsed.map(({ record, info }) => ({ record, lines: info.lines }));
  } catch {
    return null;
  }
}

/**
 * Records of a text whose quoted cells are well formed (a quote opens a cell, doubled quotes inside, the
 * closing quote then a delimiter, a line break or the end), read as csv-parse reads them: a quote inside an
 * unquoted cell is text, a final line break opens no record, and `lines` counts each CR and LF inside a
 * quoted cell as a line (a CRLF there is two).
 * Undefined at anything else (an unclosed quote, text after a closing quote): csv-parse then decides.
 */
export function wellFormedRecords(
  text: string,
  delimiter: string,
  lineBreak: string,
  to = Number.POSITIVE_INFINITY,
): HeadRecord[] | undefined {
  const out: HeadRecord[] = [];
  const next = { delimiter: -1, lineBreak: -1 };
  const nextOf = (key: 'delimiter' | 'lineBreak', sep: string, from: number) => {
    if (next[key] < from && next[key] !== Number.POSITIVE_INFINITY) {
      const at = text.indexOf(sep, from);
      next[key] = at < 0 ? Number.POSITIVE_INFINITY : at;
    }
    return next[key];
  };
  let record: string[] = [];
  let line = 1;
  let pos = 0;
  while (out.length < to && (pos < text.length || record.length > 0)) {
    let end: number;
    if (text.charCodeAt(pos) === QUOTE) {
      const cell = quotedCell(text, pos + 1);
      if (!cell) return undefined;
      record.push(cell.value);
      line += cell.lineBreaks;
      end = cell.end;
      if (end < text.length && !text.startsWith(delimiter, end) && !text.startsWith(lineBreak, end))
        return undefined;
    } else {
      end = Math.min(nextOf('delimiter', delimiter, pos), nextOf('lineBreak', lineBreak, pos), text.length);
      record.push(text.slice(pos, end));
    }
    if (end < text.length && text.startsWith(delimiter, end)) {
      pos = end + 1;
      continue;
    }
    out.push({ record, lines: line });
    record = [];
    pos = end + lineBreak.length;
    line++;
  }
  return out;
}

/** A quoted cell's text from just after its opening quote: doubled quotes read as one; undefined if unclosed. */
function quotedCell(
  text: string,
  from: number,
): { value: string; end: number; lineBreaks: number } | undefined {
  let value = '';
  for (let at = from; ; ) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return undefined;
    if (text.charCodeAt(quote + 1) !== QUOTE) {
      value += text.slice(at, quote);
      return { value, end: quote + 1, lineBreaks: lineEnds(text, from, quote) };
    }
    value += text.slice(at, quote + 1);
    at = quote + 2;
  }
}

/** CR and LF characters in `text` from `from` to before `to`. */
function lineEnds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) count++;
  }
  return count;
}
