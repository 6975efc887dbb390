// The Dockerfile side of the parser: instructions, spans, flags, forms, heredocs, directives,
// comments, ONBUILD, HEALTHCHECK, SHELL, unknown instructions, ignore pragmas.
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  ArgInstruction,
  CmdLikeInstruction,
  CopyInstruction,
  EnvInstruction,
  FromInstruction,
  HealthcheckInstruction,
  OnbuildInstruction,
  OtherInstruction,
  RunInstruction,
} from '../../../src/engine/model';
import { parseDockerfile } from '../../../src/engine/parse/index';
import { loadShellParser, parse, runs } from './helpers';

beforeAll(loadShellParser);

describe('instructions and spans', () => {
  it('gives 1-based lines and offsets into the original text', () => {
    const text = 'FROM alpine:3.20\n\nRUN apk add curl\nCMD ["sh"]\n';
    const m = parseDockerfile(text);
    expect(m.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'CMD']);
    const run = m.instructions[1];
    expect(run.span).toEqual({ line: 3, endLine: 3, start: 18, end: 34 });
    expect(text.slice(run.span.start, run.span.end)).toBe('RUN apk add curl');
    expect(text.slice(run.keywordSpan.start, run.keywordSpan.end)).toBe('RUN');
    expect(m.lineStarts).toEqual([0, 17, 18, 35, 46]);
  });

  it('keeps exact offsets in CRLF files and joins continuations', () => {
    const text = 'FROM alpine\r\nRUN apk add \\\r\n  curl\r\nUSER app\r\n';
    const m = parseDockerfile(text);
    const [, run, user] = m.instructions;
    expect(text.slice(run.span.start, run.span.end)).toBe('RUN apk add \\\r\n  curl');
    expect(run.span.line).toBe(2);
    expect(run.span.endLine).toBe(3);
    expect(run.argsText).toBe('apk add   curl');
    expect(text.slice(user.span.start, user.span.end)).toBe('USER app');
    expect(user.span.line).toBe(4);
  });

  it('keeps offsets right after non-ASCII text (UTF-16 indices)', () => {
    const text = 'FROM alpine\nLABEL title="Café ☕ 🐳"\nRUN echo ok\n';
    const m = parseDockerfile(text);
    const run = m.instructions[2];
    expect(text.slice(run.span.start, run.span.end)).toBe('RUN echo ok');
  });

  it('reads lower-case keywords and keeps the raw text', () => {
    const m = parse('from alpine', 'run echo hi');
    expect(m.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN']);
    expect(m.instructions[1].raw).toBe('run echo hi');
    expect(m.syntaxErrors).toEqual([]);
  });

  it('removes comment lines inside continuations before shell parsing', () => {
    const m = parse(
      'FROM debian',
      'RUN apt-get update \\',
      '  # a comment',
      '',
      '  && apt-get install -y curl',
    );
    const run = runs(m)[0];
    expect(run.argsText).toBe('apt-get update   && apt-get install -y curl');
    expect(run.shell.errors).toEqual([]);
    expect(run.shell.commands.map((c) => c.name)).toEqual(['apt-get', 'apt-get']);
    expect(run.span.endLine).toBe(5);
  });
});

