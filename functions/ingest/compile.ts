import { ident, literal, literalList } from '#core/contract/sql.ts';
import type { Column } from '#core/datasets/columns.ts';
import { FLAG_VALUES, sqlType } from '#core/datasets/columns.ts';
import { type Dataset, hashedName } from '#core/datasets/definition.ts';
import type { RuleCode } from './rules.ts';

/** One validation check: `failed` is a SQL boolean over the row's raw (`r_`) and normalised (`n_`) values. */
export interface Check {
  id: number;
  column: string | null;
  rule: RuleCode;
  failed: string;
  /** Extra detail appended to the rule's message (from the definition, never from the upload). */
  detail: string;
}

/** SQL that normalises and validates an export, compiled from its dataset definition. */
export interface CompiledValidation {
  checks: Check[];
  /** Raw text of an invalid row: `__raw[i]` (1-based) holds the i-th stored column of {@link rawColumns}. */
  rawColumns: string[];
  /**
   * CTEs and SELECT over a relation `src(__src_row, c0…cN)` producing the staged rows (follows
   * `WITH src AS (…),`). Row numbers are not computed here: a window would make the scan sequential.
   */
  staged: string;
  /**
   * The same rows without what only a rejected row needs (`__errors`, `__raw`): for a scan that keeps only
   * valid rows, whose statement is then smaller to plan.
   */
  valid: string;
}

const r = (c: string) => ident(`r_${c}`);
/** The source cell of a column, as read (not cleaned). */
const s = (c: string) => ident(`s_${c}`);
const n = (c: string) => ident(`n_${c}`);
/** Parsed value of an integer, date or timestamp column, computed once per row. */
const p = (c: string) => ident(`p_${c}`);

/**
 * Parsers of the typed kinds, in two parts whose COALESCE is the parser: `fast` reads what nearly every cell
 * is (a plain cast of a plain form) and is applied per column; `rest` reads every accepted form with tabs and
 * no-break spaces trimmed too, and runs only on the rows where some fast parse failed, once per kind over
 * the list of that kind's columns, so the macros appear once in the plan whatever the number of columns
 * (planning grew with every expansion). `rest` starts with `fast` again: the split changes no result.
 */
const PARSERS = {
  integer: {
    // without a dot, a number is what the full parser reads it as: the cast, else the cast with its decimal
    // comma as a dot (`36,0`, Excel's Indonesian locale; the cast itself takes no comma). Such a cell fell
    // to the full parser, which then ran on every integer column of its row. A dot needs the full parser
    // (Indonesian thousands). A plain number starts below 'A' (a digit, sign, dot or space), so an answer
    // in words skips a cast that fails (~100 ns a cell; `inf` and `nan` go to the full parser, which reads
    // them the same)
    fast: (v: string) =>
      `CASE WHEN ${v} < 'A' AND NOT contains(${v}, '.') THEN COALESCE(TRY_CAST(${v} AS DOUBLE), TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)) END`,
    rest: (v: string) => `COALESCE(pantau_number(${v}), pantau_number(pantau_deep_clean(${v})))`,
  },
  date: {
    fast: (v: string) => `pantau_date_fast(${v})`,
    rest: (v: string) =>
      `COALESCE(pantau_date_fast(${v}), CAST(pantau_timestamp(pantau_deep_clean(${v})) AS DATE))`,
  },
  timestamp: {
    fast: (v: string) => `pantau_timestamp_fast(${v})`,
    rest: (v: string) => `COALESCE(pantau_timestamp_fast(${v}), pantau_timestamp(pantau_deep_clean(${v})))`,
  },
} as const;
type ParsedKind = keyof typeof PARSERS;
const isParsed = (c: Column): c is Column & { kind: ParsedKind } => c.kind in PARSERS;
const parsedList = (kind: ParsedKind) => ident(`__parsed_${kind}`);
/** Fast parse of one column. */
const f = (c: string) => ident(`f_${c}`);

