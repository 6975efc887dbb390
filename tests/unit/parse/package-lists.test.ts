// Issue 15 item 6: package lists held in variables are expanded and word-split as the shell
// splits them, and architecture conditionals are resolved for linux/amd64.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../../src/engine/model';
import { loadShellParser, parse, runs } from './helpers';

beforeAll(loadShellParser);

type Install = Extract<Effect, { kind: 'package-install' }>;
function installed(...lines: string[]): string[] {
  return runs(parse(...lines))
    .flatMap((r) => r.shell.effects)
    .filter((e): e is Install => e.kind === 'package-install')
    .flatMap((e) => e.packages.map((p) => p.name));
}

describe('package lists in variables', () => {
  it('splits an unquoted $VAR and ${VAR} from ENV into one package per word', () => {
    expect(
      installed('FROM debian:12', 'ENV DEPS="curl git" MORE=make', 'RUN apt-get install -y $DEPS ${MORE}'),
    ).toEqual(['curl', 'git', 'make']);
  });

  it('splits an ARG default written across continuation lines', () => {
    expect(
      installed(
        'FROM debian:12',
        'ARG BUILD_DEPS="gcc \\',
        '    libc6-dev \\',
        '    make"',
        'RUN apt-get install -y --no-install-recommends $BUILD_DEPS',
      ),
    ).toEqual(['gcc', 'libc6-dev', 'make']);
  });

  it('splits a list assigned in the script itself and drops an empty expansion', () => {
    expect(
      installed(
        'FROM alpine:3.20',
        'ENV EMPTY=""',
        'RUN DEPS="autoconf g++"; apk add --no-cache $DEPS $EMPTY',
      ),
    ).toEqual(['autoconf', 'g++']);
  });

  it('keeps a quoted "$VAR" as one word, as the shell does', () => {
    expect(installed('FROM debian:12', 'ENV DEPS="curl git"', 'RUN apt-get install -y "$DEPS"')).toEqual([
      'curl git',
    ]);
  });
});

describe('architecture conditionals on linux/amd64', () => {
  it('takes the amd64 branch of case "$(dpkg --print-architecture)"', () => {
    expect(
      installed(
        'FROM debian:12',
        'RUN case "$(dpkg --print-architecture)" in amd64) apt-get install -y libfoo ;; arm64) apt-get install -y libbar ;; esac',
      ),
    ).toEqual(['libfoo']);
  });

  it('follows a variable set from uname -m and patterns joined by |', () => {
    expect(
      installed(
        'FROM debian:12',
        'RUN arch="$(uname -m)"; case "$arch" in aarch64) apt-get install -y a ;; x86_64|amd64) apt-get install -y b ;; esac',
      ),
    ).toEqual(['b']);
  });

  it('splits a list assigned in the script whose versions are unknown, keeping them as written', () => {
    // `nginxPackages="nginx=${NGINX_VERSION}-r${PKG_RELEASE} ..."` with no ENV for the versions.
    expect(
      installed(
        'FROM debian:12',
        'ARG V',
        'RUN pkgs=" curl=${V} git " && apt-get install -y --no-install-recommends $pkgs ${pkgs}',
      ),
    ).toEqual(['curl', 'git', 'curl', 'git']);
    // A command's output is not known: such a list stays one unknown word.
    expect(installed('FROM debian:12', 'RUN pkgs="$(cat list.txt) git" && apt-get install -y $pkgs')).toEqual(
      ['$pkgs'],
    );
    // apk's --repositories-file takes a value (not a package).
    expect(
      installed(
        'FROM alpine:3.20',
        'RUN apk add --repositories-file /dev/null -X https://x.example/main --no-cache nginx',
      ),
    ).toEqual(['nginx']);
  });

  it('keeps every branch of a case that is not about the architecture', () => {
    expect(
      installed(
        'FROM debian:12',
        'RUN case "$MODE" in dev) apt-get install -y a ;; *) apt-get install -y b ;; esac',
      ),
    ).toEqual(['a', 'b']);
  });
});

describe('flag abbreviations a tool accepts', () => {
  const noCache = (run: string) =>
    runs(parse('FROM python:3.12-slim', run))
      .flatMap((r) => r.shell.effects)
      .filter((e): e is Install => e.kind === 'package-install')
      .map((e) => e.noCache);

  it('pip reads --no-cache (any prefix down to --no-ca) as --no-cache-dir', () => {
    expect(noCache('RUN pip install --no-cache flask')).toEqual([true]);
    expect(noCache('RUN pip install --no-cache-d flask')).toEqual([true]);
    expect(noCache('RUN pip install --no-color flask')).toEqual([false]);
  });
});