describe('flags', () => {
  it('parses --from, --chown, --chmod and --link on COPY', () => {
    const m = parse(
      'FROM alpine AS build',
      'FROM alpine',
      'COPY --from=build --chown=app:app --chmod=755 --link /a /b /dest/',
    );
    const copy = m.instructions[2] as CopyInstruction;
    expect(copy.flags.map((f) => [f.name, f.value])).toEqual([
      ['from', 'build'],
      ['chown', 'app:app'],
      ['chmod', '755'],
      ['link', null],
    ]);
    expect(copy.chown).toBe('app:app');
    expect(copy.chmod).toBe('755');
    expect(copy.link).toBe(true);
    expect(copy.sources).toEqual(['/a', '/b']);
    expect(copy.destination).toBe('/dest/');
    expect(copy.from).toEqual({ stage: 0 });
    expect(copy.argsAfterFlags).toBe('/a /b /dest/');
  });

  it('gives flag spans in the original text', () => {
    const text = 'FROM alpine\nCOPY --chown=1:1 a b\n';
    const m = parseDockerfile(text);
    const flag = m.instructions[1].flags[0];
    expect(text.slice(flag.span.start, flag.span.end)).toBe('--chown=1:1');
  });

  it('parses --mount into Mount objects, --network and --security', () => {
    const m = parse(
      'FROM debian',
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=from=build,source=/out,target=/in --network=none --security=insecure true',
    );
    const run = runs(m)[0];
    expect(run.mounts).toEqual([
      {
        type: 'cache',
        target: '/var/cache/apt',
        id: null,
        source: null,
        from: null,
        options: { type: 'cache', target: '/var/cache/apt', sharing: 'locked' },
      },
      {
        type: 'secret',
        target: '/root/.npmrc',
        id: 'npmrc',
        source: null,
        from: null,
        options: { type: 'secret', id: 'npmrc', target: '/root/.npmrc' },
      },
      {
        type: 'bind',
        target: '/in',
        id: null,
        source: '/out',
        from: 'build',
        options: { from: 'build', source: '/out', target: '/in' },
      },
    ]);
    expect(run.network).toBe('none');
    expect(run.security).toBe('insecure');
    expect(run.shell.commands[0].name).toBe('true');
  });

  it('reads FROM --platform', () => {
    const from = parse('FROM --platform=linux/arm64 alpine AS a').instructions[0] as FromInstruction;
    expect(from.platform).toBe('linux/arm64');
    expect(from.image).toBe('alpine');
    expect(from.stageName).toBe('a');
  });

  it('resolves --platform=$BUILDPLATFORM to the automatic platform argument', () => {
    const from = parse('FROM --platform=$BUILDPLATFORM golang:1.22').instructions[0] as FromInstruction;
    expect(from.platform).toBe('linux/amd64');
  });
});

describe('JSON and shell form', () => {
  it('tells the JSON form from the shell form', () => {
    const m = parse(
      'FROM alpine',
      'CMD ["node", "server.js"]',
      'ENTRYPOINT /entry.sh --flag',
      'RUN ["apk", "add", "curl"]',
    );
    const [, cmd, entry, run] = m.instructions;
    expect(cmd.form).toBe('json');
    expect(cmd.json).toEqual(['node', 'server.js']);
    expect((cmd as CmdLikeInstruction).shell).toBeNull();
    expect(entry.form).toBe('shell');
    expect((entry as CmdLikeInstruction).shell?.commands[0]).toMatchObject({
      name: '/entry.sh',
      args: ['--flag'],
    });
    expect(run.form).toBe('json');
    expect((run as RunInstruction).shell.commands).toHaveLength(1);
    expect((run as RunInstruction).shell.commands[0]).toMatchObject({ name: 'apk', args: ['add', 'curl'] });
    expect((run as RunInstruction).shell.skipped).toBe('json-form-non-shell');
  });

  it('treats broken JSON as shell form and reports it', () => {
    const m = parse('FROM alpine', "CMD ['node', 'server.js']");
    expect(m.instructions[1].form).toBe('shell');
    expect(m.syntaxErrors).toHaveLength(1);
    expect(m.syntaxErrors[0]).toMatchObject({ line: 2, column: 1 });
    expect(m.syntaxErrors[0].message).toMatch(/not valid JSON/);
  });

  it('parses the -c string of a JSON-form shell RUN (also -ec)', () => {
    const ec = runs(parse('FROM alpine', 'RUN ["sh", "-ec", "apk add curl"]'))[0];
    expect(ec.shell.errexit).toBe(true);
    expect(ec.shell.commands[0]).toMatchObject({ name: 'apk', args: ['add', 'curl'] });
    const run = runs(parse('FROM alpine', 'RUN ["/bin/sh", "-c", "apk update && apk add curl"]'))[0];
    expect(run.shell.skipped).toBeNull();
    expect(run.shell.commands.map((c) => [c.connector, c.name, ...c.args])).toEqual([
      [null, 'apk', 'update'],
      ['&&', 'apk', 'add', 'curl'],
    ]);
  });
});

