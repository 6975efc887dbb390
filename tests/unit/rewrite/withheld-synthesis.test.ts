// Multi-stage syntheses that refuse: a step that cannot be shown safe is listed as withheld with
// its reason and never applied (a dev server, a RUN the synthesis does not understand, an install
// that bypasses the venv); the same shapes without the hazard are still applied. Also the smaller
// guarantees of the synthesis: build scripts across workspaces, `npm ci` only with a named
// lockfile, `mkdir -p` for a carried folder.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, RewriteStep } from '../../../src/engine/types';
import { analyze, df, finalLines, ready } from './helpers';
import { devToolOf, buildScriptOf } from '../../../src/engine/ecosystems/node-scripts';
import { parseDockerfile } from '../../../src/engine/node';

beforeAll(async () => {
  await ready;
});

function multiStage(a: Analysis): RewriteStep | undefined {
  return a.rewrite.steps.find((s) => s.id === 'multi-stage');
}

function expectWithheld(text: string, reason: RegExp): Analysis {
  const a = analyze(text);
  const step = multiStage(a);
  expect(step?.status).toBe('withheld');
  expect(step?.enabled).toBe(false);
  expect(step?.withheldReason).toMatch(reason);
  // Never applied: the rewrite stays single-stage.
  expect(parseDockerfile(a.rewrite.dockerfile).stages).toHaveLength(1);
  return a;
}

function expectApplied(text: string): Analysis {
  const a = analyze(text);
  expect(multiStage(a)?.status).toBe('applied');
  expect(parseDockerfile(a.rewrite.dockerfile).stages.length).toBeGreaterThan(1);
  expect(a.rewrite.violations ?? []).toEqual([]);
  return a;
}

const node = (run: string[], cmd: string, copy = 'COPY package.json package-lock.json ./') =>
  df('FROM node:20', 'WORKDIR /app', copy, 'RUN npm ci', 'COPY . .', ...run, cmd);

describe('node: a development tool as the start command withholds the synthesis', () => {
  const cases: [string, string][] = [
    ['CMD ["npm", "run", "dev"]', 'npm run dev'],
    ['CMD npm run dev', 'npm run dev'],
    ['CMD ["yarn", "dev"]', 'yarn run dev'],
    ['CMD ["pnpm", "run", "start:dev"]', 'pnpm run start:dev'],
    ['CMD ["npx", "nodemon", "src/index.js"]', 'nodemon'],
    ['CMD ["nodemon", "src/index.js"]', 'nodemon'],
    ['CMD ["npx", "ts-node", "src/main.ts"]', 'ts-node'],
    ['CMD ["npx", "tsx", "watch", "src/main.ts"]', 'tsx'],
    ['CMD ["npx", "vite", "--host"]', 'vite'],
    ['CMD ["npx", "next", "dev"]', 'next dev'],
    ['CMD ["npx", "ng", "serve", "--host", "0.0.0.0"]', 'ng serve'],
    ['CMD ["npx", "webpack", "serve"]', 'webpack serve'],
    ['CMD ["sh", "-c", "npm run migrate && npm run dev"]', 'npm run dev'],
    ['ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["npm", "run", "dev"]', 'npm run dev'],
  ];
  for (const [cmd, tool] of cases)
    it(`${cmd.replace(/\n/g, ' ')} → withheld naming ${tool}`, () => {
      const escaped = tool.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expectWithheld(node([], cmd), new RegExp(`development tool \\(\`${escaped}`));
    });

  it('and the dev-dependencies finding (with its --omit=dev fix) is not offered', () => {
    const a = analyze(
      df('FROM node:20-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm install', 'CMD ["npm", "run", "dev"]'),
    );
    expect(a.findings.filter((f) => f.ruleId === 'dev-dependencies')).toEqual([]);
    expect(a.rewrite.dockerfile).not.toMatch(/--omit=dev/);
  });

  it('positive control: a production start keeps the dev-dependencies fix', () => {
    const a = analyze(
      df('FROM node:20-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm install', 'CMD ["node", "server.js"]'),
    );
    expect(a.findings.some((f) => f.ruleId === 'dev-dependencies' && f.fix)).toBe(true);
  });
});

