import { describe, expect, it } from 'vitest';
import { needsQuotes } from '#core/contract/csv.ts';
import type { WorkbookParts } from '#ingest/read/workbook-parts.ts';
import { tagsOf } from '#ingest/read/xlsx-cells.ts';
import { FastRowReader } from '#ingest/read/xlsx-fast-rows.ts';
import { generalRow } from '#ingest/read/xlsx-rows.ts';

/** Shared strings, and styles: 0 general, 1 a date, 2 a date and time, 3 a number format. */
const PARTS: WorkbookParts = {
  sheets: [],
  dateStyles: [false, true, true, false],
  date1904: false,
  sharedStrings: ['Kode Unit', 'Café – D1', '', 'Dinas "A", B', 'baris\nbaru'],
};

/** Every cell form the fast path takes: each type, style and value writers give, in the plain form. */
const PLAIN = [
  // numbers: plain integers, the float round trip (`0.10`, `1E3`, leading zeros), negatives, huge, not numbers
  '<c r="A{r}"><v>4</v></c><c r="B{r}" t="n"><v>0.10</v></c><c r="C{r}"><v>1E3</v></c><c r="D{r}"><v>007</v></c>',
  '<c r="A{r}"><v>-3.5</v></c><c r="B{r}"><v>1234567890123456789</v></c><c r="C{r}"><v>12,5</v></c><c r="D{r}"><v>x &amp; y</v></c>',
  // dates, date-times, a date style on text, a number style, a style that is no number
  '<c r="A{r}" s="1"><v>46204</v></c><c r="B{r}" s="2"><v>46204.43</v></c><c r="C{r}" s="2"><v>46204.999999</v></c><c r="D{r}" s="1"><v>-1</v></c>',
  '<c r="A{r}" s="1"><v>3000000</v></c><c r="B{r}" s="3"><v>4.50</v></c><c r="C{r}" s="x"><v>5</v></c><c r="D{r}" s="9"><v>6</v></c>',
  // shared strings: in range, out of range, empty, not an index
  '<c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>1</v></c><c r="C{r}" t="s"><v>99</v></c><c r="D{r}" t="s"><v></v></c><c r="E{r}" t="s"><v>1.0</v></c>',
  // formula results as text, with entities and text beyond ASCII; booleans, errors, dates as text
  '<c r="A{r}" t="str"><v>Laki-Laki</v></c><c r="B{r}" t="str"><v>D1–D3 &lt;ok&gt; &#233;</v></c><c r="C{r}" t="str"><v></v></c>',
  '<c r="A{r}" t="b"><v>1</v></c><c r="B{r}" t="b"><v>0</v></c><c r="C{r}" t="e"><v>#N/A</v></c><c r="D{r}" t="d"><v>2026-08-12</v></c><c r="E{r}" t="zz"><v>8</v></c>',
  // formulas before the value (with text, shared, self-closing), a formula without a cached value
  '<c r="A{r}"><f>SUM(B1:B4)</f><v>10</v></c><c r="B{r}" t="str"><f t="shared" ref="B1:B9" si="0">A1&amp;"!"</f><v>ok!</v></c><c r="C{r}"><f t="shared" si="0"/><v>2</v></c><c r="D{r}"><f>1+1</f></c>',
  // empty cells: self-closing, with a style only, an end tag only; gaps, no reference, a second cell for a column
  '<c r="A{r}"/><c r="B{r}" s="1"/><c r="C{r}"></c><c r="F{r}"><v>6</v></c><c><v>7</v></c><c r="B{r}"><v>2</v></c>',
  // attributes in another order, other attributes, blanks and line breaks between cells
  '<c t="str" s="0" r="A{r}"><v>satu</v></c> <c r="B{r}" cm="1" vm="2"><v>3</v></c>\n<c r="AA{r}" t="str"><v>jauh</v></c>\r\n',
  // what a CSV field is quoted for: a comma, a double quote, CR or LF, as bytes, by reference, beyond ASCII
  '<c r="A{r}" t="str"><v>a, b</v></c><c r="B{r}"><v>1</v></c>',
  '<c r="A{r}" t="str"><v>kutip "x"</v></c>',
  '<c r="A{r}" t="str"><v>dua\nbaris</v></c><c r="B{r}" t="str"><v>cr\r</v></c>',
  '<c r="A{r}" t="str"><v>&quot;</v></c><c r="B{r}" t="str"><v>&#10;</v></c><c r="C{r}" t="e"><v>&#44;</v></c>',
  '<c r="A{r}" t="str"><v>Café, D1</v></c><c r="B{r}"><v>x,y</v></c><c r="C{r}" t="b"><v>1,0</v></c>',
  '<c r="A{r}" t="s"><v>3</v></c><c r="B{r}" t="s"><v>4</v></c><c r="C{r}" t="s"><v>3</v></c><c r="D{r}" t="s"><v>0</v></c>',
  '<c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>1</v></c><c r="C{r}" t="s"><v>1,0</v></c>',
  '<c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>3.0</v></c>',
];

