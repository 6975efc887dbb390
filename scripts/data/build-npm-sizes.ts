// Builds src/data/npm-sizes.json: installed sizes of widely depended-upon npm packages and typical
// node_modules sizes of common stacks.
//
// Method: for each stack, and for the seed packages in batches, a scratch project is installed with
// the npm client (`npm install --ignore-scripts --omit=dev --legacy-peer-deps`, latest versions)
// and the resulting node_modules tree is measured (sum of file sizes, as a layer would hold them).
// Per package the own size (its folder without nested node_modules) and its runtime dependencies
// (from package-lock.json) are recorded; a seed's closure size is the sum over its dependency
// closure, each package counted once. (The registry metadata reachable here carries no
// dist.unpackedSize, so sizes are measured on installed trees.)
//
// Usage: npx tsx scripts/data/build-npm-sizes.ts      (needs the npm client and its registry)
//        npx tsx scripts/data/build-npm-sizes.ts --provenance-only   (re-render PROVENANCE.md)
// No registry address is written anywhere: npm uses its own configuration.
import { execFile } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeProvenanceSection } from './provenance';

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'src', 'data', 'npm-sizes.json');

/** Frequently depended-upon packages and the roots of common stacks. */
const SEEDS = [
  'lodash',
  'chalk',
  'react',
  'react-dom',
  'express',
  'commander',
  'debug',
  'axios',
  'tslib',
  'moment',
  'fs-extra',
  'uuid',
  'prop-types',
  'classnames',
  'body-parser',
  'request',
  'bluebird',
  'async',
  'yargs',
  'glob',
  'dotenv',
  'inquirer',
  'semver',
  'minimist',
  'rxjs',
  'typescript',
  'webpack',
  'babel-loader',
  '@babel/core',
  '@babel/runtime',
  'jquery',
  'vue',
  'next',
  'mongoose',
  'mongodb',
  'mysql',
  'mysql2',
  'pg',
  'redis',
  'ioredis',
  'socket.io',
  'cors',
  'jsonwebtoken',
  'bcrypt',
  'bcryptjs',
  'morgan',
  'cookie-parser',
  'helmet',
  'compression',
  'multer',
  'nodemailer',
  'joi',
  'zod',
  'yup',
  'ajv',
  'dayjs',
  'date-fns',
  'luxon',
  'winston',
  'pino',
  'bunyan',
  'koa',
  'fastify',
  '@nestjs/core',
  '@nestjs/common',
  '@nestjs/platform-express',
  'reflect-metadata',
  'class-validator',
  'class-transformer',
  'typeorm',
  'sequelize',
  'prisma',
  '@prisma/client',
  'knex',
  'graphql',
  '@apollo/server',
  'ws',
  'node-fetch',
  'cross-fetch',
  'form-data',
  'qs',
  'mime',
  'mime-types',
  'cheerio',
  'puppeteer',
  'sharp',
  'jimp',
  'aws-sdk',
  '@aws-sdk/client-s3',
  'firebase-admin',
  'stripe',
  'openai',
  'react-router-dom',
  'redux',
  '@reduxjs/toolkit',
  'react-redux',
  'styled-components',
  '@emotion/react',
  'tailwindcss',
  'postcss',
  'autoprefixer',
  'sass',
  'eslint',
  'prettier',
  'jest',
  'mocha',
  'chai',
  'vitest',
  'vite',
  'esbuild',
  'rollup',
  'ts-node',
  'nodemon',
  'pm2',
  'concurrently',
  'rimraf',
  'mkdirp',
  'chokidar',
  'ora',
  'execa',
  'got',
  'superagent',
  'immer',
  'ramda',
  'underscore',
  'core-js',
  'regenerator-runtime',
  'source-map-support',
  'iconv-lite',
  'buffer',
  'events',
  'path-to-regexp',
  'handlebars',
  'ejs',
  'pug',
  'marked',
  'highlight.js',
  'xml2js',
  'yaml',
  'js-yaml',
  'csv-parse',
  'papaparse',
  'xlsx',
  'pdfkit',
  'archiver',
  'adm-zip',
  'tar',
  'shelljs',
  'cron',
  'node-cron',
  'bull',
  'bullmq',
  'amqplib',
  'kafkajs',
  'passport',
  'passport-jwt',
  'express-session',
  'connect-redis',
  'http-proxy-middleware',
  'swagger-ui-express',
  '@nestjs/swagger',
  'nuxt',
  'svelte',
  '@sveltejs/kit',
  'astro',
  '@angular/core',
  '@angular/cli',
  'electron',
  'serve',
  'http-server',
  '@types/node',
];

