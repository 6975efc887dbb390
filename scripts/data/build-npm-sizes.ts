// Builds src/data/npm-sizes.json: unpacked sizes and runtime dependencies of widely depended-upon
// npm packages, read with the npm client (`npm view <pkg> dist.unpackedSize dependencies version
// --json`), plus typical installed node_modules sizes of common stacks computed from them (the
// dependency closure, each package counted once at its latest version).
//
// Usage: npx tsx scripts/data/build-npm-sizes.ts   (needs the npm registry configured for npm)
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'src', 'data', 'npm-sizes.json');

/** Seeds: frequently depended-upon packages and the roots of common stacks. */
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
  'apollo-server-express',
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
  'canvas',
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
  'gatsby',
  'react-scripts',
  '@angular/core',
  '@angular/cli',
  'electron',
  'serve',
  'http-server',
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
  'react-vite-build': ['react', 'react-dom', 'vite', 'typescript', 'eslint'],
  vue: ['vue'],
  nuxt: ['nuxt', 'vue'],
  svelte: ['svelte', '@sveltejs/kit', 'vite'],
  'socket.io': ['express', 'socket.io'],
  puppeteer: ['puppeteer'],
  prisma: ['@prisma/client', 'prisma'],
  'typescript-build': ['typescript', 'ts-node', '@types/node'],
};

interface Info {
  version: string;
  unpackedSize: number | null;
  dependencies: string[];
}

async function view(name: string): Promise<Info | null> {
  try {
    const { stdout } = await run(
      'npm',
      ['view', name, 'version', 'dist.unpackedSize', 'dependencies', '--json'],
      {
        maxBuffer: 1 << 24,
      },
    );
    const j = JSON.parse(stdout) as {
      version?: string;
      'dist.unpackedSize'?: number;
      dependencies?: Record<string, string>;
    };
    return {
      version: j.version ?? '',
      unpackedSize: j['dist.unpackedSize'] ?? null,
      dependencies: Object.keys(j.dependencies ?? {}),
    };
  } catch {
    return null;
  }
}

async function main() {
  const info = new Map<string, Info | null>();
  const queue = [...new Set([...SEEDS, ...Object.values(STACKS).flat()])];
  const limit = Number(process.env.NPM_VIEW_CONCURRENCY ?? 4);
  const maxPackages = Number(process.env.NPM_VIEW_MAX ?? 1500);
  // Breadth-first over dependencies so that stack closures are complete.
  while (queue.length && info.size < maxPackages) {
    const batch = queue.splice(0, limit).filter((n) => !info.has(n));
    const results = await Promise.all(batch.map((n) => view(n)));
    batch.forEach((n, i) => {
      info.set(n, results[i]);
      for (const d of results[i]?.dependencies ?? []) if (!info.has(d) && !queue.includes(d)) queue.push(d);
    });
    if (info.size % 100 < limit) console.error(`${info.size} packages read, ${queue.length} queued`);
  }
  const closure = (roots: string[]) => {
    const seen = new Set<string>();
    const stack = [...roots];
    let bytes = 0;
    let missing = 0;
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      const i = info.get(n);
      if (!i || i.unpackedSize == null) {
        missing++;
        continue;
      }
      bytes += i.unpackedSize;
      stack.push(...i.dependencies);
    }
    return { packages: seen.size, bytes, missing };
  };
  const packages: Record<string, [string, number, number, number]> = {};
  for (const name of SEEDS) {
    const i = info.get(name);
    if (!i || i.unpackedSize == null) continue;
    const c = closure([name]);
    // [version, own unpacked bytes, closure bytes, closure package count]
    packages[name] = [i.version, i.unpackedSize, c.bytes, c.packages];
  }
  const stacks: Record<string, { roots: string[]; bytes: number; packages: number; missing: number }> = {};
  for (const [k, roots] of Object.entries(STACKS)) stacks[k] = { roots, ...closure(roots) };
  const doc = {
    format: 1,
    asOf: new Date().toISOString().slice(0, 10),
    source:
      'npm registry metadata read with `npm view <name> version dist.unpackedSize dependencies --json` (latest versions); closures count each package once, runtime dependencies only',
    packages,
    stacks,
  };
  writeFileSync(OUT, JSON.stringify(doc));
  console.log(
    `${Object.keys(packages).length} packages, ${Object.keys(stacks).length} stacks (${info.size} packages read) -> ${OUT}`,
  );
}

void main();
