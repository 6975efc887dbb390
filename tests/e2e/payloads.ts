// Markup and script payloads for the injection tests (security*.e2e.ts). Each one, if it ever ran
// or became markup, would leave a trace the tests look for: window.__pwned set, a dialog opened, an
// element carrying the `data-pwn` attribute or an on* handler, or a request to the `.invalid` host
// (a reserved name that never resolves, so nothing leaves the machine).

/** The payloads, one string each. */
export const PAYLOADS: readonly string[] = [
  '<script data-pwn>window.__pwned = 1; alert(1)</script>',
  '<img data-pwn src=x onerror="window.__pwned = 2; alert(2)">',
  '<svg data-pwn onload="window.__pwned = 3; alert(3)"></svg>',
  '<svg><script data-pwn>window.__pwned = 4</script></svg>',
  'javascript:window.__pwned=5;alert(5)',
  '"><iframe data-pwn srcdoc="<script>parent.__pwned = 6; parent.alert(6)</script>"></iframe>',
  "'><img data-pwn src=x onerror=window.__pwned=7>",
  '</textarea></pre></code><script data-pwn>window.__pwned = 8</script>',
  '${window.__pwned = 9}',
  '`; window.__pwned = 10; `',
  '{{constructor.constructor("window.__pwned = 11")()}}',
  '[click me](javascript:window.__pwned=12)',
  '![x](https://pwn.invalid/x.png" onerror="window.__pwned=13)',
  '<a data-pwn href="javascript:window.__pwned = 14">link</a>',
  '<details data-pwn open ontoggle="window.__pwned = 15">',
  '<input data-pwn autofocus onfocus="window.__pwned = 16">',
  '<math><mtext><table><mglyph><style><img data-pwn src=x onerror=window.__pwned=17>',
  '<style data-pwn>@import url(//pwn.invalid/x.css); body { background: url(//pwn.invalid/y) }</style>',
  '<link data-pwn rel=stylesheet href=//pwn.invalid/z.css>',
  '<object data-pwn data="javascript:window.__pwned = 18"></object>',
  '<base data-pwn href="//pwn.invalid/">',
  '<meta data-pwn http-equiv="refresh" content="0;url=javascript:window.__pwned=19">',
  'data:text/html,<script>window.__pwned=20</script>',
  '\u202e<script data-pwn>window.__pwned = 21</script>\u202c',
  '\u2066"><img data-pwn src=x onerror=window.__pwned=22>\u2069',
  '&lt;script data-pwn&gt;window.__pwned = 23&lt;/script&gt;',
  '\\u003cscript data-pwn\\u003ewindow.__pwned=24\\u003c/script\\u003e',
];

/** A single-line form of a payload (for places that end at a line break). */
export function oneLine(payload: string): string {
  return payload.replace(/[\r\n]+/g, ' ');
}

/** A payload squeezed into something a Dockerfile accepts as a stage name or image reference. */
export function asName(payload: string): string {
  return oneLine(payload).replace(/\s+/g, '');
}

/** The places in a Dockerfile a payload is put (the names are reported when something fails). */
export const DOCKERFILE_PLACES = [
  'comment',
  'image name',
  'stage name',
  'ARG value',
  'LABEL value',
  'LABEL key',
  'ENV value',
  'RUN argument',
  'package name',
  'heredoc body',
  'COPY --from',
  'USER',
  'CMD (JSON form)',
] as const;

/** One stage per payload, the payload in every place of DOCKERFILE_PLACES. */
export function payloadDockerfile(payloads: readonly string[] = PAYLOADS): string {
  const parts: string[] = [];
  payloads.forEach((raw, i) => {
    const p = oneLine(raw);
    const json = JSON.stringify(p);
    parts.push(
      `# ${p}`,
      `FROM ${asName(p)} AS ${asName(p)}`,
      `ARG X${i}="${p}"`,
      `LABEL description="${p.replace(/"/g, '\\"')}" ${asName(p)}=1`,
      `ENV P${i}=${json}`,
      `RUN echo "${p}" && apt-get install -y ${asName(p)}`,
      `RUN <<EOF`,
      p,
      `EOF`,
      `COPY --from=${asName(p)} /a /b`,
      `USER ${asName(p)}`,
      `CMD [${json}]`,
      '',
    );
  });
  // A last stage that analyses normally, so the findings, rewrite and size panels have content.
  parts.push(
    'FROM node:20',
    'WORKDIR /app',
    'COPY . .',
    'RUN apt-get update && apt-get install -y git',
    'RUN npm install',
    `LABEL note="${oneLine(payloads[0] ?? '').replace(/"/g, '\\"')}"`,
    'CMD ["node", "index.js"]',
    '',
  );
  return parts.join('\n');
}

/**
 * Runs in the page (page.evaluate): everything that would show an injection. Monaco and the app
 * never use inline on* attributes, so any such attribute is a finding.
 */
export function injectionTraces(): string[] {
  const traces: string[] = [];
  const w = window as unknown as { __pwned?: unknown };
  if (w.__pwned !== undefined) traces.push(`window.__pwned = ${String(w.__pwned)}`);
  const visit = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (el.hasAttribute('data-pwn')) traces.push(`injected <${el.tagName.toLowerCase()} data-pwn>`);
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) traces.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
        if (
          /^\s*javascript:/i.test(attr.value) &&
          /^(href|src|action|formaction|data|xlink:href)$/i.test(attr.name)
        ) {
          traces.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
        }
      }
      if (el.tagName === 'SCRIPT' && /__pwned/.test(el.textContent ?? ''))
        traces.push('a script with the payload');
      if (el.tagName === 'IFRAME' && el.hasAttribute('srcdoc')) traces.push('an iframe with srcdoc');
      if (el.tagName === 'BASE') traces.push('a <base> element');
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return traces;
}