/** Common stacks: the packages a typical package.json lists as runtime dependencies. */
const STACKS: Record<string, string[]> = {
  express: ['express', 'cors', 'dotenv', 'body-parser', 'morgan'],
  'express-mongo': ['express', 'cors', 'dotenv', 'mongoose', 'jsonwebtoken', 'bcryptjs'],
  'express-postgres': ['express', 'cors', 'dotenv', 'pg', 'jsonwebtoken', 'bcryptjs'],
  fastify: ['fastify', 'dotenv', 'pino'],
  koa: ['koa', 'dotenv'],
  nest: [
    '@nestjs/core',
    '@nestjs/common',
    '@nestjs/platform-express',
    'reflect-metadata',
    'rxjs',
    'class-validator',
    'class-transformer',
  ],
  'nest-typeorm': [
    '@nestjs/core',
    '@nestjs/common',
    '@nestjs/platform-express',
    'reflect-metadata',
    'rxjs',
    'typeorm',
    'pg',
  ],
  next: ['next', 'react', 'react-dom'],
  react: ['react', 'react-dom', 'react-router-dom'],
  'react-vite-build': ['react', 'react-dom', 'vite', '@vitejs/plugin-react', 'typescript', 'eslint'],
  vue: ['vue'],
  'vue-vite-build': ['vue', 'vite', '@vitejs/plugin-vue', 'typescript'],
  nuxt: ['nuxt', 'vue'],
  svelte: ['svelte', '@sveltejs/kit', 'vite'],
  'socket.io': ['express', 'socket.io'],
  puppeteer: ['puppeteer'],
  prisma: ['@prisma/client', 'prisma'],
  'typescript-build': ['typescript', 'ts-node', '@types/node'],
};

interface Pkg {
  version: string;
  ownBytes: number;
  deps: string[];
}

/** Sum of file sizes under `dir`, skipping nested node_modules when `skipNested`. */
function treeBytes(dir: string, skipNested: boolean): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    if (skipNested && name === 'node_modules') continue;
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) total += treeBytes(p, skipNested);
    else total += st.size;
  }
  return total;
}

async function installGroup(label: string, deps: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'npm-sizes-'));
  try {
    const pkgJson = {
      name: 'measure',
      version: '1.0.0',
      private: true,
      dependencies: Object.fromEntries(deps.map((d) => [d, 'latest'])),
    };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkgJson));
    await run(
      'npm',
      [
        'install',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--legacy-peer-deps',
        '--omit=dev',
        '--loglevel=error',
      ],
      {
        cwd: dir,
        maxBuffer: 1 << 26,
        timeout: 15 * 60_000,
      },
    );
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as {
      packages: Record<
        string,
        {
          version?: string;
          dependencies?: Record<string, string>;
          optionalDependencies?: Record<string, string>;
          dev?: boolean;
          link?: boolean;
        }
      >;
    };
    const pkgs = new Map<string, Pkg>();
    let count = 0;
    for (const [path, info] of Object.entries(lock.packages)) {
      if (!path || info.link || info.dev) continue;
      count++;
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      // Hoisted (top-level) copies describe the package; nested copies are other versions.
      if (path !== `node_modules/${name}`) continue;
      pkgs.set(name, {
        version: info.version ?? '',
        ownBytes: treeBytes(join(dir, path), true),
        // Optional dependencies that npm installed (platform binaries: esbuild, sharp, next/swc...).
        deps: [...Object.keys(info.dependencies ?? {}), ...Object.keys(info.optionalDependencies ?? {})],
      });
    }
    const total = treeBytes(join(dir, 'node_modules'), false);
    console.error(`${label}: ${count} packages, ${(total / 1e6).toFixed(1)} MB`);
    return { pkgs, total, count };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface NpmDoc {
  asOf: string;
  packages: Record<string, [string, number, number, number]>;
  stacks: Record<string, { roots: string[]; bytes: number; packages: number }>;
}

