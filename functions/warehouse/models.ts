import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referencedNames } from '#core/contract/sql.ts';
import { type Bilingual, MART_GLUE_TYPES, type MartGlueType } from '#core/contract/types.ts';
import type { Layer, Model } from './engine.ts';

/** The repository's `sql/` folder. */
export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

/** Layers in build order; each is a folder of `sql/`. */
export const LAYERS: readonly Layer[] = ['staging', 'intermediate', 'marts'];

/** Glue/Athena column types a model may declare in its header (the contract's scalar types). */
export const GLUE_TYPES = MART_GLUE_TYPES;
export type GlueType = MartGlueType;

/** A documented output column (`-- column <name> <type>: <id> | <en>` in the model's header). */
export interface ModelColumn {
  name: string;
  type: GlueType;
  doc: Bilingual;
}

/** A model with the documentation kept in its own file's header comment. */
export interface DocumentedModel extends Model {
  file: string;
  /** `-- grain: <id> | <en>`: what one row is. */
  grain?: Bilingual;
  /** `-- key: a, b`: the columns that identify a row within a period (unique, never null). */
  key: string[];
  columns: ModelColumn[];
}

const bilingual = (text: string): Bilingual => {
  const [id = '', en = ''] = text.split('|').map((s) => s.trim());
  return { id, en: en || id };
};

/** Parse one model file: header docs, SQL body, and its layer's materialisation. */
export function parseModel(name: string, layer: Layer, file: string, text: string): DocumentedModel {
  const columns: ModelColumn[] = [];
  let grain: Bilingual | undefined;
  let key: string[] = [];
  for (const line of text.split('\n')) {
    const grainMatch = /^--\s*grain:\s*(.+)$/.exec(line);
    if (grainMatch) grain = bilingual(grainMatch[1]!);
    const keyMatch = /^--\s*key:\s*(.+)$/.exec(line);
    if (keyMatch) key = keyMatch[1]!.split(',').map((k) => k.trim());
    const col = /^--\s*column\s+([a-z_][a-z0-9_]*)\s+([a-z]+):\s*(.+)$/.exec(line);
    if (!col) continue;
    const type = col[2] as GlueType;
    if (!GLUE_TYPES.includes(type)) throw new Error(`${file}: unknown column type "${type}"`);
    columns.push({ name: col[1]!, type, doc: bilingual(col[3]!) });
  }
  const sql = text.trim().replace(/;\s*$/, '');
  const materialized = layer === 'marts' ? 'partition' : 'relation';
  for (const k of key)
    if (!columns.some((c) => c.name === k))
      throw new Error(`${file}: key column "${k}" is not a documented column`);
  return { name, layer, file, sql, materialized, dependsOn: [], grain, key, columns };
}

/** Order models so every model comes after the models it reads; ties by layer, then name. */
export function orderModels<M extends Model>(models: readonly M[]): M[] {
  const names = new Set(models.map((m) => m.name));
  const withDeps = models.map((m) => {
    const used = referencedNames(m.sql, names);
    return { ...m, dependsOn: [...used].filter((n) => n !== m.name).sort() };
  });
  const rank = (m: Model) => `${LAYERS.indexOf(m.layer)}:${m.name}`;
  const pending = [...withDeps].sort((a, b) => rank(a).localeCompare(rank(b)));
  const done = new Set<string>();
  const out: M[] = [];
  while (pending.length > 0) {
    const i = pending.findIndex((m) => m.dependsOn.every((d) => done.has(d)));
    if (i < 0) throw new Error(`cyclic model references: ${pending.map((m) => m.name).join(', ')}`);
    const [next] = pending.splice(i, 1);
    done.add(next!.name);
    out.push(next!);
  }
  return out;
}

/** Every model file under `sql/<layer>/`, parsed and in build order. Adding a model = adding a file. */
export async function loadModels(dir: string = SQL_DIR): Promise<DocumentedModel[]> {
  const models: DocumentedModel[] = [];
  for (const layer of LAYERS) {
    const files = await readdir(join(dir, layer)).catch(() => [] as string[]);
    for (const f of files.filter((x) => x.endsWith('.sql')).sort()) {
      const name = f.slice(0, -4);
      if (!/^[a-z][a-z0-9_]*$/.test(name))
        throw new Error(`model file name must be a lowercase identifier: ${f}`);
      const file = join(dir, layer, f);
      models.push(parseModel(name, layer, file, await readFile(file, 'utf8')));
    }
  }
  return orderModels(models);
}
