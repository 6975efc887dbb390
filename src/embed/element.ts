// <dockerfile-playground>: turns a Dockerfile written inline in a docs page into an embed.
//
//   <script src="https://playground.example/embed-element.js" defer></script>
//   <dockerfile-playground theme="dark" panel="findings" title="Naive Node image">
//   FROM node:20
//   COPY . .
//   RUN npm install
//   </dockerfile-playground>
//
// The element reads its text (or a child <script type="text/dockerfile"> / <template> when the
// Dockerfile contains "<"), removes the common indentation, and replaces itself with a lazy iframe
// of embed.html whose fragment holds the Dockerfile. The embed.html next to this script is used;
// the `playground` attribute points elsewhere. Auto-height is built in: the frame follows the
// height its content reports. Without JavaScript, the page still shows the Dockerfile as text.
//
// Built by scripts/vite-plugin-sw.ts as one classic script (dist/embed-element.js).
import { encodeState } from '../share/permalink';
import { buildEmbedQuery, parseEmbedQuery } from '../share/embed-options';
import { HEIGHT_MESSAGE } from './auto-height';

const SCRIPT_SRC = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;
const DEFAULT_HEIGHT = 480;

/** Removes the indentation shared by all non-blank lines, and blank lines at both ends. */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  let common: string | null = null;
  for (const line of lines) {
    if (!line.trim()) continue;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (common === null || !indent.startsWith(common)) {
      let i = 0;
      while (common !== null && i < common.length && i < indent.length && common[i] === indent[i]) i++;
      common = common === null ? indent : common.slice(0, i);
    }
  }
  const cut = common?.length ?? 0;
  return lines.map((l) => l.slice(Math.min(cut, l.length - l.trimStart().length))).join('\n') + '\n';
}

let listening = false;
function listenForHeights(): void {
  if (listening) return;
  listening = true;
  addEventListener('message', (event) => {
    const data = event.data as { type?: unknown; height?: unknown } | null;
    if (!data || data.type !== HEIGHT_MESSAGE || typeof data.height !== 'number') return;
    for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe[data-dockerfile-playground]')) {
      if (frame.contentWindow === event.source && !frame.hasAttribute('data-fixed-height')) {
        frame.style.height = `${Math.min(Math.max(Math.round(data.height), 120), 4000)}px`;
      }
    }
  });
}

class DockerfilePlaygroundElement extends HTMLElement {
  private done = false;

  connectedCallback(): void {
    if (this.done) return;
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => this.render(), { once: true });
    } else this.render();
  }

  private source(): string {
    const holder = this.querySelector('script[type="text/dockerfile"], template');
    if (holder instanceof HTMLTemplateElement) return holder.content.textContent ?? '';
    return (holder ?? this).textContent ?? '';
  }

  private render(): void {
    if (this.done) return;
    this.done = true;
    const dockerfile = dedent(this.source());
    const title = this.getAttribute('title')?.trim() || 'Dockerfile Playground';
    // Attributes are read with the same rules as the embed's query string.
    const query = new URLSearchParams();
    for (const name of ['theme', 'panel', 'height']) {
      const value = this.getAttribute(name);
      if (value !== null) query.set(name, value);
    }
    if (this.hasAttribute('readonly') && this.getAttribute('readonly') !== 'false')
      query.set('readonly', '1');
    const { options } = parseEmbedQuery(query.toString());
    const base = new URL(this.getAttribute('playground') || './', SCRIPT_SRC);
    const page = new URL('embed.html', base.href.endsWith('/') ? base : new URL('./', base));
    const fragment = encodeState({
      dockerfile,
      options: {},
      title: this.getAttribute('title')?.trim() || undefined,
    });
    const frame = document.createElement('iframe');
    frame.src = `${page.href.split('?')[0]}${buildEmbedQuery(options)}#${fragment}`;
    frame.title = title;
    frame.loading = 'lazy';
    frame.setAttribute('data-dockerfile-playground', '');
    if (options.height !== null) frame.setAttribute('data-fixed-height', '');
    frame.style.cssText = `display:block;width:100%;border:0;height:${options.height ?? DEFAULT_HEIGHT}px`;
    listenForHeights();
    this.replaceChildren(frame);
    this.style.display = 'block';
  }
}

if (!customElements.get('dockerfile-playground')) {
  customElements.define('dockerfile-playground', DockerfilePlaygroundElement);
}
