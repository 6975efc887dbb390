// dev-dependencies: npm / yarn / pnpm install without production flags in a stage that ships.
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { commandOf, insertAfterArg, installs, makeFix, perStage, runsOf } from './util';
import { builds } from './multi-stage';
import { devToolOf } from '../ecosystems/node-scripts';
import { commandWords } from '../primitives/commands';
import { lastOf } from '../primitives/stages';
import type { DockerfileModel, Stage } from '../model';

/** The development tool the image starts (`npm run dev`, `nodemon`...), from ENTRYPOINT + CMD. */
function startedDevTool(stage: Stage): string | null {
  const ep = commandWords(lastOf(stage, 'ENTRYPOINT'));
  const cmd = commandWords(lastOf(stage, 'CMD'));
  return devToolOf(ep ? [...ep, ...(cmd ?? [])] : cmd);
}

/** Options that take a separate value (`--loglevel warn`): that value is not a package name. */
const VALUE_FLAGS =
  /^--(loglevel|network-timeout|registry|cache|prefix|filter|cache-folder|modules-folder|mutex|store-dir|workspace|w)$|^-[wC]$/;

const FLAG: Record<string, string> = { npm: '--omit=dev', yarn: '--production', pnpm: '--prod' };

export const rule: Rule = {
  meta: {
    id: 'dev-dependencies',
    technique: 'dev-dependencies',
    severity: 'warning',
    title: 'Install only production dependencies in the final image',
    hadolint: [],
    buildChecks: [],
    references: ['https://docs.npmjs.com/cli/commands/npm-ci', DOCS.multiStage],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes:
      'Reports `npm install` / `npm ci`, `yarn install` or `pnpm install` of a project’s dependencies in a stage that ships, without `--omit=dev` (`--production`, `--prod`) and without `NODE_ENV=production`.',
    whyItMatters:
      'devDependencies — test runners, bundlers, linters, type definitions, TypeScript itself — are often several times larger than what the app needs at run time, and each is one more package that can carry a vulnerability. The final image needs only the production dependencies; build with the dev dependencies in a builder stage, or prune them (`npm prune --omit=dev`) before the final copy.',
    before: String.raw`FROM node:22-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["node", "server.js"]
`,
    after: String.raw`FROM node:22-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
`,
    fixSafety:
      'Unsafe: a package the app imports at run time may be listed under devDependencies by mistake, and the app then fails at start. Not offered when the same stage builds the app afterwards (the build needs the dev dependencies: use a builder stage). `--omit=dev` needs npm 7 or newer (older npm: `--production`).',
    whenNotToUse: 'Images that run tests or a dev server, and builder stages (not reported).',
  },
  check({ model }) {
    return perStage(model, (stage) => devInstalls(model, stage), { shipped: true });
  },
};

/** The reports for the stage's installs that also bring the dev dependencies. */
function devInstalls(model: DockerfileModel, stage: Stage): RuleReport[] {
  const out: RuleReport[] = [];
  if ((stage.env?.NODE_ENV ?? '').toLowerCase() === 'production') return [];
  // A dev server needs its devDependencies: dropping them would break the image.
  if (startedDevTool(stage)) return [];
  const runs = runsOf(stage);
  runs.forEach((run, i) => {
    if ((run.shell?.commands ?? []).some((c) => c.env?.NODE_ENV === 'production')) return;
    for (const e of installs(run, ['npm', 'yarn', 'pnpm'])) {
      if (e.productionOnly || e.global || e.packages.length > 0) continue;
      const cmd = commandOf(run, e.command);
      if (!cmd) continue;
      if (cmd.args.some((a) => /^--(omit=dev|production|prod|only=prod(uction)?)$/.test(a) || a === '-P'))
        continue;
      // `pnpm install <pkg>` / `yarn add <pkg>`: named packages, not the project's dependencies.
      const sub = cmd.args.findIndex((a) => !a.startsWith('-'));
      const named = cmd.args.some(
        (a, k) => k > sub && sub >= 0 && !a.startsWith('-') && !VALUE_FLAGS.test(cmd.args[k - 1] ?? ''),
      );
      if (named) continue;
      const buildsLater = [run, ...runs.slice(i + 1)].some((r) => builds(r).length > 0);
      const flag = FLAG[e.manager];
      const subIndex = cmd.args.findIndex((a) => a === 'install' || a === 'ci' || a === 'i');
      const fix =
        buildsLater || !flag
          ? null
          : makeFix(
              `Add ${flag}`,
              'unsafe',
              [
                subIndex >= 0
                  ? insertAfterArg(model, run, cmd, subIndex, flag)
                  : e.manager === 'yarn'
                    ? insertAfterArg(model, run, cmd, -1, flag)
                    : null,
              ],
              ['A runtime package listed under devDependencies would be missing.'],
            );
      out.push({
        span: run.span,
        message: buildsLater
          ? `${cmd.text.trim()} installs the dev dependencies in the final image because the build runs here too; build in a separate stage, or prune them after the build (npm prune --omit=dev).`
          : `${cmd.text.trim()} installs the dev dependencies too, and they ship; add ${flag ?? 'a production flag'} (or set NODE_ENV=production).`,
        fix,
      });
    }
  });
  return out;
}
