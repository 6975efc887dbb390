// What the share dialog copies: the markdown snippet, the iframe snippet, and the link-length
// warnings. Everything that comes from the user (the Dockerfile, the title) is escaped for the place
// it goes to, so a Dockerfile cannot inject HTML into a docs page through the snippet.
import { buildEmbedQuery, type EmbedOptions } from './embed-options';

/** Above this, chat apps and some tools cut or refuse the link. */
export const CHAT_LIMIT = 2000;
/** Above this, some servers and proxies reject the request (RFC 9110 recommends at least 8,000). */
export const SERVER_LIMIT = 8000;
/** Above this, browsers stop showing the address (Chrome shows up to 32K characters). */
export const BROWSER_LIMIT = 32_000;

export type LinkLengthLevel = 'ok' | 'chat' | 'server' | 'browser';

export interface LinkLengthReport {
  length: number;
  level: LinkLengthLevel;
  /** Null when the length is fine. */
  message: string | null;
}

export function linkLength(url: string): LinkLengthReport {
  const length = url.length;
  const n = length.toLocaleString('en-US');
  if (length > BROWSER_LIMIT) {
    return {
      length,
      level: 'browser',
      message: `This link is ${n} characters long. Browsers open it, but many apps cannot carry it and the address bar will not show it whole. Download the Dockerfile and share the file instead.`,
    };
  }
  if (length > SERVER_LIMIT) {
    return {
      length,
      level: 'server',
      message: `This link is ${n} characters long (over 8,000): some servers, proxies and tools reject links this long, and chat apps cut them. Share the downloaded file or the markdown with the Dockerfile inline.`,
    };
  }
  if (length > CHAT_LIMIT) {
    return {
      length,
      level: 'chat',
      message: `This link is ${n} characters long (over 2,000): some chat apps cut or refuse links this long. If it arrives broken, share the downloaded file or the markdown with the Dockerfile inline.`,
    };
  }
  return { length, level: 'ok', message: null };
}

// ---------------------------------------------------------------------------------------------
// Escaping

/** Escapes text for an HTML attribute value in double (or single) quotes, and for element text. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escapes text for the label of a markdown link: brackets, backslashes, emphasis and HTML. */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A URL for the destination of a markdown link: parentheses, spaces and angle brackets encoded. */
export function markdownUrl(url: string): string {
  return url.replace(
    /[\s()<>"'`\\]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
}

/** A code fence longer than any run of backticks in the text. */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

// ---------------------------------------------------------------------------------------------
// Snippets

export interface MarkdownOptions {
  url: string;
  /** Link text; defaults to "Open in Dockerfile Playground". */
  title?: string;
  /** When given, the Dockerfile is included in a fenced code block above the link. */
  dockerfile?: string;
}

export function markdownSnippet(options: MarkdownOptions): string {
  const label = escapeMarkdownText(options.title?.trim() || 'Open in Dockerfile Playground');
  const link = `[${label}](${markdownUrl(options.url)})`;
  if (options.dockerfile === undefined) return link;
  const code = options.dockerfile.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  const fence = fenceFor(code);
  return `${fence}dockerfile\n${code}\n${fence}\n\n${link}\n`;
}

export interface IframeOptions {
  /** Where embed.html is served (e.g. https://example.org/playground/embed.html). */
  embedUrl: string;
  /** The fragment without '#', e.g. `v1/…` from encodeState. */
  fragment: string;
  embed?: Partial<EmbedOptions>;
  /** Accessible name of the frame; defaults to "Dockerfile Playground". */
  title?: string;
  /** CSS width (a number is pixels); default "100%". */
  width?: number | string;
  /** Pixel height of the frame before (or without) auto-height; default 480 or embed.height. */
  height?: number;
}

/** The iframe snippet: lazy, titled, sized; content stays in the fragment. */
export function iframeSnippet(options: IframeOptions): string {
  const base = options.embedUrl.split('#')[0].split('?')[0];
  const src = `${base}${buildEmbedQuery(options.embed ?? {})}#${options.fragment}`;
  const title = (options.title?.trim() || 'Dockerfile Playground').replace(/[\r\n\t]+/g, ' ');
  const height = Math.round(options.height ?? options.embed?.height ?? 480);
  const width =
    typeof options.width === 'number' ? String(Math.round(options.width)) : sanitizeCssLength(options.width);
  return (
    `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" loading="lazy" ` +
    `width="${escapeHtml(width)}" height="${height}" style="border:0;max-width:100%" ` +
    `data-dockerfile-playground></iframe>`
  );
}

function sanitizeCssLength(width: string | undefined): string {
  if (!width) return '100%';
  return /^\d{1,5}(?:\.\d+)?(?:px|%|em|rem|vw)?$/.test(width.trim()) ? width.trim() : '100%';
}

/** The few lines a host page adds once for auto-height (see docs/embedding.md). */
export function autoHeightScript(): string {
  return [
    '<script>',
    "addEventListener('message', function (e) {",
    "  if (!e.data || e.data.type !== 'dockerfile-playground:height') return;",
    "  document.querySelectorAll('iframe[data-dockerfile-playground]').forEach(function (f) {",
    "    if (f.contentWindow === e.source) f.style.height = Math.min(Math.max(+e.data.height || 0, 120), 4000) + 'px';",
    '  });',
    '});',
    '</script>',
  ].join('\n');
}

/** A file name for downloading the Dockerfile. */
export function downloadName(title: string | undefined): string {
  const slug = (title ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug ? `${slug}.Dockerfile` : 'Dockerfile';
}
