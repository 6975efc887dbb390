// package-cache: npm / yarn / pnpm keep a download cache in the image unless cleaned (DL3060 for yarn).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { checkClean } from './clean-factory';

export const rule: Rule = {
  meta: {
    id: 'node-package-cache',
    technique: 'package-cache',
    severity: 'info',
    title: 'Clean the npm / yarn / pnpm cache in the same RUN',
    hadolint: ['DL3060'],
    buildChecks: [],
    references: [DOCS.runMountCache, 'https://docs.npmjs.com/cli/commands/npm-cache', hadolintRule('DL3060')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports `npm install` / `npm ci`, `yarn install` or `pnpm install` in a stage that ships when the same RUN does not clean the package cache and no cache mount covers it.',
    whyItMatters:
      'Next to `node_modules`, npm keeps a compressed copy of every downloaded package in `~/.npm/_cacache`; yarn and pnpm keep similar caches and stores. Inside an image the cache is never reused, so it is pure weight: often a third or more of the size of `node_modules` itself.',
    before: String.raw`FROM node:22-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
`,
    after: String.raw`FROM node:22-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev \
    && npm cache clean --force
`,
    fixSafety:
      'Safe: the cache is cleaned after the install finished (`npm cache clean --force`, `yarn cache clean`, `pnpm store prune`); the installed packages are untouched.',
    whenNotToUse:
      'Better than cleaning: a BuildKit cache mount (`RUN --mount=type=cache,target=/root/.npm npm ci`) keeps the cache out of the image and makes rebuilds fast; the rule is silent then. Builder stages whose `node_modules` are copied out are not reported. Differs from hadolint DL3060 in one way: ONBUILD triggers are not checked (they run in images built from this one, which the file does not show). The cache-mount rule carries the DL3060 id too, only where a yarn cache would ship: not when the RUN cleans it, nor in a stage that neither ships nor is built on.',
  },
  check(ctx) {
    return checkClean(ctx, {
      managers: ['npm', 'yarn', 'pnpm'],
      caches: ['npm', 'yarn', 'pnpm'],
      paths: [
        '/root/.npm',
        '/root/.cache/yarn',
        '/usr/local/share/.cache/yarn',
        '/root/.yarn',
        '/root/.local/share/pnpm',
        '/root/.cache/pnpm',
        '/pnpm/store',
        '/home/node/.npm',
        '/home/node/.cache/yarn',
      ],
      cleanup: (m) => [
        m === 'yarn' ? 'yarn cache clean' : m === 'pnpm' ? 'pnpm store prune' : 'npm cache clean --force',
      ],
      message: (m, stage) =>
        `${m} install keeps its package cache (${m === 'npm' ? '~/.npm' : m === 'yarn' ? 'the yarn cache' : 'the pnpm store'}) in a layer of ${stage}, which ships.`,
      fixTitle: 'Clean the package cache at the end of the RUN',
      aliases: (m) => (m === 'yarn' ? ['DL3060'] : []),
    });
  },
};
