// Shell parsing of RUN with tree-sitter: commands, connectors, nesting, env, redirects, heredocs,
// set -e / pipefail, parse errors, non-POSIX shells, size cap, and the fallback splitter.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CmdLikeInstruction } from '../../../src/engine/model';
import { parseShell, MAX_SHELL_CHARS } from '../../../src/engine/parse/shell';
import { fallbackCommands } from '../../../src/engine/parse/shell-fallback';
import { loadShellParser, parse, runs } from './helpers';
import { BLOW_UP_CPU_MS, withCpuTime } from '../cpu-time';

beforeAll(loadShellParser);

function script(run: string, ...before: string[]) {
  return runs(parse('FROM debian', ...before, `RUN ${run}`))[0].shell;
}

const summary = (run: string) => script(run).commands.map((c) => [c.connector, c.name, ...c.args]);

describe('commands and connectors', () => {
  it('splits && || ; | & and keeps order', () => {
    expect(summary('a 1 && b 2 || c; d | e & f')).toEqual([
      [null, 'a', '1'],
      ['&&', 'b', '2'],
      ['||', 'c'],
      [';', 'd'],
      ['|', 'e'],
      ['&', 'f'],
    ]);
  });

  it('resolves quotes and escapes in arguments', () => {
    expect(summary(`echo "a b" 'c $d' e\\ f $'g\\th' "x"'y'z`)).toEqual([
      [null, 'echo', 'a b', 'c $d', 'e f', 'g\th', 'xyz'],
    ]);
  });

  it('gives command text and offsets into the script source', () => {
    const s = script('apt-get update && apt-get install -y curl');
    expect(s.source).toBe('apt-get update && apt-get install -y curl');
    const second = s.commands[1];
    expect(s.source.slice(second.start, second.end)).toBe('apt-get install -y curl');
    expect(second.text).toBe('apt-get install -y curl');
  });

  it('maps commands back to the Dockerfile text (span)', () => {
    const text = 'FROM debian\nRUN apt-get update \\\n  && apt-get install -y curl\n';
    const m = parse(text);
    const cmd = runs(m)[0].shell.commands[1];
    expect(cmd.span).toMatchObject({ line: 3, endLine: 3 });
    expect(text.slice(cmd.span!.start, cmd.span!.end)).toBe('apt-get install -y curl');
  });

  it('marks commands in subshells, $( ), if, for, while and case as nested', () => {
    const s = script(
      'a; (b); c $(d); if e; then f; fi; for i in 1; do g; done; while h; do i; done; case x in y) j;; esac; { k; }',
    );
    expect(s.commands.map((c) => [c.name, c.nested])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
      ['d', true],
      ['e', true],
      ['f', true],
      ['g', true],
      ['h', true],
      ['i', true],
      ['j', true],
      ['k', false],
    ]);
  });

  it('reads leading env assignments, redirects and heredoc bodies', () => {
    const s = script('DEBIAN_FRONTEND=noninteractive apt-get install -y x > /dev/null 2>&1');
    expect(s.commands[0].env).toEqual({ DEBIAN_FRONTEND: 'noninteractive' });
    expect(s.commands[0].redirects).toEqual([
      { op: '>', target: '/dev/null' },
      { op: '2>&', target: '1' },
    ]);
    const h = runs(parse('FROM debian', 'RUN cat > /etc/x <<EOF', 'line $HOME', 'EOF'))[0].shell;
    expect(h.commands[0].heredocs).toEqual(['line $HOME\n']);
  });

  it('resolves ARG and ENV values in arguments', () => {
    const s = script('curl -o /tmp/v https://x/${VERSION}/$NAME', 'ARG VERSION=1.2', 'ENV NAME=tool');
    expect(s.commands[0].args).toEqual(['-o', '/tmp/v', 'https://x/1.2/tool']);
  });
});

