import { escapeHtml, html, jsonScript, raw } from './html';

describe('html template', () => {
  it('escapes every interpolation by default', () => {
    const title = '<script>alert("x")</script> & \'y\'';
    expect(html`<td>${title}</td>`.value).toBe(
      '<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</td>',
    );
    expect(html`<a title="${'" onmouseover="x'}"></a>`.value).toContain('title="&quot; onmouseover=&quot;x"');
  });

  it('keeps nested templates and explicit raw() markup, joins arrays, drops null/false', () => {
    const rows = ['a<b', 'c'].map((s) => html`<li>${s}</li>`);
    expect(
      html`<ul>
        ${rows}${null}${false}${undefined}${raw('<hr>')}
      </ul>`.value,
    ).toMatch(/^<ul>\s*<li>a&lt;b<\/li><li>c<\/li><hr>\s*<\/ul>$/);
    expect(html`${0}`.value).toBe('0');
  });

  it('embeds JSON that cannot close its script element', () => {
    const out = jsonScript('d', { t: '</script><script>alert(1)</script>' }).value;
    expect(out).not.toContain('</script><script>');
    expect(JSON.parse(out.replace(/^<script[^>]*>|<\/script>$/g, ''))).toEqual({
      t: '</script><script>alert(1)</script>',
    });
    expect(escapeHtml('`')).toBe('&#96;');
  });
});