describe('devToolOf and build scripts', () => {
  it('production starts are not dev tools', () => {
    for (const w of [
      ['node', 'server.js'],
      ['npm', 'start'],
      ['npm', 'run', 'start:prod'],
      ['npx', 'next', 'start'],
      ['npx', 'vite', 'build'],
      ['nest', 'start'],
    ])
      expect(devToolOf(w)).toBeNull();
  });
  it('recognises build scripts across workspaces and managers', () => {
    const cmd = (text: string) => {
      const run = parseDockerfile(`FROM node:20\nRUN ${text}\n`).stages[0].instructions[1];
      return (run as { shell: { commands: Parameters<typeof buildScriptOf>[0][] } }).shell.commands[0];
    };
    expect(buildScriptOf(cmd('npm run build'))).toBe('npm run build');
    expect(buildScriptOf(cmd('npm run build -w api'))).toBe('npm run build');
    expect(buildScriptOf(cmd('npm --workspace api run build:prod'))).toBe('npm run build:prod');
    expect(buildScriptOf(cmd('pnpm -r build'))).toBe('pnpm run build');
    expect(buildScriptOf(cmd('pnpm --filter web build'))).toBe('pnpm run build');
    expect(buildScriptOf(cmd('pnpm -w run build'))).toBe('pnpm run build');
    expect(buildScriptOf(cmd('yarn workspace web build'))).toBe('yarn run build');
    expect(buildScriptOf(cmd('yarn build'))).toBe('yarn run build');
    expect(buildScriptOf(cmd('npm install'))).toBeNull();
    expect(buildScriptOf(cmd('npm run dev'))).toBeNull();
    expect(buildScriptOf(cmd('yarn install --frozen-lockfile'))).toBeNull();
  });
  it('a workspace build in the final stage is reported by multi-stage', () => {
    const a = analyze(node(['RUN pnpm --filter web build'], 'CMD ["node", "dist/index.js"]'));
    expect(a.findings.some((f) => f.ruleId === 'multi-stage' && /pnpm/.test(f.message))).toBe(true);
  });
});

describe('node: a RUN the synthesis does not understand withholds it', () => {
  for (const run of [
    'RUN git clone https://example.org/theme.git /opt/theme',
    'RUN curl -fsSL https://example.org/tool.sh | sh',
    'RUN wget -O /usr/local/bin/tool https://example.org/tool',
    'RUN ./scripts/fetch-assets.sh',
  ])
    it(`${run} → withheld naming the command`, () => {
      const first = run.slice(4).split(' ')[0];
      expectWithheld(
        node([run, 'RUN npm run build'], 'CMD ["node", "dist/index.js"]'),
        new RegExp(`line 6 runs \`${first.replace(/[.]/g, '\\.')}`),
      );
    });

  for (const run of ['RUN npm install lodash', 'RUN yarn add sharp', 'RUN pnpm add dayjs -w'])
    it(`${run} (a package added beside the manifest) → withheld`, () => {
      expectWithheld(
        node([run, 'RUN npm run build'], 'CMD ["node", "dist/index.js"]'),
        new RegExp(`line 6 adds packages \\(\`${run.slice(4)}`),
      );
    });
  it('positive control: shell builtins (export, test) are understood', () => {
    expectApplied(node(['RUN export CI=true', 'RUN npm run build'], 'CMD ["node", "dist/index.js"]'));
  });
  it('positive control: a plain build is applied', () => {
    expectApplied(node(['RUN npm run build'], 'CMD ["node", "dist/index.js"]'));
  });
  it('positive control: user and folder commands are carried, not withheld', () => {
    const a = expectApplied(
      node(
        ['RUN npm run build', 'RUN mkdir /app/uploads && chown node /app/uploads'],
        'CMD ["node", "dist/index.js"]',
      ),
    );
    // The folder may exist already in the runtime stage (the context is copied first).
    expect(finalLines(a.rewrite.dockerfile)).toContain(
      'RUN mkdir -p /app/uploads && chown node /app/uploads',
    );
  });
  it('a carried mkdir that already has -p is left as written', () => {
    const a = expectApplied(
      node(['RUN npm run build', 'RUN mkdir -p /data && chown node /data'], 'CMD ["node", "dist/index.js"]'),
    );
    expect(finalLines(a.rewrite.dockerfile)).toContain('RUN mkdir -p /data && chown node /data');
  });
});

