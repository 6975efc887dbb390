// Static front-ends (React, Vue, Vite, Angular... served by `serve`, `http-server` or a preview
// server): the original Node image builds the site, and nginx:alpine serves the build output.
// No Node runtime, no node_modules in the final image.
import {
  builderStage,
  labelLines,
  joinLines,
  preamble,
  rawOf,
  simpleArgs,
  type StageFacts,
  type SynthesisResult,
} from './common';
import { buildWords, installsProject, nodeFacts } from './node-facts';
import type { PromiseKey } from '../promises';

const SERVERS =
  /\b(serve|http-server|live-server|static-server|vite\s+preview|npm\s+run\s+preview|yarn\s+preview|pnpm\s+preview|angular-http-server|spa-http-server)\b/;

/** The folder a static server is told to serve, from its arguments. */
function servedDir(words: string[]): string | null {
  const k = words.findIndex((w) =>
    /^(serve|http-server|live-server|static-server)$/.test(w.split('/').pop() ?? ''),
  );
  if (k < 0) return null;
  for (let j = k + 1; j < words.length; j++) {
    const w = words[j];
    if (w === '-l' || w === '--listen' || w === '-p' || w === '--port' || w === '-a') {
      j++;
      continue;
    }
    if (w.startsWith('-')) continue;
    return w.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '');
  }
  return null;
}

/** Where each static server listens unless told otherwise (its documented default). */
const DEFAULT_PORTS: Record<string, string> = {
  serve: '3000',
  'http-server': '8080',
  'live-server': '8080',
  'static-server': '9080',
  'angular-http-server': '8080',
  'spa-http-server': '8888',
};

/** The port the static server listens on: its -l/--listen/-p/--port value, else its default. */
function serverPort(words: string[]): string | null {
  const k = words.findIndex((w) => DEFAULT_PORTS[w.split('/').pop() ?? ''] !== undefined);
  if (k < 0) return /\bvite$/.test(words[0] ?? '') && words[1] === 'preview' ? '4173' : null;
  for (let j = k + 1; j < words.length; j++) {
    const flag = /^(-l|--listen|-p|--port)(?:=(.*))?$/.exec(words[j]);
    if (!flag) continue;
    const value = flag[2] ?? words[j + 1] ?? '';
    const port = /(\d+)$/.exec(value)?.[1];
    if (port) return port;
  }
  return DEFAULT_PORTS[words[k].split('/').pop()!];
}

/**
 * A static site moves from a Node server to nginx: the command, port, user and working folder
 * (the Node app's folder; nginx serves /usr/share/nginx/html) change, as the caveat says.
 */
const STATIC_CHANGES: PromiseKey[] = ['cmd', 'entrypoint', 'expose', 'user', 'healthcheck', 'workdir'];

/** Development servers: they compile the sources on the fly and serve no built folder. */
const DEV_SERVERS = /^(npx\s+)?vite(\s+(dev|serve))?(\s+-|$)|^(npm|yarn|pnpm|bun)\s+(run\s+)?dev\b/;

/** `python -m http.server --directory X` serves X (only when the folder is named). */
function pythonServedDir(words: string[]): string | null {
  const m = words.indexOf('-m');
  if (!/^python[\d.]*$/.test(words[0]?.split('/').pop() ?? '') || words[m + 1] !== 'http.server') return null;
  const d = words.findIndex((w) => w === '--directory' || w === '-d');
  const dir = d > 0 ? words[d + 1] : words.find((w) => w.startsWith('--directory='))?.slice(12);
  return dir ? dir.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '') : null;
}

/**
 * The folder the build writes, when its command names it (`vite build --outDir out`); a dev
 * server gives no served folder, so only a named one makes the switch to nginx certain.
 */
function namedBuildOutput(text: string): string | null {
  const m = /--out-?[dD]ir[= ](\S+)/.exec(text);
  return m ? m[1].replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '') : null;
}