/** Normalised value of one column: parsed kinds come from their list, the others are mapped here. */
function normalise(name: string, c: Column): string {
  if (c.kind === 'date' && c.orDateOf) return `COALESCE(${p(name)}, CAST(${p(c.orDateOf)} AS DATE))`;
  if (c.kind === 'date' || c.kind === 'timestamp') return p(name);
  if (c.kind === 'text' && c.codeFromName)
    return `CASE WHEN ${r(name)} IS NULL THEN pantau_unit_slug(${r(c.codeFromName)}) ELSE ${r(name)} END`;
  // the deep-cleaned spelling is matched only where the plain one is not (a CASE's ELSE runs on those rows)
  if (c.kind === 'enum' || c.kind === 'flag')
    return typedValue(name, c, r(name), typedValue(name, c, `pantau_deep_clean(${r(name)})`));
  return typedValue(name, c, r(name));
}

/** The typed value of `v`; for enums and flags, `otherwise` where `v` is no accepted spelling. */
function typedValue(name: string, c: Column, v: string, otherwise = 'NULL'): string {
  switch (c.kind) {
    case 'integer':
      return `CASE WHEN ${p(name)} = floor(${p(name)}) AND ${p(name)} BETWEEN ${c.min ?? -2147483648} AND ${c.max ?? 2147483647} THEN CAST(${p(name)} AS INTEGER) END`;
    case 'flag':
      return `CASE WHEN lower(${v}) IN (${literalList(FLAG_VALUES.true)}) THEN true WHEN lower(${v}) IN (${literalList(FLAG_VALUES.false)}) THEN false ELSE ${otherwise} END`;
    case 'enum':
      return `CASE lower(${v}) ${Object.entries(c.values)
        .flatMap(([canon, spellings]) => spellings.map((s) => `WHEN ${literal(s)} THEN ${literal(canon)}`))
        .join(' ')} ELSE ${otherwise} END`;
    case 'pii':
      return c.action === 'hash'
        ? `CASE WHEN ${v} IS NOT NULL THEN sha256(getvariable(${literal(SALT_VARIABLE)}) || regexp_replace(${v}, '\\s', '', 'g')) END`
        : 'NULL';
    default:
      return v;
  }
}

/** A required value is missing: its cell is empty, and so is the cell it can come from. */
function blankOf(name: string, c: Column): string {
  const other = c.kind === 'date' ? c.orDateOf : c.kind === 'text' ? c.codeFromName : undefined;
  return other ? `${r(name)} IS NULL AND ${r(other)} IS NULL` : `${r(name)} IS NULL`;
}

const WORD_KEYS = ident('__word_keys');
/**
 * The score of the answer word `v` (SQL) among `entries` (word, score), NULL for any other text: its position
 * in a constant list of the words picks the score from a constant list of the scores. Not `CASE v WHEN …`:
 * binding a test per word, for each labelled column in two layers, was ~10 ms of a large export's planning.
 */
const scoreOf = (v: string, entries: [string, number][]) =>
  `[${entries.map(([, k]) => k).join(', ')}][list_position([${literalList(entries.map(([w]) => w))}], ${v})]`;
const hasLabels = (c: Column) => c.kind === 'integer' && c.labels !== undefined;
/** The score of a labelled cell that is an answer word exactly as its word key spells it, lower case. */
const e = (c: string) => ident(`e_${c}`);

/**
 * Score of a cell whose lower case is itself an answer's word key (what nearly every forms-export cell is):
 * such a text is its own word key, so this agrees with the word-key path, without its regex (~0.4 µs a
 * cell). Only keys of letters and single spaces that no number cast reads (`nan`, `inf`) are matched here,
 * so a cell scored this way is never a number.
 */
function exactLabel(name: string, c: Column): string {
  const keys = Object.entries(c.kind === 'integer' ? (c.labels ?? {}) : {}).filter(
    ([w]) => /^[a-z]+( [a-z]+)*$/.test(w) && !['nan', 'inf', 'infinity'].includes(w),
  );
  return scoreOf(`lower(${r(name)})`, keys);
}

/**
 * The word keys of every labelled column's cells (forms exports answer in words), as one list: computed only
 * on rows where some labelled cell is not a number, by one lambda, so the word-key regex is planned once, not
 * once per column.
 */
