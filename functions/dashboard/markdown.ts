import { readFile } from 'node:fs/promises';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** Inline markup on escaped text: `code`, **bold**, and links shown as their text (repo paths mean nothing here). */
function inline(text: string): string {
  return esc(text)
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

const cells = (line: string) =>
  line
    .replace(/^\s*\||\|\s*$/g, '')
    .split('|')
    .map((c) => c.trim());

/** A table block: header row, the `|---|` rule, body rows. */
function table(lines: string[]): string {
  const [head = '', , ...body] = lines;
  const row = (l: string, tag: 'th' | 'td') =>
    `<tr>${cells(l)
      .map((c) => `<${tag}>${inline(c)}</${tag}>`)
      .join('')}</tr>`;
  return `<div class="table-scroll"><table><thead>${row(head, 'th')}</thead><tbody>${body.map((l) => row(l, 'td')).join('')}</tbody></table></div>`;
}

/** One block (lines without a blank line between them) as HTML. */
function block(lines: string[]): string {
  const first = lines[0] ?? '';
  const heading = /^(#{1,4})\s+(.*)$/.exec(first);
  if (heading)
    return `<h${heading[1]!.length + 2}>${inline(heading[2]!)}</h${heading[1]!.length + 2}>${lines.length > 1 ? block(lines.slice(1)) : ''}`;
  if (first.trimStart().startsWith('|')) return table(lines);
  const item = /^\s*(?:[-*]|\d+\.)\s+/;
  if (item.test(first)) {
    const items: string[] = [];
    for (const l of lines) {
      if (item.test(l)) items.push(l.replace(item, ''));
      else items[items.length - 1] = `${items.at(-1) ?? ''} ${l.trim()}`;
    }
    const tag = /^\s*\d+\./.test(first) ? 'ol' : 'ul';
    return `<${tag}>${items.map((i) => `<li>${inline(i)}</li>`).join('')}</${tag}>`;
  }
  return `<p>${inline(lines.map((l) => l.trim()).join(' '))}</p>`;
}

/**
 * The small Markdown the repo's docs use (headings, paragraphs, lists, tables, `code`, **bold**, links) as
 * HTML; every character of the source is escaped first, so the output carries no markup of its own.
 */
export function markdownToHtml(source: string): string {
  const blocks: string[][] = [[]];
  for (const line of source.replace(/\r\n/g, '\n').split('\n')) {
    if (line.trim() === '') blocks.push([]);
    else if (/^#{1,4}\s/.test(line) && blocks.at(-1)!.length) blocks.push([line]);
    else blocks.at(-1)!.push(line);
  }
  return blocks
    .filter((b) => b.length)
    .map(block)
    .join('\n');
}

/** The methodology document of the repo (`docs/methodology.md`) as HTML, or `null` when it is absent. */
export async function methodologyDocument(
  file: URL = new URL('../../docs/methodology.md', import.meta.url),
): Promise<string | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text === null ? null : markdownToHtml(text);
}