describe('heredocs', () => {
  it('reads RUN <<EOF bodies and parses them as the script', () => {
    const m = parse('FROM alpine', 'RUN <<EOF', 'set -eux', 'apk add curl', 'EOF', 'USER app');
    const run = runs(m)[0];
    expect(run.heredocs).toEqual([
      {
        name: 'EOF',
        content: 'set -eux\napk add curl\n',
        stripTabs: false,
        quoted: false,
        span: expect.objectContaining({ line: 3, endLine: 5 }),
      },
    ]);
    expect(run.span).toMatchObject({ line: 2, endLine: 5 });
    expect(run.shell.errexit).toBe(true);
    expect(run.shell.commands.map((c) => c.name)).toEqual(['set', 'apk']);
    expect(m.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'USER']);
  });

  it('strips leading tabs for <<- and reads quoted delimiters', () => {
    const m = parse('FROM alpine', 'RUN <<-"EOT"', '\techo $HOME', '\t\tindented', '\tEOT');
    const h = runs(m)[0].heredocs[0];
    expect(h).toMatchObject({
      name: 'EOT',
      stripTabs: true,
      quoted: true,
      content: 'echo $HOME\nindented\n',
    });
  });

  it('reads COPY <<EOF with its destination', () => {
    const m = parse('FROM alpine', 'COPY <<EOF /etc/app.conf', 'key=value', 'EOF');
    const copy = m.instructions[1] as CopyInstruction;
    expect(copy.heredocs[0]).toMatchObject({ name: 'EOF', content: 'key=value\n' });
    expect(copy.destination).toBe('/etc/app.conf');
  });

  it('reads two heredocs on one line', () => {
    const m = parse('FROM alpine', 'RUN cat <<A > /a && cat <<B > /b', 'one', 'A', 'two', 'B', 'CMD x');
    const run = runs(m)[0];
    expect(run.heredocs.map((h) => [h.name, h.content])).toEqual([
      ['A', 'one\n'],
      ['B', 'two\n'],
    ]);
    expect(run.shell.commands.map((c) => [c.name, c.heredocs])).toEqual([
      ['cat', ['one\n']],
      ['cat', ['two\n']],
    ]);
    expect(m.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'CMD']);
  });

  it('feeds a heredoc to the program after the marker (RUN <<EOF python3)', () => {
    const run = runs(parse('FROM python', 'RUN <<EOF python3', 'print(1)', 'EOF'))[0];
    expect(run.shell.commands[0]).toMatchObject({ name: 'python3', heredocs: ['print(1)\n'] });
  });

  it('does not take a quoted "<<EOF" for a heredoc', () => {
    const m = parse('FROM alpine', 'RUN echo "<<EOF"', 'RUN echo next');
    expect(runs(m)).toHaveLength(2);
    expect(runs(m)[0].heredocs).toEqual([]);
  });

  it('reports an unterminated heredoc', () => {
    const m = parse('FROM alpine', 'RUN <<EOF', 'echo hi');
    expect(m.syntaxErrors).toEqual([
      { line: 2, column: 5, message: expect.stringMatching(/<<EOF is never closed/) },
    ]);
  });
});

describe('parser directives', () => {
  it('reads syntax, escape and check directives', () => {
    const m = parse(
      '# syntax=docker/dockerfile:1.7',
      '# check=skip=JSONArgsRecommended',
      '# escape=\\',
      'FROM alpine',
    );
    expect(m.directives).toEqual({
      syntax: 'docker/dockerfile:1.7',
      escape: '\\',
      check: 'skip=JSONArgsRecommended',
      all: [
        { name: 'syntax', value: 'docker/dockerfile:1.7', line: 1 },
        { name: 'check', value: 'skip=JSONArgsRecommended', line: 2 },
        { name: 'escape', value: '\\', line: 3 },
      ],
    });
  });

  it('stops reading directives after the first other line', () => {
    const m = parse('# a comment', '# syntax=docker/dockerfile:1', 'FROM alpine');
    expect(m.directives.syntax).toBeNull();
  });

  it('uses a backtick escape for continuations and words', () => {
    const m = parse(
      '# escape=`',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'RUN echo a `',
      '  && echo b',
      'ENV P=C:\\a`\\b',
    );
    expect(m.directives.escape).toBe('`');
    const run = runs(m)[0];
    expect(run.span).toMatchObject({ line: 3, endLine: 4 });
    expect(run.shell.commands.map((c) => c.name)).toEqual(['echo', 'echo']);
    const env = m.instructions[2] as EnvInstruction;
    expect(env.pairs[0]).toMatchObject({ key: 'P', resolved: 'C:\\a\\b' });
  });
});

describe('comments and ignore pragmas', () => {
  it('collects the comment lines directly above an instruction', () => {
    const m = parse(
      'FROM debian',
      '',
      '# why',
      '# hadolint ignore=DL3008,DL3015',
      'RUN apt-get install -y curl',
      '',
      '# playground ignore=apt-lists-not-removed',
      '',
      'RUN true',
    );
    expect(m.instructions[1].commentsAbove).toEqual(['why', 'hadolint ignore=DL3008,DL3015']);
    expect(m.instructions[2].commentsAbove).toEqual([]);
  });

  it('reads global ignores of hadolint and the playground', () => {
    const m = parse(
      '# hadolint global ignore=DL3008, DL3009',
      'FROM alpine',
      '# playground global ignore=non-root-user',
    );
    expect(m.globalIgnores).toEqual(['DL3008', 'DL3009', 'non-root-user']);
    expect(m.comments?.map((c) => c.line)).toEqual([1, 3]);
  });
});

