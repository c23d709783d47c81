/** Markup that is already safe: produced by `html` or `raw`, never from data. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape any value for HTML text or a quoted attribute. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function part(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === null || value === undefined || value === false) return '';
  return esc(value);
}

/**
 * Tagged template for markup: every interpolated value is escaped unless it is `Html` (or an array of
 * them). Strings from data therefore can never inject markup.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += part(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Trusted markup from code (never from data). */
export const raw = (markup: string): Html => new Html(markup);

/** Replace an element's content with safe markup. */
export function mount(host: Element, markup: Html): void {
  host.innerHTML = markup.value;
}