describe('node: npm ci only with a named lockfile', () => {
  const install = (a: Analysis) =>
    a.rewrite.dockerfile.split('\n').find((l) => /^RUN npm (ci|install) --omit=dev/.test(l));
  it('package-lock.json copied by name → npm ci', () => {
    expect(install(expectApplied(node(['RUN npm run build'], 'CMD ["node", "dist/index.js"]')))).toBe(
      'RUN npm ci --omit=dev',
    );
  });
  it('npm-shrinkwrap.json copied by name → npm ci', () => {
    const text = df(
      'FROM node:20',
      'WORKDIR /app',
      'COPY package.json npm-shrinkwrap.json ./',
      'RUN npm install',
      'COPY . .',
      'RUN npm run build',
      'CMD ["node", "dist/index.js"]',
    );
    expect(install(expectApplied(text))).toBe('RUN npm ci --omit=dev');
  });
  it('a package*.json glob with npm install → npm install (the lockfile may not exist)', () => {
    const text = df(
      'FROM node:20',
      'WORKDIR /app',
      'COPY package*.json ./',
      'RUN npm install',
      'COPY . .',
      'RUN npm run build',
      'CMD ["node", "dist/index.js"]',
    );
    expect(install(expectApplied(text))).toBe('RUN npm install --omit=dev');
  });
  it('the original npm ci → npm ci (it needed the lockfile already)', () => {
    const text = df(
      'FROM node:20',
      'WORKDIR /app',
      'COPY package*.json ./',
      'RUN npm ci',
      'COPY . .',
      'RUN npm run build',
      'CMD ["node", "dist/index.js"]',
    );
    expect(install(expectApplied(text))).toBe('RUN npm ci --omit=dev');
  });
});

describe('python: installs the final stage needs are never dropped', () => {
  const py = (...run: string[]) =>
    df(
      'FROM python:3.12',
      'WORKDIR /app',
      'COPY . .',
      'RUN pip install -r requirements.txt',
      ...run,
      'CMD ["python", "app.py"]',
    );
  it('make install → withheld naming it', () => {
    expectWithheld(py('RUN make install'), /line 5 runs `make install`/);
  });
  it('an install by an absolute Python path bypasses the venv → withheld', () => {
    expectWithheld(py('RUN /usr/local/bin/python setup.py install'), /bypasses the virtual environment/);
  });
  it('an unknown download → withheld naming it', () => {
    expectWithheld(py('RUN curl -fsSLo /usr/local/bin/tool https://example.org/tool'), /runs `curl/);
  });
  it('positive control: pip install . lands in the venv the final stage receives', () => {
    const a = expectApplied(py('RUN pip install .'));
    expect(a.rewrite.dockerfile).toMatch(/RUN pip install --no-cache-dir \./);
    expect(a.rewrite.dockerfile).toMatch(/COPY --from=build \/opt\/venv \/opt\/venv/);
  });
  it('positive control: python setup.py install on the venv Python is applied', () => {
    const a = expectApplied(py('RUN python setup.py install'));
    expect(a.rewrite.dockerfile).toMatch(/RUN python setup\.py install/);
  });
  it('positive control: requirements only', () => {
    expectApplied(py());
  });
});

describe('Node: files made by cp/mv in the final stage', () => {
  it('a cp after the context COPY withholds the split (the runtime copies the context, not the build stage)', () => {
    const text = df(
      'FROM node:20',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . .',
      'RUN cp config.example.json config.json',
      'RUN npm run build',
      'CMD ["node", "dist/index.js"]',
    );
    const step = analyze(text).rewrite.steps.find((s) => s.id === 'multi-stage');
    expect(step?.status).toBe('withheld');
    expect(step?.withheldReason).toMatch(/line 6 runs `cp config.example.json config.json`/);
  });
});
