import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ElementCutter, type InPlaceReader } from './xml-cutter.ts';
import { attributes, runText, startTags, utf8Of } from './xml-scan.ts';
import { entryChunks, rejectWorkbook, type ZipEntry } from './zip.ts';

/** Longest part read whole (workbook, relationships, styles), and longest single row or string item. */
const MAX_PART_CHARS = 32 * 1024 * 1024;

/** What the cells of a workbook need from its other parts. */
export interface WorkbookParts {
  sheets: { name: string; entry: ZipEntry }[];
  /** Per cell style index: whether its number format is a date or time. */
  dateStyles: boolean[];
  date1904: boolean;
  sharedStrings: string[];
}

/**
 * Bytes per chunk of a part read as its bytes: one-byte text, so a larger chunk than zip.ts's (fewer chunks
 * to hand on, fewer rows cut between two) stays, with the unfinished row carried over, below V8's
 * large-object size (128 KiB).
 */
const LATIN1_CHUNK_BYTES = 96 * 1024;

/**
 * Decoded text chunks of one entry (`latin1`: its bytes as text, one character per byte); its inflated
 * bytes told to the entry's tally (see zip-guard.ts), if it has one.
 */
async function* textOf(
  path: string,
  entry: ZipEntry,
  encoding: 'utf8' | 'latin1' = 'utf8',
): AsyncGenerator<string> {
  const stream: Readable = await entryChunks(
    path,
    entry,
    encoding === 'latin1' ? LATIN1_CHUNK_BYTES : undefined,
  );
  const decoder = new StringDecoder(encoding);
  const tally = entry.tally;
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      tally?.add(bytes.length);
      const text = decoder.write(bytes);
      if (text !== '') yield text;
    }
    tally?.end();
    const rest = decoder.end();
    if (rest !== '') yield rest;
  } finally {
    stream.destroy();
  }
}

async function wholeText(path: string, entry: ZipEntry | undefined): Promise<string> {
  if (!entry) return '';
  let text = '';
  for await (const chunk of textOf(path, entry)) {
    text += chunk;
    if (text.length > MAX_PART_CHARS) throw rejectWorkbook(`bagian ${entry.name} terlalu besar.`);
  }
  return text;
}

/**
 * Whole elements `local` of a streamed part, in order, in batches (one per chunk read): as text, or as what
 * `reader` read in place from those it could. With a reader the part is cut as its bytes (see
 * {@link utf8Of}: markup is ASCII, and decoding the few values that need it costs less than the whole part);
 * the elements left as text are decoded before they are given.
 */
export async function* elementsOf<T = never>(
  path: string,
  entry: ZipEntry,
  root: string,
  local: string,
  reader?: InPlaceReader<T>,
): AsyncGenerator<{ elements: (string | T)[]; prefix: string }> {
  const cutter = new ElementCutter(root, local, MAX_PART_CHARS);
  for await (const chunk of textOf(path, entry, reader ? 'latin1' : 'utf8')) {
    const elements = cutter.push(chunk, reader);
    if (reader)
      for (let i = 0; i < elements.length; i++) {
        const element = elements[i];
        if (typeof element === 'string') elements[i] = utf8Of(element);
      }
    if (elements.length > 0) yield { elements, prefix: cutter.prefix ?? '' };
  }
}

/** Relationship id → part path, for the part at `partPath`. */
function relationships(xml: string, partPath: string): Map<string, { type: string; target: string }> {
  const dir = posix.dirname(partPath);
  const out = new Map<string, { type: string; target: string }>();
  for (const tag of startTags(xml, '', 'Relationship')) {
    const a = attributes(tag);
    const target = a.get('Target') ?? '';
    const path = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target));
    out.set(a.get('Id') ?? '', { type: a.get('Type') ?? '', target: path });
  }
  return out;
}

const relsPath = (part: string) => posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);

/** Built-in number formats that are dates or times (the ones the exceljs reader recognised). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Whether a number format code shows a date or time (quoted text and `[…]` sections ignored). */
export const isDateFormat = (code: string) =>
  /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

function dateStyles(xml: string): boolean[] {
  const prefix = /<([\w.-]+:)?styleSheet[\s>]/.exec(xml)?.[1] ?? '';
  const custom = new Map<number, string>();
  for (const tag of startTags(xml, prefix, 'numFmt')) {
    const a = attributes(tag);
    custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const xfs = new RegExp(`<${prefix}cellXfs[\\s>][\\s\\S]*?</${prefix}cellXfs>`).exec(xml)?.[0] ?? '';
  return startTags(xfs, prefix, 'xf').map((tag) => {
    const id = Number(attributes(tag).get('numFmtId') ?? 0);
    const code = custom.get(id);
    return code === undefined ? BUILTIN_DATES.has(id) : isDateFormat(code);
  });
}

/** Read the workbook's sheet list, styles and shared strings (the last bounded by the zip guard). */
export async function workbookParts(path: string, entries: ZipEntry[]): Promise<WorkbookParts> {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ''), e]));
  const root = relationships(await wholeText(path, byName.get('_rels/.rels')), '');
  const bookPath =
    [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const book = await wholeText(path, byName.get(bookPath));
  const rels = relationships(await wholeText(path, byName.get(relsPath(bookPath))), bookPath);
  const ofType = (t: string) => [...rels.values()].find((r) => r.type.endsWith(`/${t}`))?.target;
  const prefix = /<([\w.-]+:)?workbook[\s>]/.exec(book)?.[1] ?? '';
  const sheets = startTags(book, prefix, 'sheet').flatMap((tag) => {
    const a = attributes(tag);
    const id = [...a].find(([k]) => k.endsWith(':id'))?.[1];
    const entry = byName.get(rels.get(id ?? '')?.target ?? '');
    return entry ? [{ name: a.get('name') ?? '', entry }] : [];
  });
  const pr = startTags(book, prefix, 'workbookPr')[0];
  const date1904 = ['1', 'true'].includes(pr ? (attributes(pr).get('date1904') ?? '') : '');
  const sharedStrings: string[] = [];
  const sst = byName.get(ofType('sharedStrings') ?? 'xl/sharedStrings.xml');
  if (sst)
    for await (const { elements, prefix } of elementsOf(path, sst, 'sst', 'si'))
      for (const xml of elements) sharedStrings.push(runText(xml, prefix));
  const styles = byName.get(ofType('styles') ?? 'xl/styles.xml');
  return { sheets, dateStyles: dateStyles(await wholeText(path, styles)), date1904, sharedStrings };
}
