import { describe, expect, it } from 'vitest';
import { buildEmbedQuery, EMBED_DEFAULTS, parseEmbedQuery } from '../../../src/share/embed-options';

describe('embed query options', () => {
  it('defaults', () => {
    expect(parseEmbedQuery('')).toEqual({ options: EMBED_DEFAULTS, warnings: [] });
    expect(buildEmbedQuery(EMBED_DEFAULTS)).toBe('');
  });
  it('reads valid values', () => {
    const { options, warnings } = parseEmbedQuery('?theme=dark&readonly=1&panel=diff&height=600');
    expect(options).toEqual({ theme: 'dark', readonly: true, panel: 'diff', height: 600 });
    expect(warnings).toEqual([]);
  });
  it('falls back and warns on bad values', () => {
    const { options, warnings } = parseEmbedQuery('theme=neon&readonly=maybe&panel=<b>&height=abc');
    expect(options).toEqual(EMBED_DEFAULTS);
    expect(warnings).toHaveLength(4);
  });
  it('clamps heights', () => {
    expect(parseEmbedQuery('height=10').options.height).toBe(120);
    expect(parseEmbedQuery('height=99999').options.height).toBe(4000);
    expect(parseEmbedQuery('height=300px').options.height).toBe(300);
    expect(parseEmbedQuery('height=auto').options.height).toBeNull();
  });
  it('builds only non-defaults, in a fixed order, and round-trips', () => {
    const q = buildEmbedQuery({ height: 500, panel: 'findings', readonly: true, theme: 'light' });
    expect(q).toBe('?theme=light&readonly=1&panel=findings&height=500');
    expect(parseEmbedQuery(q).options).toEqual({
      theme: 'light',
      readonly: true,
      panel: 'findings',
      height: 500,
    });
  });
});
