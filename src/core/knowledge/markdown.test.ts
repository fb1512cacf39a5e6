// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { articleHtml, escapeHtml, safeHref } from './markdown';

describe('articleHtml', () => {
  it('renders headings, emphasis, lists and code', () => {
    const html = articleHtml('# Returns\n\nSend it **back**:\n\n1. Pack\n2. Ship\n\n`code`');
    expect(html).toContain('<h1>Returns</h1>');
    expect(html).toContain('<strong>back</strong>');
    expect(html).toContain('<ol>\n<li>Pack</li>');
    expect(html).toContain('<code>code</code>');
  });

  it('shows raw HTML as text, block and inline', () => {
    const html = articleHtml('<script>alert(1)</script>\n\nHi <img src=x onerror="alert(2)"> there');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('keeps https, http and mailto links and turns others into text', () => {
    const html = articleHtml(
      '[a](https://shop.example/a) [b](http://shop.example/b) [c](mailto:help@shop.example) ' +
        '[evil](javascript:alert(1)) [data](data:text/html,hi) [rel](/relative) [vb](  JaVaScRiPt:x)',
    );
    expect(html).toContain(
      '<a href="https://shop.example/a" rel="noopener noreferrer" target="_blank">a</a>',
    );
    expect(html).toContain('<a href="http://shop.example/b"');
    expect(html).toContain('<a href="mailto:help@shop.example"');
    expect(html).not.toMatch(/javascript:|data:text|href="\/relative"/i);
    expect(html).toContain(' evil ');
    expect(html).toContain(' rel ');
  });

  it('escapes a link title with quotes', () => {
    const html = articleHtml('[a](https://shop.example "say \\"hi\\" <b>")');
    expect(html).toContain('title="say &quot;hi&quot; &lt;b&gt;"');
  });

  it('never loads images: the alt text stands in', () => {
    const html = articleHtml('![A <b>label</b>](https://tracker.example/pixel.png)');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('tracker.example');
    expect(html).toContain('label');
  });

  it('escapes code blocks', () => {
    expect(articleHtml('```html\n<script>x</script>\n```')).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('parses in a DOM to no script, handler or unsafe link', () => {
    const doc = new DOMParser().parseFromString(
      articleHtml(
        '<svg onload=alert(1)>\n\n[x](javascript:alert(1))\n\n<a href="javascript:alert(1)">y</a>\n\n' +
          '<iframe src="https://evil.example"></iframe>',
      ),
      'text/html',
    );
    expect(doc.querySelector('script, svg, iframe, img')).toBeNull();
    for (const element of doc.body.querySelectorAll('*')) {
      for (const attribute of element.attributes) expect(attribute.name).not.toMatch(/^on/i);
    }
    for (const link of doc.querySelectorAll('a'))
      expect(link.getAttribute('href')).toMatch(/^(https?|mailto):/);
  });
});

describe('safeHref and escapeHtml', () => {
  it('accepts only absolute https, http and mailto addresses', () => {
    expect(safeHref('https://a.example/x?y=1')).toBe('https://a.example/x?y=1');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('vbscript:x')).toBeUndefined();
    expect(safeHref('//evil.example')).toBeUndefined();
  });

  it('escapes the five characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
