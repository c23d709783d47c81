import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

/** sha256 over every file's path, bytes and mtime. */
export function hashTree(dir: string): string {
  const h = createHash('sha256');
  for (const f of listFiles(dir)) {
    h.update(`${f}\0${statSync(join(dir, f)).mtimeMs}\0`);
    h.update(readFileSync(join(dir, f)));
  }
  return h.digest('hex');
}

/** Normalised header spelling, as ingest compares them (case, spacing, punctuation, `_`/`-` insensitive). */
export const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The header cells and data-row count of a generated table file, whatever its format. */
export async function readTable(path: string): Promise<{ header: string[]; rows: number }> {
  if (path.endsWith('.xlsx')) {
    const lines: string[][] = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {});
    for await (const ws of reader)
      for await (const row of ws) lines.push((row.values as unknown[]).slice(1).map(String));
    const at = lines.findIndex((l) => l.length > 3);
    return { header: lines[at] ?? [], rows: lines.length - at - 1 };
  }
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (path.endsWith('.json') || path.endsWith('.ndjson')) {
    const objs = path.endsWith('.json')
      ? (JSON.parse(text) as object[])
      : text
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as object);
    return { header: objs[0] ? Object.keys(objs[0]) : [], rows: objs.length };
  }
  const [first = '', ...rest] = text.split(/\r?\n/);
  const delimiter = [';', '\t', ','].find((d) => first.includes(d)) ?? ',';
  return { header: first.split(delimiter), rows: rest.filter((l) => l.trim()).length };
}