function provenance(doc: NpmDoc) {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const lines = [
    `Measured ${doc.asOf}: ${Object.keys(doc.packages).length} packages, ${Object.keys(doc.stacks).length} stacks.`,
    '',
    '| stack | runtime dependencies | packages in node_modules | installed MB |',
    '|---|---|---:|---:|',
    ...Object.entries(doc.stacks).map(
      ([k, s]) => `| ${k} | ${s.roots.join(', ')} | ${s.packages} | ${mb(s.bytes)} |`,
    ),
  ];
  writeProvenanceSection('npm', lines.join('\n'));
}

async function main() {
  if (process.argv.includes('--provenance-only')) {
    provenance(JSON.parse(readFileSync(OUT, 'utf8')) as NpmDoc);
    return;
  }
  const all = new Map<string, Pkg>();
  const stacks: Record<string, { roots: string[]; bytes: number; packages: number }> = {};
  const groups: { label: string; deps: string[]; stack?: string }[] = [];
  for (const [k, roots] of Object.entries(STACKS))
    groups.push({ label: `stack ${k}`, deps: roots, stack: k });
  const BATCH = 20;
  for (let i = 0; i < SEEDS.length; i += BATCH)
    groups.push({ label: `seeds ${i}-${i + BATCH - 1}`, deps: SEEDS.slice(i, i + BATCH) });
  const limit = Number(process.env.NPM_INSTALL_CONCURRENCY ?? 2);
  let next = 0;
  async function worker() {
    while (next < groups.length) {
      const g = groups[next++];
      try {
        const r = await installGroup(g.label, g.deps);
        for (const [n, p] of r.pkgs) if (!all.has(n)) all.set(n, p);
        if (g.stack) stacks[g.stack] = { roots: g.deps, bytes: r.total, packages: r.count };
      } catch (err) {
        console.error(`${g.label}: install failed: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  }
  await Promise.all(Array.from({ length: limit }, worker));

  const closure = (root: string) => {
    const seen = new Set<string>();
    const stack = [root];
    let bytes = 0;
    let counted = 0;
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      const p = all.get(n);
      if (!p) continue; // optional dependency for another platform: not installed
      counted++;
      bytes += p.ownBytes;
      stack.push(...p.deps);
    }
    return { bytes, packages: counted };
  };
  const packages: Record<string, [string, number, number, number]> = {};
  for (const name of SEEDS) {
    const p = all.get(name);
    if (!p) continue;
    const c = closure(name);
    // [version, own installed bytes, closure installed bytes, closure package count]
    packages[name] = [p.version, p.ownBytes, c.bytes, c.packages];
  }
  const doc = {
    format: 2,
    asOf: new Date().toISOString().slice(0, 10),
    source:
      'npm client installs of the latest versions (npm install --ignore-scripts --omit=dev --legacy-peer-deps) in scratch projects; sizes are the sum of file sizes in the installed node_modules',
    layout: { packages: '[version, ownBytes, closureBytes, closurePackages]' },
    packages,
    stacks,
  };
  writeFileSync(OUT, JSON.stringify(doc));
  provenance(doc);
  console.log(
    `${Object.keys(packages).length} packages, ${Object.keys(stacks).length} stacks (${all.size} packages measured) -> ${OUT}`,
  );
}

void main();
