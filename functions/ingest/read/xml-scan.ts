/**
 * A small, fast scanner for the parts of SpreadsheetML that ingest reads (rows, cells, shared strings,
 * workbook and style lists). Not a general XML parser: no DTDs (an entity it does not know rejects the
 * file), elements are found by name with the part's own namespace prefix.
 */

/**
 * UTF-8 text read as its bytes (`latin1`: one character per byte, which keeps ASCII markup where it is)
 * decoded, as a decoder of the whole part would have.
 */
export const utf8Of = (bytes: string) => Buffer.from(bytes, 'latin1').toString('utf8');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text content with its character references and CDATA sections resolved. */
export function xmlText(raw: string): string {
  if (!raw.includes('&') && !raw.includes('<')) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const amp = raw.indexOf('&', i);
    const cdata = raw.indexOf('<![CDATA[', i);
    if (cdata >= 0 && (amp < 0 || cdata < amp)) {
      const end = raw.indexOf(']]>', cdata);
      if (end < 0) throw new Error('CDATA tidak ditutup');
      out += raw.slice(i, cdata) + raw.slice(cdata + 9, end);
      i = end + 3;
      continue;
    }
    if (amp < 0) break;
    const semi = raw.indexOf(';', amp);
    if (semi < 0) throw new Error('referensi karakter tidak ditutup');
    out += raw.slice(i, amp) + entity(raw.slice(amp + 1, semi));
    i = semi + 1;
  }
  return out + raw.slice(i);
}

function entity(name: string): string {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    if (!Number.isInteger(code) || code < 0 || code > 0x10ffff)
      throw new Error(`invalid character &${name};`);
    return String.fromCodePoint(code);
  }
  const known = ENTITIES[name];
  if (known === undefined) throw new Error(`undefined entity &${name.slice(0, 40)};`);
  return known;
}

/** Attributes of a start tag's text (`name="v"` or `name='v'`), values resolved. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out.set(m[1]!, xmlText(m[2] ?? m[3] ?? ''));
  return out;
}

/** The namespace prefix (`x:` or '') of a part's root element named `root`, from the part's first text. */
export function rootPrefix(head: string, root: string): string {
  return new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}[\\s>/]`).exec(head)?.[1] ?? '';
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Start tags named `local` (with `prefix`) in a text: their attribute text, in order. */
export function startTags(xml: string, prefix: string, local: string): string[] {
  const re = new RegExp(`<${escapeRegex(prefix + local)}(?=[\\s/>])([^>]*)>`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1]!);
}

/**
 * The visible text of a string item (`<si>` or `<is>`): its `<t>` runs joined, phonetic guides (`<rPh>`)
 * left out.
 */
export function runText(xml: string, prefix: string): string {
  const body = xml.includes('rPh')
    ? xml.replace(
        new RegExp(`<${escapeRegex(prefix)}rPh[\\s>][\\s\\S]*?</${escapeRegex(prefix)}rPh>`, 'g'),
        '',
      )
    : xml;
  const re = new RegExp(
    `<${escapeRegex(prefix)}t(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${escapeRegex(prefix)}t>)`,
    'g',
  );
  let out = '';
  for (const m of body.matchAll(re)) if (m[1]) out += xmlText(m[1]);
  return out;
}