function wordKeys(labelled: [string, Column][], numberOf: (name: string) => string[]): string {
  const missed = labelled
    .map(([name]) => `(${firstOf(numberOf(name))} IS NULL AND ${r(name)} IS NOT NULL AND ${e(name)} IS NULL)`)
    .join(' OR ');
  const cells = labelled.map(([name]) => r(name)).join(', ');
  // a number is missed only where the full parser ran (its list is there): the other rows skip the test
  return `CASE WHEN ${parsedList('integer')} IS NOT NULL AND (${missed}) THEN list_transform([${cells}], v -> pantau_word_key(v)) END AS ${WORD_KEYS}`;
}

/**
 * The first of `values` that is not NULL, else `last`: a CASE, not COALESCE, so that each later value is
 * read only on the rows where the earlier ones are NULL.
 */
function firstOf(values: string[], last = 'NULL'): string {
  if (values.length === 1 && last === 'NULL') return values[0]!;
  return `CASE ${values.map((v) => `WHEN ${v} IS NOT NULL THEN ${v}`).join(' ')} ELSE ${last} END`;
}

/**
 * The value of a cell `v` (SQL) of a narrow integer range (a score 1–4) that is exactly the plain text of a
 * whole number in it, else NULL (undefined for a wide range, e.g. an age): its position in a constant list
 * of those texts. Nearly every score cell is one, and so skips the cast and the double arithmetic of the
 * range and whole-number tests (~40 ns a cell: a large export's validation took ~15 % less CPU). Exactly
 * what the parse gives such a text, so the tests agree everywhere. Computed once per cell, as `k_<column>`.
 */
function plainValue(c: Column, v: string): string | undefined {
  if (c.kind !== 'integer' || c.min === undefined || c.max === undefined || c.max - c.min > 9)
    return undefined;
  const texts = Array.from({ length: c.max - c.min + 1 }, (_, i) => String(c.min! + i));
  return `list_position([${literalList(texts)}], ${v}) + ${c.min - 1}`;
}
/** The plain value of a column's cell ({@link plainValue}). */
const k = (c: string) => ident(`k_${c}`);

/** A parsed number, or where it is not one, the score of the answer word (its word key `wordKey`, if any). */
function withLabels(name: string, parsed: string[], c: Column, wordKey: string | undefined): string {
  if (c.kind !== 'integer' || !c.labels) return firstOf(parsed);
  const byKey = wordKey ? scoreOf(wordKey, Object.entries(c.labels)) : 'NULL';
  return firstOf([...parsed, e(name)], byKey);
}

/**
 * An integer column passes its checks (required, a number, whole, in range: {@link columnChecks}) exactly
 * where its cell is blank (when allowed) or an in-range whole number came of it: one test for the four.
 */
const integerPasses = (name: string, blankAllowed: boolean) =>
  blankAllowed ? `(${r(name)} IS NULL OR ${n(name)} IS NOT NULL)` : `${n(name)} IS NOT NULL`;

/** The checks of one column. */
function columnChecks(name: string, c: Column, deriveKey: boolean, period: Period): Omit<Check, 'id'>[] {
  const v = r(name);
  const out: Omit<Check, 'id'>[] = [];
  const add = (rule: RuleCode, failed: string, detail = '') =>
    out.push({ column: name, rule, failed, detail });
  if (c.kind === 'pii') return out;
  const value = c.kind === 'integer' ? p(name) : n(name);
  const unreadable = `${v} IS NOT NULL AND ${value} IS NULL`;
  if (!c.nullable && !deriveKey) add('wajib_diisi', blankOf(name, c));
  switch (c.kind) {
    case 'integer':
      if (c.labels)
        add(
          'jawaban_tidak_dikenal',
          unreadable,
          `Yang dikenali: ${c.min}–${c.max}, a–d, ${(c.answers ?? []).join(', ')}.`,
        );
      else add('bukan_angka', unreadable);
      add('bukan_bilangan_bulat', `${value} <> floor(${value})`);
      add(
        'di_luar_rentang',
        `${value} = floor(${value}) AND ${n(name)} IS NULL`,
        `Rentang ${c.min ?? '…'}–${c.max ?? '…'}.`,
      );
      break;
    case 'date':
    case 'timestamp':
      add(c.kind === 'date' ? 'format_tanggal' : 'format_waktu', unreadable);
      if (c.inPeriod)
        add(
          'di_luar_periode',
          `CAST(${value} AS DATE) NOT BETWEEN CAST(${literal(period.start)} AS DATE) AND CAST(${literal(period.end)} AS DATE)`,
        );
      break;
    case 'enum':
    case 'flag': {
      const accepted = c.kind === 'enum' ? Object.keys(c.values) : ['ya', 'tidak'];
      add('nilai_tidak_dikenal', unreadable, `Nilai yang diterima: ${accepted.join(', ')}.`);
      break;
    }
    case 'text':
      if (c.maxLength)
        add('terlalu_panjang', `length(${v}) > ${c.maxLength}`, `Maksimum ${c.maxLength} karakter.`);
      break;
  }
  return out;
}

