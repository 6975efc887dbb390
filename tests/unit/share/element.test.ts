import { describe, expect, it, vi } from 'vitest';

// element.ts defines a custom element at import; give it the few globals it touches.
vi.stubGlobal('document', { currentScript: null });
vi.stubGlobal('location', { href: 'https://docs.example/page.html' });
vi.stubGlobal('HTMLElement', class {});
vi.stubGlobal('customElements', { get: () => undefined, define: () => {} });
const { dedent } = await import('../../../src/embed/element');

describe('dedent (inline Dockerfiles in docs pages)', () => {
  it('removes the shared indentation and the blank ends', () => {
    expect(dedent('\n    FROM a\n      RUN b \\\n        c\n    CMD d\n  ')).toBe(
      'FROM a\n  RUN b \\\n    c\nCMD d\n',
    );
  });
  it('keeps text without indentation, handles tabs and CRLF', () => {
    expect(dedent('FROM a\r\nRUN b')).toBe('FROM a\nRUN b\n');
    expect(dedent('\t\tFROM a\n\t\t\tRUN b')).toBe('FROM a\n\tRUN b\n');
  });
  it('blank lines inside do not reset the indentation', () => {
    expect(dedent('  FROM a\n\n  RUN b')).toBe('FROM a\n\nRUN b\n');
  });
});