describe('errexit and pipefail', () => {
  it('reads set -e, set -eux, set -o errexit, set -euo pipefail', () => {
    expect(script('set -e; true').errexit).toBe(true);
    expect(script('set -eux && true').errexit).toBe(true);
    expect(script('set -o errexit; true').errexit).toBe(true);
    const s = script('set -euo pipefail; true');
    expect([s.errexit, s.pipefail]).toEqual([true, true]);
    expect(script('set -o pipefail; a | b').pipefail).toBe(true);
    expect(script('true').errexit).toBe(false);
  });

  it('takes pipefail from SHELL ["/bin/bash", "-o", "pipefail", "-c"]', () => {
    const s = runs(parse('FROM debian', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN a | b'))[0].shell;
    expect(s.pipefail).toBe(true);
    expect(s.errexit).toBe(false);
  });
});

describe('parse errors and limits', () => {
  it('reports ERROR and MISSING nodes and keeps the rest of the commands', () => {
    const s = script('apt-get update && && apt-get install -y curl');
    expect(s.errors.length).toBeGreaterThan(0);
    expect(s.errors[0].message).toMatch(/Shell syntax error/);
    expect(s.commands.some((c) => c.name === 'apt-get')).toBe(true);
    expect(s.errors[0].span?.line).toBe(2);
    const q = script('echo "unclosed');
    expect(q.errors.length).toBeGreaterThan(0);
  });

  it('skips PowerShell and cmd scripts', () => {
    const m = parse(
      'FROM mcr.microsoft.com/windows/servercore',
      'SHELL ["powershell", "-Command"]',
      'RUN Get-Item x; Remove-Item y',
      'SHELL ["cmd", "/S", "/C"]',
      'RUN dir',
    );
    expect(runs(m).map((r) => [r.shell.skipped, r.shell.commands.length])).toEqual([
      ['powershell', 0],
      ['cmd', 0],
    ]);
  });

  it('skips scripts longer than the cap with a message', () => {
    const s = script(`echo ${'x'.repeat(MAX_SHELL_CHARS + 10)}`);
    expect(s.commands).toEqual([]);
    expect(s.errors[0].message).toMatch(/shell parsing stops/);
  });

  it('parses shell-form CMD and ENTRYPOINT, not JSON form', () => {
    const m = parse('FROM alpine', 'CMD exec nginx -g "daemon off;"', 'ENTRYPOINT ["/entry"]');
    expect((m.instructions[1] as CmdLikeInstruction).shell?.commands[0]).toMatchObject({
      name: 'exec',
      args: ['nginx', '-g', 'daemon off;'],
    });
    expect((m.instructions[2] as CmdLikeInstruction).shell).toBeNull();
  });

  it('stays linear on a large script', () => {
    const body = Array.from({ length: 1500 }, (_, i) => `echo ${i}`).join(' && ');
    const { result: s, cpuMs } = withCpuTime(() => parseShell(body, { lookup: () => undefined }));
    expect(s.commands).toHaveLength(1500);
    expect(cpuMs).toBeLessThan(BLOW_UP_CPU_MS);
  });
});

describe('fallback splitter (before tree-sitter loads)', () => {
  it('splits commands, connectors and words', () => {
    const cmds = fallbackCommands(
      'A=1 apt-get install -y "a b" && rm -rf /x | tee y; z 2>&1',
      () => undefined,
    );
    expect(cmds.map((c) => [c.connector, c.name, ...c.args])).toEqual([
      [null, 'apt-get', 'install', '-y', 'a b'],
      ['&&', 'rm', '-rf', '/x'],
      ['|', 'tee', 'y'],
      [';', 'z', '2>&1'],
    ]);
    expect(cmds[0].env).toEqual({ A: '1' });
  });
});

describe('what a parse depends on besides its text', () => {
  const lookupOf = (vars: Record<string, string>) => (name: string) => vars[name];

  it('a variable the text names changes the result, although the text is the same', () => {
    const text = 'curl -o /tmp/x https://example.test/$VERSION/${NAME:-tool}.tgz';
    const a = parseShell(text, { lookup: lookupOf({ VERSION: '1.0', NAME: 'a' }) });
    const b = parseShell(text, { lookup: lookupOf({ VERSION: '2.0', NAME: 'a' }) });
    const c = parseShell(text, { lookup: lookupOf({ VERSION: '1.0', NAME: 'a' }) });
    expect(a.commands[0].args[2]).toBe('https://example.test/1.0/a.tgz');
    expect(b.commands[0].args[2]).toBe('https://example.test/2.0/a.tgz');
    expect(c).toEqual(a);
  });

  it('the shell flags are part of it', () => {
    const text = 'a | b';
    expect(parseShell(text, { lookup: () => undefined, pipefail: true }).pipefail).toBe(true);
    expect(parseShell(text, { lookup: () => undefined }).pipefail).toBe(false);
  });
});
