// cache-order: `COPY . .` before the dependency install: any source edit re-runs the install.
import type { CopyInstruction, PackageManager, RunInstruction } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { contentEnd, deleteInstruction, eol, installs, isCopy, isRun, makeFix } from './util';

const LANGUAGE: PackageManager[] = [
  'npm',
  'yarn',
  'pnpm',
  'bun',
  'pip',
  'poetry',
  'uv',
  'pipenv',
  'composer',
  'bundler',
  'gem',
  'go',
  'cargo',
  'maven',
  'gradle',
  'dotnet',
];

/** Files to copy before the install, per manager (null: reported without a fix). */
function manifests(manager: PackageManager, fromManifest: string | null): string[] | null {
  switch (manager) {
    case 'npm':
      return ['package*.json'];
    case 'yarn':
      return ['package.json', 'yarn.lock*'];
    case 'pnpm':
      return ['package.json', 'pnpm-lock.yaml*'];
    case 'pip':
      return fromManifest && !fromManifest.includes('/') && !fromManifest.includes('$')
        ? [fromManifest]
        : null;
    case 'bundler':
      return ['Gemfile', 'Gemfile.lock*'];
    case 'composer':
      return ['composer.json', 'composer.lock*'];
    case 'go':
      return ['go.mod', 'go.sum*'];
    default:
      return null;
  }
}

export function wholeContext(copy: CopyInstruction): boolean {
  return copy.from === null && copy.sources.some((s) => s === '.' || s === './' || s === '*' || s === './*');
}

export const rule: Rule = {
  meta: {
    id: 'copy-before-install',
    technique: 'cache-order',
    severity: 'warning',
    title: 'Copy the dependency manifests before the source',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.cacheOptimize, DOCS.cache],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes:
      'Reports a dependency install from a manifest (`npm ci`, `pip install -r requirements.txt`, `bundle install`, `go mod download`, ...) that runs after the whole build context was copied in with `COPY . .`.',
    whyItMatters:
      'The build cache reuses a layer only while everything before it is unchanged. With `COPY . .` first, editing any source file invalidates the copy, and the install after it runs again from scratch on every build. Copying just the manifests (package.json and the lock file, requirements.txt, go.mod/go.sum, ...) first, installing, and only then copying the source keeps the install cached until the dependencies really change.',
    before: String.raw`FROM node:22-slim
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
CMD ["node", "server.js"]
`,
    after: String.raw`FROM node:22-slim
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
`,
    fixSafety:
      'Unsafe: the install now runs before the source is present. Install scripts that need other files (a `postinstall` that builds, workspaces, local path dependencies, a `.npmrc` or `.yarnrc.yml`) break. Offered only for npm, yarn, pnpm, pip, bundler, composer and go when the install RUN directly follows the copy and does nothing else; otherwise reported without a fix.',
    whenNotToUse: 'Throw-away images built once (a CI job image), where the cache never helps.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      let copy: CopyInstruction | null = null;
      // Managers that installed from manifests before the whole context came in: their later run
      // only adds the project itself on top of cached dependencies (`uv sync
      // --no-install-project`, then `uv sync`; `poetry install --no-root`, then `poetry install`).
      const early = new Set<PackageManager>();
      for (const ins of stage.instructions) {
        if (isCopy(ins) && wholeContext(ins)) {
          copy = copy ?? ins;
          continue;
        }
        if (!isRun(ins)) continue;
        const fromManifests = installs(ins, LANGUAGE).filter(
          (e) => e.fromManifest !== null || (e.packages.length === 0 && !e.global),
        );
        if (!copy) {
          for (const e of fromManifests) early.add(e.manager);
          continue;
        }
        const install = fromManifests.find((e) => !early.has(e.manager));
        if (!install) continue;
        const cmd = ins.shell.commands[install.command];
        out.push({
          span: ins.span,
          message: `\`${cmd ? cmd.text.trim() : install.manager + ' install'}\` runs after \`COPY . .\` on line ${copy.span.line}: any source change re-runs the install. Copy the manifests first, install, then copy the source.`,
          fix: moveFix(model, copy, ins, install.manager, install.fromManifest),
        });
        copy = null;
      }
    }
    return out;
  },
};

function moveFix(
  model: Parameters<Rule['check']>[0]['model'],
  copy: CopyInstruction,
  run: RunInstruction,
  manager: PackageManager,
  fromManifest: string | null,
) {
  const files = manifests(manager, fromManifest);
  if (!files) return null;
  if (run.index !== copy.index + 1 || copy.flags.length > 0 || run.heredocs.length > 0) return null;
  if (!run.shell || run.shell.commands.length !== 1) return null;
  if (!['.', './'].includes(copy.destination) && !copy.destination.endsWith('/')) return null;
  const dest = copy.destination === '.' ? './' : copy.destination;
  const nl = eol(model);
  const runText = model.text.slice(run.span.start, contentEnd(model, run));
  const keyword = model.text.slice(copy.keywordSpan.start, copy.keywordSpan.end);
  const copyKeyword = keyword === keyword.toLowerCase() ? 'copy' : 'COPY';
  return makeFix(
    'Copy the manifests and install before copying the source',
    'unsafe',
    [
      {
        start: copy.span.start,
        end: copy.span.start,
        text: `${copyKeyword} ${files.join(' ')} ${dest}${nl}${runText}${nl}`,
      },
      deleteInstruction(model, run),
    ],
    ['The install runs before the source is copied: install scripts that need other files break.'],
  );
}
