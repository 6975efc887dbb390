// JavaScript and TypeScript: npm, yarn, pnpm and bun; node_modules, bundles and the tools' caches.
import { defineEcosystem } from './types';

export const node = defineEcosystem({
  id: 'node',
  title: 'Node.js (npm, yarn, pnpm, bun)',
  kind: 'language',
  managers: ['npm', 'yarn', 'pnpm', 'bun'],
  buildTools: ['npm-script', 'tsc'],
  manifests: ['package.json', '.npmrc', '.yarnrc', '.yarnrc.yml', 'pnpm-workspace.yaml'],
  lockfiles: [
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'bun.lock',
    'bun.lockb',
  ],
  copyFirst: {
    npm: ['package*.json'],
    yarn: ['package.json', 'yarn.lock*'],
    pnpm: ['package.json', 'pnpm-lock.yaml*'],
  },
  caches: [
    { cache: 'npm', paths: /\/\.npm(\/|$)/, kinds: ['npm-cache'], what: "npm's cache" },
    {
      cache: 'yarn',
      paths: /\/\.cache\/yarn(\/|$)|\/\.yarn\/cache(\/|$)|\/\.yarn-cache(\/|$)/,
      kinds: ['yarn-cache'],
      what: "yarn's cache",
    },
    {
      cache: 'pnpm',
      paths: /\/\.local\/share\/pnpm(\/|$)|\/\.pnpm-store(\/|$)/,
      kinds: ['pnpm-store'],
      what: "pnpm's store",
    },
    { cache: 'bun', paths: /\/\.bun\/install\/cache(\/|$)/, kinds: ['pnpm-store'], what: "bun's cache" },
  ],
  cacheMounts: {
    npm: { target: '/root/.npm', also: ['/home/node/.npm'], hadolint: 'DL3068' },
    yarn: {
      target: '/usr/local/share/.cache/yarn',
      also: ['/root/.cache/yarn', '/root/.yarn'],
      hadolint: 'DL3060',
    },
    pnpm: {
      target: '/root/.local/share/pnpm/store',
      also: ['/pnpm/store', '/root/.cache/pnpm'],
      hadolint: 'DL3075',
    },
  },
  outputs: ['node_modules', 'dist', 'build', '.next', '.nuxt', '.output'],
  dockerignore: [
    '# Dependencies and build output (installed and built inside the image)',
    '**/node_modules',
    '.npm',
    '**/.pnpm-store',
    '.yarn/cache',
    'npm-debug.log*',
    'yarn-error.log*',
    'dist',
    'build',
    '**/.next',
    '.nuxt',
    '.output',
    '**/.turbo',
    '.cache',
    '*.test.js',
    '*.spec.js',
    '*.test.ts',
    '*.spec.ts',
  ],
  runtimeImages: ['node:lts-slim', 'gcr.io/distroless/nodejs22-debian12'],
  signs: {
    programs: ['npm', 'yarn', 'pnpm', 'npx', 'node', 'bun'],
    images: /(^|[/ ])(node|bun)[:@ ]|(^|[/ ])node$/,
  },
});