describe('other instructions', () => {
  it('parses the ONBUILD trigger as an instruction', () => {
    const m = parse('FROM node', 'ONBUILD COPY --from=builder . /app', 'ONBUILD RUN npm ci');
    const [, copy, run] = m.instructions as OnbuildInstruction[];
    expect(copy.trigger?.keyword).toBe('COPY');
    expect((copy.trigger as CopyInstruction).fromRaw).toBe('builder');
    expect((run.trigger as RunInstruction).shell.commands[0].name).toBe('npm');
    expect(run.trigger?.span.line).toBe(3);
  });

  it('parses HEALTHCHECK NONE and CMD forms', () => {
    const m = parse(
      'FROM alpine',
      'HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1',
      'HEALTHCHECK NONE',
      'HEALTHCHECK CMD ["/bin/check", "-q"]',
    );
    const [, a, b, c] = m.instructions as HealthcheckInstruction[];
    expect(a.flags.map((f) => f.name)).toEqual(['interval', 'timeout']);
    expect(a.none).toBe(false);
    expect(a.command).toEqual(['CMD-SHELL', 'curl -f http://localhost/ || exit 1']);
    expect(b.none).toBe(true);
    expect(b.command).toBeNull();
    expect(c.command).toEqual(['CMD', '/bin/check', '-q']);
    expect(c.form).toBe('json');
  });

  it('reads SHELL, STOPSIGNAL, EXPOSE, VOLUME, USER, WORKDIR, LABEL, MAINTAINER args', () => {
    const m = parse(
      'FROM alpine',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'STOPSIGNAL SIGQUIT',
      'EXPOSE 80/tcp 443',
      'VOLUME ["/data", "/logs"]',
      'USER app:app',
      'WORKDIR /srv',
      'LABEL org.opencontainers.image.title="My app" version=1',
      'MAINTAINER Jane Doe <jane@example.com>',
    );
    const args = (i: number) => (m.instructions[i] as OtherInstruction).args;
    expect(args(1)).toEqual(['/bin/bash', '-o', 'pipefail', '-c']);
    expect(args(2)).toEqual(['SIGQUIT']);
    expect(args(3)).toEqual(['80/tcp', '443']);
    expect(args(4)).toEqual(['/data', '/logs']);
    expect(args(5)).toEqual(['app:app']);
    expect(args(6)).toEqual(['/srv']);
    expect((m.instructions[7] as EnvInstruction).pairs).toEqual([
      { key: 'org.opencontainers.image.title', value: 'My app', resolved: 'My app' },
      { key: 'version', value: '1', resolved: '1' },
    ]);
    expect(args(8)).toEqual(['Jane Doe <jane@example.com>']);
    expect(m.stages[0].shell).toEqual(['/bin/bash', '-o', 'pipefail', '-c']);
  });

  it('marks unknown instructions and reports them with a suggestion', () => {
    const m = parse('FROM alpine', 'RUNN echo hi');
    const runn = m.instructions[1];
    expect(runn.known).toBe(false);
    expect(runn.keyword).toBe('RUNN');
    expect(m.syntaxErrors).toEqual([
      {
        line: 2,
        column: 1,
        message: expect.stringMatching(/Unknown instruction "RUNN" \(did you mean RUN\?\)/),
      },
    ]);
  });

  it('reads ARG with and without defaults', () => {
    const arg = parse('ARG A=1 B', 'FROM alpine').instructions[0] as ArgInstruction;
    expect(arg.pairs).toEqual([
      { key: 'A', value: '1', resolved: '1' },
      { key: 'B', value: null, resolved: null },
    ]);
  });

  it('records ADD remote and archive sources', () => {
    const copy = parse('FROM alpine', 'ADD https://example.com/a.tgz app.tar.gz notes.txt /opt/')
      .instructions[1] as CopyInstruction;
    expect(copy.remoteSources).toEqual(['https://example.com/a.tgz']);
    expect(copy.archiveSources).toEqual(['app.tar.gz']);
  });
});
