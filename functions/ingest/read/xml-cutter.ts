import { rootPrefix } from './xml-scan.ts';

/**
 * Reads one element where it starts in the text being cut, without cutting it out: its value, with `end`
 * set just past it; or undefined when it cannot (the element is unfinished or has a form it does not
 * handle), and the cutter then cuts the element out as text. `begin` is told each text (and the part's
 * namespace prefix) before elements are read from it.
 */
export interface InPlaceReader<T> {
  end: number;
  begin(text: string, prefix: string): void;
  read(text: string, start: number): T | undefined;
}

/**
 * Cuts a streamed part into whole elements named `local`, whatever the chunk boundaries; keeps at most
 * one unfinished element (bounded by `maxChars`) between chunks. While the root element or an element's
 * end has not arrived, chunks are only kept and the new text searched: the work stays linear in the part
 * even when one element spans thousands of chunks.
 */
export class ElementCutter {
  private rest = '';
  private open = '';
  private close = '';
  /** Chunks after `rest`, kept unjoined until `awaited` arrives. */
  private pending: string[] = [];
  private pendingChars = 0;
  /** Text that must arrive before cutting is worth trying again (the root's name, `>` or an end tag). */
  private awaited = '';
  /** The last characters kept, as many as `awaited` has: it may begin before the next chunk. */
  private tail = '';

  constructor(
    private readonly root: string,
    private readonly local: string,
    private readonly maxChars: number,
  ) {}

  /** The namespace prefix of the part, once its root element has been seen. */
  prefix: string | undefined;

  /**
   * Whole elements completed by this chunk, in order: as text, or as what `reader` read from those it could.
   */
  push<T = never>(chunk: string, reader?: InPlaceReader<T>): (string | T)[] {
    if (this.awaited !== '') {
      if (!this.arrives(chunk)) return [];
      chunk = this.pending.join('');
      this.pending = [];
      this.pendingChars = 0;
    }
    this.awaited = '';
    let buf = this.rest + chunk;
    if (this.prefix === undefined) {
      if (!this.hasRoot(buf) && buf.length < this.maxChars) return this.keep(buf, this.root);
      this.prefix = rootPrefix(buf, this.root);
      this.open = `<${this.prefix}${this.local}`;
      this.close = `</${this.prefix}${this.local}>`;
    }
    const out: (string | T)[] = [];
    let pos = 0;
    let awaited = '';
    reader?.begin(buf, this.prefix);
    for (;;) {
      const start = this.nextOpen(buf, pos);
      if (start < 0) {
        pos = Math.max(pos, buf.length - this.open.length);
        break;
      }
      pos = start;
      if (reader) {
        const value = reader.read(buf, start);
        if (value !== undefined) {
          out.push(value);
          pos = reader.end;
          continue;
        }
      }
      const gt = buf.indexOf('>', start);
      awaited = '>';
      if (gt < 0) break;
      let end = gt + 1;
      if (buf.charCodeAt(gt - 1) !== 0x2f) {
        const at = buf.indexOf(this.close, gt);
        awaited = this.close;
        if (at < 0) break;
        end = at + this.close.length;
      }
      awaited = '';
      out.push(buf.slice(start, end));
      pos = end;
    }
    buf = buf.slice(pos);
    if (buf.length > this.maxChars)
      throw new Error(`satu elemen <${this.local}> lebih dari ${this.maxChars} karakter`);
    this.keep(buf, awaited);
    return out;
  }

  private keep(buf: string, awaited: string): [] {
    this.rest = buf;
    this.awaited = awaited;
    this.tail = buf.slice(Math.max(0, buf.length - awaited.length));
    return [];
  }

  /**
   * Keep `chunk`; whether what is awaited is in it (or across the seam with the text before), or the kept
   * text has reached `maxChars` (then the cutting decides: no root, or an element too large).
   */
  private arrives(chunk: string): boolean {
    const n = this.awaited.length;
    // in the chunk, or begun in the kept characters (the chunk itself is not copied into a seam)
    const arrived =
      chunk.includes(this.awaited) || (this.tail + chunk.slice(0, n - 1)).includes(this.awaited);
    this.tail = chunk.length >= n ? chunk.slice(chunk.length - n) : (this.tail + chunk).slice(-n);
    if (this.pending.length === 0) {
      this.pending.push(this.rest);
      this.pendingChars = this.rest.length;
      this.rest = '';
    }
    this.pending.push(chunk);
    this.pendingChars += chunk.length;
    return arrived || this.pendingChars >= this.maxChars;
  }

  /** Whether the root element's name, followed by a space, `>` or `/`, occurs in `buf`. */
  private hasRoot(buf: string): boolean {
    for (let at = buf.indexOf(this.root); at >= 0; at = buf.indexOf(this.root, at + 1))
      if (/[\s>/]/.test(buf.charAt(at + this.root.length))) return true;
    return false;
  }

  private nextOpen(buf: string, from: number): number {
    for (let at = buf.indexOf(this.open, from); at >= 0; at = buf.indexOf(this.open, at + 1)) {
      const next = buf.charCodeAt(at + this.open.length);
      // a space, tab, line break, `>` or `/` ends the name (`<row` but not `<rowBreaks`)
      if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d)
        return at;
      if (Number.isNaN(next)) return at;
    }
    return -1;
  }
}