export function synthesizeStatic(facts: StageFacts): SynthesisResult | null {
  if (facts.image.name !== 'node') return null;
  const words = facts.runWords ?? [];
  const runText = words.join(' ');
  const python = pythonServedDir(words);
  const dev = !python && !SERVERS.test(runText) && DEV_SERVERS.test(runText);
  if (!python && !dev && !SERVERS.test(runText)) return null;
  const nf = nodeFacts(facts);
  if (!nf || !nf.builds.length) return null;
  const app = nf.appDir;

  const caveats: string[] = [];
  // A dev server serves no built folder: nginx takes over only when the build names its output.
  let out =
    python ??
    (dev ? namedBuildOutput(nf.builds.map((b) => buildWords(b).join(' ')).join('\n')) : servedDir(words));
  if (dev && !out) return null;
  if (!out) {
    const text = facts.model.text;
    out = /react-scripts|create-react-app/.test(text) ? 'build' : 'dist';
    caveats.push(
      `The build output folder was taken to be ${out}/; change the COPY --from=build line if the build writes elsewhere.`,
    );
  }
  if (out === '.' || out.includes('$')) return null;

  const b = builderStage(facts, {
    name: 'build',
    image: facts.builderRef,
    manifests: nf.manifests,
    isInstall: installsProject(facts),
  });
  const ports = facts.stage.instructions
    .filter((i) => i.keyword === 'EXPOSE')
    .flatMap((i) => simpleArgs(i))
    .map((p) => p.replace(/\/tcp$/i, ''));
  // Without EXPOSE, the port the server listened on is the one users publish (-p 8080:8080).
  const port = ports[0] && /^\d+$/.test(ports[0]) ? ports[0] : (serverPort(words) ?? '80');
  const spa =
    /\s(-s|--single)\b/.test(' ' + runText) || /react|vue|angular|vite|svelte/i.test(facts.model.text);

  const rt: string[] = ['FROM nginx:alpine'];
  rt.push(...labelLines(facts.stage));
  rt.push(`COPY --from=build ${app}/${out} /usr/share/nginx/html`);
  const seds: string[] = [];
  if (port !== '80')
    seds.push(`s/listen  *80;/listen ${port};/`, `s/listen  *\\[::\\]:80;/listen [::]:${port};/`);
  if (spa)
    seds.push(
      's#index  index.html index.htm;#index  index.html index.htm;\\n        try_files $uri $uri/ /index.html;#',
    );
  if (seds.length) rt.push(`RUN sed -i -e '${seds.join("' -e '")}' /etc/nginx/conf.d/default.conf`);
  for (const i of facts.stage.instructions) {
    if (['EXPOSE', 'VOLUME', 'STOPSIGNAL'].includes(i.keyword)) rt.push(rawOf(i));
  }
  if (!ports.length) rt.push(`EXPOSE ${port}`);

  caveats.push(
    `The site is now served by nginx instead of ${words[0] === 'npm' || words[0] === 'npx' ? words.slice(0, 3).join(' ') : words[0]}: the container's command and working folder change to nginx's own (port ${port}${spa ? ', unknown paths fall back to index.html' : ''}); redirects, headers or a proxy the Node server set up need an nginx configuration.`,
    'Runtime environment variables no longer reach the app: a static build bakes them in at build time (set them as build ARGs).',
    'nginx:alpine starts as root and drops to the nginx user for workers; nginxinc/nginx-unprivileged:alpine runs entirely unprivileged (it listens on 8080 by default).',
  );
  const text = joinLines([...preamble(facts.model), ...b.lines, '', ...rt]);
  const explanation = `The site is built in a stage on ${facts.baseRef} (dependencies first, then the sources) and only its output, ${out}/, is served by nginx:alpine: no Node.js, no node_modules and no sources ship.`;
  return { text, ecosystem: 'static', caveats, explanation, changes: STATIC_CHANGES };
}
