// The CLI run as a subprocess (tsx), as CI would run it: exit codes, JSON shape, stdin, budgets,
// errors on stderr. In-process tests of main() cover the option parsing in more detail.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, parseCliArgs, UsageError } from '../../../src/cli';
import { repoRoot } from '../parse/helpers';
import { validateAnalysis } from './schema';

const dir = mkdtempSync(path.join(tmpdir(), 'dfp-cli-'));
const small = path.join(dir, 'Dockerfile');
writeFileSync(small, 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["curl", "--version"]\n');
const big = path.join(dir, 'big.Dockerfile');
writeFileSync(
  big,
  'FROM node:22\nRUN apt-get update && apt-get install -y build-essential\nCOPY . .\nRUN npm install\nCMD ["node", "index.js"]\n',
);
const broken = path.join(dir, 'broken.Dockerfile');
writeFileSync(broken, 'RUNN x\n');

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: repoRoot,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli (subprocess)', () => {
  it('prints one Analysis object for one file with --format json', () => {
    const r = cli(['analyze', small, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const analysis = JSON.parse(r.stdout);
    expect(validateAnalysis(analysis)).toEqual([]);
    expect(analysis.stages[0]).toMatchObject({ index: 0, base: 'alpine:3.20', final: true });
  });

  it('prints an array of {file, ...Analysis} for several files', () => {
    const r = cli(['analyze', small, broken, '--format=json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.map((x: { file: string }) => x.file)).toEqual([small, broken]);
    for (const item of list) {
      const { file: _file, ...analysis } = item;
      expect(validateAnalysis(analysis)).toEqual([]);
    }
    expect(list[1].syntaxErrors.length).toBeGreaterThan(0);
  });

  it('reads standard input with -', () => {
    const r = cli(['analyze', '-', '--format', 'json'], 'FROM debian:12\nRUN apt-get update\n');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).stages[0].base).toBe('debian:12');
  });

  it('exits 1 over budget and says so on stderr; 0 within budget', () => {
    const over = cli(['analyze', big, '--budget', '1MB', '--format', 'json']);
    expect(over.code, over.stderr).toBe(1);
    // One formatBytes everywhere (issue 17): no trailing zeros.
    expect(over.stderr).toMatch(/over the budget of 1 MB/);
    expect(JSON.parse(over.stdout).estimate.uncompressedBytes).toBeGreaterThan(1_000_000);
    const within = cli(['analyze', small, '--budget', '1.5GB']);
    expect(within.code, within.stderr).toBe(0);
    expect(within.stderr).toBe('');
  });

  it('exits 2 on usage errors and 3 on a missing file, with messages on stderr', () => {
    const format = cli(['analyze', small, '--format', 'yaml']);
    expect(format.code, format.stderr).toBe(2);
    expect(format.stderr).toMatch(/Unknown format "yaml"/);
    expect(format.stdout).toBe('');
    const missing = cli(['analyze', path.join(dir, 'nope')]);
    expect(missing.code, missing.stderr).toBe(3);
    expect(missing.stderr).toMatch(/cannot read .*nope: no such file/);
  });

  it('prints a readable text report, the rewrite with --rewrite, and SARIF', () => {
    const text = cli(['analyze', big, '--rewrite']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Stages \(1\):/);
    expect(text.stdout).toMatch(/Estimated size of the final image: .* on disk/);
    expect(text.stdout).toMatch(/LINE\s+LAYER\s+ON DISK\s+COMPRESSED\s+CONFIDENCE/);
    expect(text.stdout).toMatch(/Findings \(\d+\):/);
    expect(text.stdout).toMatch(/--- rewritten Dockerfile ---/);
    const sarif = cli(['analyze', big, '--format', 'sarif']);
    expect(sarif.code, sarif.stderr).toBe(0);
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('dockerfile-playground');
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  it('prints help', () => {
    const r = cli(['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Usage: npm run --silent cli -- analyze/);
  });
});

describe('cli (in process)', () => {
  function capture() {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: {
        stdout: (t: string) => void (out.stdout += t),
        stderr: (t: string) => void (out.stderr += t),
        readFile: (p: string) => {
          if (p === 'exists') return 'FROM alpine\n';
          throw Object.assign(new Error('x'), { code: 'ENOENT' });
        },
        readStdin: () => 'FROM alpine\n',
      },
    };
  }

  it('parses options', () => {
    expect(parseCliArgs(['analyze', 'a', 'b', '--format', 'sarif', '--budget=800MiB', '--rewrite'])).toEqual({
      files: ['a', 'b'],
      format: 'sarif',
      budget: 800 * 1024 * 1024,
      rewrite: true,
      timeoutMs: 30_000,
      help: false,
    });
    expect(parseCliArgs(['analyze', '--', '--weird-name']).files).toEqual(['--weird-name']);
  });

  it.each([
    [[], /Missing command/],
    [['lint', 'x'], /Unknown command "lint"/],
    [['analyze'], /No Dockerfile given/],
    [['analyze', 'x', '--bogus'], /Unknown option "--bogus"/],
    [['analyze', 'x', '--budget', 'lots'], /Cannot read the budget "lots"/],
    [['analyze', 'x', '--budget'], /--budget needs a value/],
    [['analyze', '-', '-'], /only once/],
  ])('rejects %j', (args, message) => {
    expect(() => parseCliArgs(args as string[])).toThrow(UsageError);
    expect(() => parseCliArgs(args as string[])).toThrow(message as RegExp);
  });

  it('keeps going after an unreadable file and exits 3', async () => {
    const { out, io } = capture();
    const code = await main(['analyze', 'exists', 'missing', '--format', 'json'], io);
    expect(code).toBe(3);
    expect(JSON.parse(out.stdout)).toHaveLength(1);
    expect(out.stderr).toMatch(/cannot read missing: no such file/);
  });

  it('reads stdin', async () => {
    const { out, io } = capture();
    expect(await main(['analyze', '-', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(out.stdout).stages[0].base).toBe('alpine');
  });
});