export interface CompileOptions {
  /**
   * Use the fast paths (plain casts, trim skipped when it changes nothing): faster per row, but a larger
   * statement to plan (~4 ms more). Off, every value goes through the full normalisers: the same results
   * (tests compare the two), the smaller plan that small files want. @default true
   */
  fastPaths?: boolean;
  /**
   * With fast paths: read what they cannot with the full parsers (default). Off, such a cell is left unread,
   * and so its row is invalid: for a scan that keeps a file only when every row is valid (`curateClean`),
   * whose rows are then the same, at a quarter less planning. About one large export in fifteen has a cell
   * only the full parsers read; it is then staged with them. @default true
   */
  fullParsers?: boolean;
  /** The submission's period, first and last day (`YYYY-MM-DD`), for the checks of in-period dates. */
  period: Period;
  /**
   * The source holds the rows of several exports, each marked by its number in `__file` (an INTEGER column
   * of `src`), and the staged rows carry it: one statement validates them all (`stageBatch`). @default false
   */
  batched?: boolean;
}

/** First and last day of a period, `YYYY-MM-DD`. */
interface Period {
  start: string;
  end: string;
}

/**
 * The session variable holding the salt of hashed personal data (set with `SET VARIABLE` before the
 * statement runs). Not a parameter: a statement with parameters is bound again on every run. The engine
 * reads the variable when it binds the statement, so a reused statement must be keyed by the salt too.
 */
export const SALT_VARIABLE = 'pantau_pii_salt';

/**
 * The column whose code is derived from a name where its cell is empty (`unit_id` from `unit_name`), if the
 * dataset has one: the staged rows then carry `__unit_from_name`.
 */
export const codeFromNameColumn = (ds: Dataset<Record<string, Column>>) =>
  Object.entries(ds.columns).find(([, c]) => c.kind === 'text' && c.codeFromName)?.[0];

/**
 * Compile a dataset's normalisation and validation into one vectorised SELECT. `sources` maps each
 * canonical column to its source column in `src` (absent → NULL); `extra` lists spare source columns that
 * must stay empty.
 */
