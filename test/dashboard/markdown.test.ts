import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '#dashboard/markdown.ts';

describe('the methodology document as HTML', () => {
  it('renders headings, lists, tables, code and bold; links become their text', () => {
    const html = markdownToHtml(
      [
        '# Methodology',
        'Every **number** lives in `methodology/v2.json`,',
        'see [the file](../methodology/v2.json).',
        '',
        '- first',
        '  continued',
        '- second',
        '',
        '| rule | value |',
        '|---|---|',
        '| weight | 0,25 |',
      ].join('\n'),
    );
    expect(html).toContain('<h3>Methodology</h3>');
    expect(html).toContain(
      '<p>Every <strong>number</strong> lives in <code>methodology/v2.json</code>, see the file.</p>',
    );
    expect(html).toContain('<ul><li>first continued</li><li>second</li></ul>');
    expect(html).toContain(
      '<thead><tr><th>rule</th><th>value</th></tr></thead><tbody><tr><td>weight</td><td>0,25</td></tr></tbody>',
    );
  });

  it('escapes every character of the source: no markup gets through', () => {
    const html = markdownToHtml(
      '<script>alert(1)</script> and `<img src=x onerror=1>` and [x](javascript:alert(1))',
    );
    expect(html).not.toMatch(/<script|<img|javascript:/);
    expect(html).toContain('&lt;script&gt;');
  });
});