/** Forms left to the general path: inline strings, markup in a value, single quotes, tabs, bad entities. */
const GENERAL = [
  '<c r="A{r}" t="inlineStr"><is><t>teks</t></is></c>',
  '<c r="A{r}" t="str"><v><![CDATA[<mentah> & apa adanya]]></v></c>',
  "<c r='A{r}' t='str'><v>kutip tunggal</v></c>",
  '<c r="A{r}"><v>1</v></c>\t<c r="B{r}"><v>2</v></c>',
  '<c r="A{r}" t="str"><v>&bom;</v></c>',
  '<c r="A{r}"><v> 5 </v> </c>',
  '<c r="A{r}"><v/></c><c r="B{r}" t="s"><v/></c>',
  '<c r="A{r}" x="a>b"><v>1</v></c>',
];

const row = (r: number, cells: string, attrs = ` r="${r}" spans="1:5"`) =>
  attrs.endsWith('/') ? `<row${attrs}>` : `<row${attrs}>${cells.replaceAll('{r}', String(r))}</row>`;

/** The row as the fast path sees it (the part's bytes as text) and what it reads, or undefined. */
function fast(xml: string) {
  const reader = new FastRowReader(PARTS);
  const text = `${Buffer.from(xml, 'utf8').toString('latin1')}<row r="99"/>`;
  reader.begin(text, '');
  const read = reader.read(text, 0);
  if (read) expect(text.slice(reader.end)).toBe('<row r="99"/>');
  return read;
}

const general = (xml: string) => generalRow(xml, tagsOf(''), PARTS);

describe('XLSX fast row path', () => {
  it('reads every plain cell form as the general path does', () => {
    const rows = [
      ...PLAIN.map((cells, i) => row(i + 1, cells)),
      row(20, PLAIN[0]!, ''),
      row(21, '', ' r="21"/'),
      row(22, ''),
      // row numbers read from the start tag's bytes: after another attribute, single quotes, the last of
      // two, not a number, empty
      row(23, PLAIN[0]!, ' spans="1:5" r="23"'),
      row(24, PLAIN[0]!, " r='24' spans='1:5'"),
      row(25, PLAIN[0]!, ' r="24" r="25"'),
      row(26, PLAIN[0]!, ' r="2x6"'),
      row(27, PLAIN[0]!, ' r=""'),
    ];
    const seen = { plain: 0, quoted: 0 };
    for (const xml of rows) {
      const { plain, ...read } = fast(xml) ?? { cells: [] };
      expect(read, xml).toEqual(general(xml));
      // a row known to need no quotes is one whose cells need none (the CSV sink then joins them); a row
      // with a comma in a number's bytes (`12,5` reads as 12, `1,0` as no shared string) is not known to
      // need none: two rows here
      const needed = read.cells.some((c) => needsQuotes(c));
      if (plain) expect(needed, xml).toBe(false);
      seen.plain += plain ? 1 : 0;
      seen.quoted += needed ? 1 : 0;
    }
    expect(seen).toEqual({ plain: rows.length - 9, quoted: 7 });
    // an empty index is 0 and `1.0` is 1, as Number() reads them
    expect(fast(row(5, PLAIN[4]!))?.cells).toEqual(['Kode Unit', 'Café – D1', '', 'Kode Unit', 'Café – D1']);
    expect(fast(row(6, PLAIN[5]!))?.cells).toEqual(['Laki-Laki', 'D1–D3 <ok> é', '']);
    expect(fast(row(3, PLAIN[2]!))?.cells).toEqual([
      '2026-07-01',
      '2026-07-01 10:19:12',
      '2026-07-01 23:59:59',
      '1899-12-29',
    ]);
  });

  it('leaves other forms, unfinished rows and values that do not convert to the general path', () => {
    for (const cells of GENERAL) expect(fast(row(1, cells)), cells).toBeUndefined();
    const whole = row(1, PLAIN[0]!);
    const reader = new FastRowReader(PARTS);
    for (const cut of [10, 30, whole.length - 3]) {
      reader.begin(whole.slice(0, cut), '');
      expect(reader.read(whole.slice(0, cut), 0)).toBeUndefined();
    }
    reader.begin(whole, 'x:');
    expect(reader.read(whole, 0)).toBeUndefined();
  });
});
