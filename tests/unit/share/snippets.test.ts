import { describe, expect, it } from 'vitest';
import {
  autoHeightScript,
  downloadName,
  escapeHtml,
  fenceFor,
  iframeSnippet,
  linkLength,
  markdownSnippet,
} from '../../../src/share/snippets';

describe('link length', () => {
  it('levels', () => {
    expect(linkLength('x'.repeat(2000))).toEqual({ length: 2000, level: 'ok', message: null });
    expect(linkLength('x'.repeat(2001)).level).toBe('chat');
    expect(linkLength('x'.repeat(8001)).level).toBe('server');
    expect(linkLength('x'.repeat(40000)).level).toBe('browser');
    expect(linkLength('x'.repeat(2001)).message).toMatch(/2,001 characters/);
  });
});

describe('markdown snippet', () => {
  it('link only', () => {
    expect(markdownSnippet({ url: 'https://x.test/#v1/abc' })).toBe(
      '[Open in Dockerfile Playground](https://x.test/#v1/abc)',
    );
  });
  it('escapes the title and the URL', () => {
    const md = markdownSnippet({
      url: 'https://x.test/a b(c)#v1/x',
      title: 'Evil](javascript:alert(1)) <img src=x>',
    });
    expect(md).not.toContain('](javascript');
    expect(md).not.toContain('<img');
    expect(md).toContain('(https://x.test/a%20b%28c%29#v1/x)');
  });
  it('includes the Dockerfile in a fence that its backticks cannot close', () => {
    const dockerfile = 'FROM a\r\nRUN echo ```` done\n\n';
    const md = markdownSnippet({ url: 'https://x.test/#v1/abc', dockerfile });
    expect(md.startsWith('`````dockerfile\nFROM a\nRUN echo ```` done\n`````\n')).toBe(true);
    expect(fenceFor('no ticks')).toBe('```');
  });
});

describe('iframe snippet', () => {
  it('lazy, titled, sized, fragment kept', () => {
    const html = iframeSnippet({
      embedUrl: 'https://x.test/play/embed.html?old=1#v1/old',
      fragment: 'v1/abc-_',
      embed: { theme: 'dark', panel: 'findings' },
      title: 'My image',
    });
    expect(html).toBe(
      '<iframe src="https://x.test/play/embed.html?theme=dark&amp;panel=findings#v1/abc-_" title="My image" loading="lazy" width="100%" height="480" style="border:0;max-width:100%" data-dockerfile-playground></iframe>',
    );
  });
  it('no HTML injection through the title, the URL or the width', () => {
    const html = iframeSnippet({
      embedUrl: 'https://x.test/embed.html"><script>alert(1)</script>',
      fragment: 'v1/x"onload="alert(1)',
      title: '"><script>alert(2)</script>\n',
      width: '100%" onload="alert(3)',
      height: 300.7,
    });
    expect(html).not.toMatch(/<script/);
    expect(html).not.toMatch(/"\s*onload=/);
    expect(html.match(/"/g)?.length).toBe(12); // six attributes with values, nothing else quoted
    expect(html).toContain('width="100%"');
    expect(html).toContain('height="301"');
  });
  it('embed height is used as the frame height', () => {
    expect(
      iframeSnippet({ embedUrl: 'https://x/e.html', fragment: 'v1/a', embed: { height: 640 } }),
    ).toContain('height="640"');
  });
  it('escapeHtml', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
  it('auto-height script and download names', () => {
    expect(autoHeightScript()).toContain('dockerfile-playground:height');
    expect(downloadName('My App: API')).toBe('my-app-api.Dockerfile');
    expect(downloadName(undefined)).toBe('Dockerfile');
  });
});