export function compileValidation(
  ds: Dataset<Record<string, Column>>,
  sources: Map<string, string>,
  extra: string[],
  options: CompileOptions,
): CompiledValidation {
  const fastPaths = options.fastPaths ?? true;
  const fullParsers = !fastPaths || (options.fullParsers ?? true);
  const clean = fastPaths ? 'pantau_clean' : 'pantau_trim';
  const entries = Object.entries(ds.columns);
  const isDerived = (name: string) => ds.deriveKey === true && name === ds.key;
  const checks: Check[] = [];
  // what __valid tests: per integer column one test in place of its checks; every other check as it is
  const passes: string[] = [];
  const tested: Check[] = [];
  for (const [name, c] of entries) {
    // a code read from the name is reported on the name column when the file has no code column
    const shown = c.kind === 'text' && c.codeFromName && !sources.has(name) ? c.codeFromName : name;
    for (const check of columnChecks(name, c, isDerived(name), options.period)) {
      checks.push({ id: checks.length + 1, ...check, column: shown });
      if (c.kind !== 'integer') tested.push(checks.at(-1)!);
    }
    if (c.kind === 'integer') passes.push(integerPasses(name, c.nullable === true || isDerived(name)));
  }
  for (const rule of ds.rowRules ?? []) {
    checks.push({
      id: checks.length + 1,
      column: null,
      rule: 'tanpa_jawaban',
      failed: rule.columns.map((c) => `${n(c)} IS NULL`).join(' AND '),
      detail: '',
    });
    tested.push(checks.at(-1)!);
  }
  if (extra.length > 0) {
    checks.push({
      id: checks.length + 1,
      column: null,
      rule: 'kolom_berlebih',
      // one trim over all spare cells together: planned once, not once per spare column. No `IS NOT NULL`
      // guard on the source cells: a statement prepared while the source table held only empty spare cells
      // folds it to false from the table's statistics and keeps that for later files of the same shape
      failed: `trim(concat(${extra.map(ident).join(', ')})) <> ''`,
      detail: '',
    });
    tested.push(checks.at(-1)!);
  }
  const cell = (name: string) => (sources.has(name) ? ident(sources.get(name)!) : 'CAST(NULL AS VARCHAR)');
  // with fast paths a parsed kind's cell is cleaned only where its fast parse fails: the fast parsers read
  // a padded cell as its cleaned text (a cast skips the spaces that cleaning trims), else they give NULL
  const lazy = (c: Column) => fastPaths && isParsed(c);
  // with fast paths a narrow integer column's plain values are known from its cell alone
  const plain = (name: string, c: Column) => (lazy(c) ? plainValue(c, cell(name)) : undefined);
  const raw = entries.flatMap(([name, c]) => [
    lazy(c) ? `${cell(name)} AS ${s(name)}` : `${clean}(${cell(name)}) AS ${r(name)}`,
    ...(plain(name, c) ? [`${plain(name, c)} AS ${k(name)}`] : []),
  ]);
  const byKind = new Map<ParsedKind, string[]>();
  for (const [name, c] of entries) if (isParsed(c)) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), name]);
  // without fast paths: the lean plan, every value through the full parser of its kind (one list per kind)
  const fast = fastPaths
    ? [...byKind].flatMap(([kind, names]) =>
        names.map((name) => {
          const parse = PARSERS[kind].fast(s(name));
          const known = plain(name, ds.columns[name]!)
            ? `COALESCE(CAST(${k(name)} AS DOUBLE), ${parse})`
            : parse;
          return `${known} AS ${f(name)}`;
        }),
      )
    : [];
  // where the fast parse read the cell, its text stands for the cleaned one (only tested for NULL there);
  // elsewhere the plain trim cleans it: the same text as pantau_clean's (whose fast path a cell that
  // failed its fast parse seldom takes), at less than half the planning for each of these columns
  const cleaned = fastPaths
    ? [...byKind].flatMap(([, names]) =>
        names.map(
          (name) =>
            `CASE WHEN ${f(name)} IS NULL THEN pantau_trim(${s(name)}) ELSE ${s(name)} END AS ${r(name)}`,
        ),
      )
    : [];
  const labelled = entries.filter(([, c]) => hasLabels(c));
  const isLabelled = (name: string) => labelled.some(([l]) => l === name);
  // an answer word is scored here where it is a word key itself (with fast paths: where no number was read)
  const words = labelled.map(([name, c]) =>
    fastPaths
      ? `CASE WHEN ${f(name)} IS NULL THEN ${exactLabel(name, c)} END AS ${e(name)}`
      : `${exactLabel(name, c)} AS ${e(name)}`,
  );
  // an answer word scored exactly is no number to any parser: no full parse for it (a forms export's
  // answers are words; each would otherwise fail two casts)
  const unscored = (name: string) =>
    isLabelled(name) ? `CASE WHEN ${e(name)} IS NULL THEN ${r(name)} END` : r(name);
  const lists = (fullParsers ? [...byKind] : []).map(([kind, names]) => {
    const rest = `list_transform([${names.map(unscored).join(', ')}], v -> ${PARSERS[kind].rest('v')})`;
    if (!fastPaths) return `${rest} AS ${parsedList(kind)}`;
    const missed = names
      .map(
        (name) =>
          `(${f(name)} IS NULL AND ${r(name)} IS NOT NULL${isLabelled(name) ? ` AND ${e(name)} IS NULL` : ''})`,
      )
      .join(' OR ');
    return `CASE WHEN ${missed} THEN ${rest} END AS ${parsedList(kind)}`;
  });
  // the fast parse, then the full parser's (computed only on rows where some fast parse of the kind failed)
  const numberOf = (name: string) => {
    const [kind, names] = [...byKind].find(([, ns]) => ns.includes(name))!;
    const full = `${parsedList(kind)}[${names.indexOf(name) + 1}]`;
    return !fullParsers ? [f(name)] : fastPaths ? [f(name), full] : [full];
  };
  const labels = fullParsers && labelled.length > 0 ? [wordKeys(labelled, numberOf)] : [];
  const parsed = [...byKind].flatMap(([, names]) =>
    names.map((name) => {
      const at = labelled.findIndex(([l]) => l === name);
      const wordKey = labels.length > 0 && at >= 0 ? `${WORD_KEYS}[${at + 1}]` : undefined;
      return `${withLabels(name, numberOf(name), ds.columns[name]!, wordKey)} AS ${p(name)}`;
    }),
  );
  const norm = entries.map(([name, c]) => {
    const value = plain(name, c) ? `COALESCE(${k(name)}, ${normalise(name, c)})` : normalise(name, c);
    return `CAST(${value} AS ${sqlType(c)}) AS ${n(name)}`;
  });
  // valid unless some check holds (a check that is NULL does not); the failed checks' ids are listed again
  // only for the invalid rows, so no per-check column is made for every row
  if (tested.length > 0)
    passes.push(`NOT COALESCE(${tested.map((k) => `(${k.failed})`).join(' OR ')}, false)`);
  const valid = passes.length > 0 ? passes.join(' AND ') : 'true';
  const errorList = `list_filter([${checks.map((k) => `CASE WHEN ${k.failed} THEN ${k.id} END`).join(', ')}], x -> x IS NOT NULL)`;
  const kept = entries.filter(([, c]) => c.kind !== 'pii');
  const fromName = codeFromNameColumn(ds);
  const carried = options.batched ? '__file, __src_row' : '__src_row';
  // each layer adds its columns to the one below it; one that adds none is left out, as binding its
  // `SELECT *` costs (two such layers were ~2 ms of a large export's one pass, whose plan is made per file)
  const layers: [string, string[]][] = [
    ['fast', fast],
    ['cleaned', cleaned],
    ['words', words],
    ['lists', lists],
    ['labelled', labels],
    ['parsed', parsed],
    ['normalised', norm],
    ['flagged', [`${valid} AS __valid`]],
  ];
  const made = [`raw AS (SELECT ${carried}, ${[...raw, ...extra.map(ident)].join(', ')} FROM src)`];
  let below = 'raw';
  for (const [name, columns] of layers) {
    if (columns.length === 0) continue;
    made.push(`${name} AS (SELECT *, ${columns.join(', ')} FROM ${below})`);
    below = name;
  }
  const ctes = `\n    ${made.join(',\n    ')}`;
  const rows = `SELECT ${carried},
      ${entries
        .filter(([, c]) => c.kind !== 'pii' || c.action === 'hash')
        .map(([name, c]) => `${n(name)} AS ${ident(c.kind === 'pii' ? hashedName(name) : name)}`)
        .join(',\n      ')},
      __valid${fromName ? `,\n      (${r(fromName)} IS NULL AND ${n(fromName)} IS NOT NULL) AS __unit_from_name` : ''}`;
  const staged = `${ctes}
    ${rows},
      CASE WHEN NOT __valid THEN ${errorList} END AS __errors,
      CASE WHEN NOT __valid THEN [${kept.map(([name, c]) => (lazy(c) ? `${clean}(${s(name)})` : r(name))).join(', ')}] END AS __raw
    FROM flagged`;
  return {
    checks,
    staged,
    valid: `${ctes}
    ${rows}
    FROM flagged`,
    rawColumns: kept.map(([name]) => name),
  };
}
