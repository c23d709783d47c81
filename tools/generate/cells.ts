import { type Column, FLAG_VALUES } from '#core/datasets/columns.ts';
import { formatDate, formatTimestamp } from './calendar.ts';
import { applyCase, type FileStyle } from './style.ts';

/** Written verbatim whatever the column: the generator's invalid-cell probes (`31/02/2026`, a score of 5). */
export interface Raw {
  raw: string;
}

/**
 * A canonical cell value: dates and timestamps as local wall-clock ms (see calendar.ts), enums by their
 * canonical value, flags as booleans.
 */
export type Cell = string | number | boolean | null | Raw;
export type Row = Record<string, Cell>;

/** What a writer receives for one cell. */
export type Out = string | number | boolean | Date | null;
export type Target = 'text' | 'json' | 'xlsx';

/** Count-like columns a locale-formatted spreadsheet may write with a decimal comma. */
const DECIMAL_COMMA_COLUMNS = new Set([
  'age',
  'annual_service_users',
  'participants_users',
  'participants_agencies',
]);

const isRaw = (v: Cell): v is Raw => typeof v === 'object' && v !== null;

function spellEnum(column: Column & { kind: 'enum' }, style: FileStyle): (v: string) => string {
  const spelled = new Map<string, string>();
  for (const [value, spellings] of Object.entries(column.values)) {
    const s = spellings[Math.min(style.spelling, spellings.length - 1)] ?? value;
    spelled.set(value, applyCase(s, style.enumCase === 'keep' && s.length <= 2 ? 'upper' : style.enumCase));
  }
  return (v) => spelled.get(v) ?? v;
}

function valueFormatter(
  name: string,
  column: Column,
  style: FileStyle,
  target: Target,
): (v: Exclude<Cell, Raw | null>) => Out {
  switch (column.kind) {
    case 'date':
    case 'timestamp': {
      if (target === 'xlsx' && style.excelDates) return (v) => new Date(v as number);
      const f = column.kind === 'date' ? formatDate : formatTimestamp;
      return (v) => f(v as number, style.dateFormat);
    }
    case 'integer':
      if (style.decimalComma && DECIMAL_COMMA_COLUMNS.has(name)) return (v) => `${v},0`;
      return target === 'text' ? (v) => String(v) : (v) => v as number;
    case 'enum': {
      const spell = spellEnum(column, style);
      return (v) => spell(String(v));
    }
    case 'flag': {
      if (target === 'json' && style.flagPair % 2 === 0) return (v) => v as boolean;
      const yes = FLAG_VALUES.true[style.flagPair] ?? 'ya';
      const no = FLAG_VALUES.false[style.flagPair] ?? 'tidak';
      return (v) => applyCase(v ? yes : no, style.enumCase);
    }
    default:
      return (v) => String(v);
  }
}

/** The formatter of one column for one file: canonical value → what the writer puts in the cell. */
export function cellFormatter(
  name: string,
  column: Column,
  style: FileStyle,
  target: Target,
): (v: Cell) => Out {
  const format = valueFormatter(name, column, style, target);
  return (v) => {
    if (v === null) return null;
    if (isRaw(v)) return v.raw;
    return format(v);
  };
}
