// The verifier, one invariant at a time: a candidate text is compared with the text before it,
// and only the problems the step introduces count (a problem the user's file already had is not
// the step's). Each case is a small before/after pair modelled on a real defect class.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyStep, verifyDockerignore } from '../../../src/engine/rewrite/verify';
import { df, parseDockerfile, ready } from './helpers';

beforeAll(async () => {
  await ready;
});

function problems(before: string, after: string) {
  const b = parseDockerfile(before);
  return verifyStep(b, parseDockerfile(after), b);
}

describe('paths: every path a later instruction reads still exists', () => {
  it('a COPY --from source that is command text, not a path', () => {
    const before = df(
      'FROM golang:1.22',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o main .',
      'CMD ["./main"]',
    );
    const after = df(
      'FROM golang:1.22 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o main .',
      'FROM debian:bookworm-slim',
      'COPY --from=build /src/["./main"] /app/main',
      'CMD ["./main"]',
    );
    const p = problems(before, after).filter((x) => x.invariant === 'paths');
    expect(p.map((x) => x.message).join('\n')).toMatch(/command text, not a path/);
  });

  it('a manifest the original creates in a RUN is not copied from the context', () => {
    const before = df(
      'FROM php:8.2-cli',
      'WORKDIR /app',
      'COPY --from=composer:2 /usr/bin/composer /usr/bin/composer',
      'RUN composer require monolog/monolog',
      'COPY . .',
      'CMD ["php", "index.php"]',
    );
    const after = df(
      'FROM composer:2 AS deps',
      'WORKDIR /app',
      'COPY composer.json composer.lock ./',
      'RUN composer install --no-dev',
      'FROM php:8.2-cli',
      'WORKDIR /app',
      'COPY --from=deps /app/vendor ./vendor',
      'COPY . .',
      'CMD ["php", "index.php"]',
    );
    const messages = problems(before, after).map((x) => x.message);
    expect(messages.join('\n')).toMatch(/copies composer\.json from the build context.*composer require/);
    // ...and the package the command added is no longer installed.
    expect(messages.join('\n')).toMatch(/monolog\/monolog/);
  });

  it('the program the container starts must be put there', () => {
    const before = df(
      'FROM alpine:3.20',
      'COPY server /usr/local/app/server',
      'ENTRYPOINT ["/usr/local/app/server"]',
    );
    const after = df('FROM alpine:3.20', 'ENTRYPOINT ["/usr/local/app/server"]');
    expect(problems(before, after).some((x) => x.key === 'paths:program:/usr/local/app/server')).toBe(true);
  });
});

describe('parent-stage: a stage built FROM another still finds what it used', () => {
  const parent = (clean: string) =>
    df(
      'FROM debian:bookworm AS base',
      `RUN apt-get update && apt-get install -y curl${clean}`,
      'FROM base',
      'RUN apt-get install -y git',
      'CMD ["git", "--version"]',
    );

  it('removing the package index in the parent breaks the child install, and is repaired', () => {
    const p = problems(parent(''), parent(' && rm -rf /var/lib/apt/lists/*'));
    expect(p).toHaveLength(1);
    expect(p[0].invariant).toBe('parent-stage');
    expect(p[0].message).toMatch(/Unable to locate package/);
    expect(p[0].repair?.edits?.[0].text).toBe('apt-get update && ');
  });

  it('a user created only in another stage', () => {
    const before = df('FROM debian:bookworm-slim', 'RUN useradd -r app', 'USER app');
    const after = df(
      'FROM debian:bookworm-slim AS users',
      'RUN useradd -r app',
      'FROM debian:bookworm-slim',
      'USER app',
    );
    expect(problems(before, after).map((x) => x.key)).toContain('parent-stage:user:final:app');
  });
});

describe('dialect: the base provides every command, with its flags', () => {
  it('BusyBox adduser -S on Debian is translated to useradd -r', () => {
    const before = df('FROM python:3.12-alpine', 'RUN addgroup -S app && adduser -S -G app app', 'USER app');
    const after = df('FROM python:3.12-slim', 'RUN addgroup -S app && adduser -S -G app app', 'USER app');
    const p = problems(before, after);
    expect(p.map((x) => x.repair?.edits?.[0].text)).toEqual(['groupadd -r app', 'useradd -r -g app app']);
  });

  it('useradd on Alpine is translated to BusyBox adduser', () => {
    const before = df('FROM node:20-slim', 'RUN groupadd -r app && useradd -r -g app -m app', 'USER app');
    const after = df('FROM node:20-alpine', 'RUN groupadd -r app && useradd -r -g app -m app', 'USER app');
    expect(problems(before, after).map((x) => x.repair?.edits?.[0].text)).toEqual([
      'addgroup -S app',
      'adduser -S -D -G app app',
    ]);
  });

  it('apt-get on Alpine has no certain repair', () => {
    const before = df('FROM python:3.12-slim', 'RUN apt-get update && apt-get install -y libpq5');
    const after = df('FROM python:3.12-alpine', 'RUN apt-get update && apt-get install -y libpq5');
    const p = problems(before, after);
    expect(p[0].message).toMatch(/apt-get, which python:3.12-alpine \(Alpine\) does not have/);
    expect(p.every((x) => !x.repair)).toBe(true);
  });

  it('a start command that runs bash, on Alpine', () => {
    const before = df('FROM node:20', 'COPY . .', 'CMD ["bash", "-c", "node migrate.js && node server.js"]');
    const after = df(
      'FROM node:20-alpine',
      'COPY . .',
      'CMD ["bash", "-c", "node migrate.js && node server.js"]',
    );
    expect(problems(before, after).map((x) => x.message)).toEqual([
      "the final stage starts bash, which node:20-alpine does not have (Alpine's shell is BusyBox ash).",
    ]);
    const withBash = df(
      'FROM node:20-alpine',
      'RUN apk add --no-cache bash',
      'COPY . .',
      'CMD ["bash", "-c", "node migrate.js && node server.js"]',
    );
    expect(problems(before, withBash)).toEqual([]);
  });

  it('a RUN on a base without a shell', () => {
    const before = df('FROM debian:bookworm-slim', 'RUN mkdir /data');
    const after = df('FROM gcr.io/distroless/base-debian12', 'RUN mkdir /data');
    expect(problems(before, after)[0].message).toMatch(/no shell/);
  });
});

describe('binary: a program moved to another base still runs', () => {
  const go = (env: string, runtime: string) =>
    df(
      'FROM golang:1.22 AS build',
      'WORKDIR /src',
      'COPY . .',
      `RUN ${env}go build -o /out/api .`,
      `FROM ${runtime}`,
      'COPY --from=build /out/api /api',
      'ENTRYPOINT ["/api"]',
    );
  const single = df(
    'FROM golang:1.22',
    'WORKDIR /src',
    'COPY . .',
    'RUN go build -o /out/api .',
    'ENTRYPOINT ["/out/api"]',
  );

  it('a cgo-enabled Go binary (CGO_ENABLED unset on a glibc builder) on scratch', () => {
    const p = problems(single, go('', 'scratch'));
    expect(p.map((x) => x.invariant)).toContain('binary');
    expect(p.find((x) => x.invariant === 'binary')?.message).toMatch(/cgo.*no C library/s);
  });

  it('CGO_ENABLED=0 makes it static: scratch is fine', () => {
    expect(problems(single, go('CGO_ENABLED=0 ', 'scratch')).filter((x) => x.invariant === 'binary')).toEqual(
      [],
    );
  });

  it("a C++ binary from gcc:13 on Debian bookworm (GCC 12's libstdc++)", () => {
    const before = df(
      'FROM gcc:13',
      'WORKDIR /src',
      'COPY . .',
      'RUN g++ -O2 -o app main.cpp',
      'CMD ["./app"]',
    );
    const after = df(
      'FROM gcc:13 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN g++ -O2 -o app main.cpp',
      'FROM debian:bookworm-slim',
      'COPY --from=build /src/app /usr/local/bin/app',
      'CMD ["app"]',
    );
    expect(problems(before, after).find((x) => x.invariant === 'binary')?.message).toMatch(/libstdc\+\+/);
    // Linked with -static-libstdc++ it runs there.
    const fixed = after.replace('g++ -O2', 'g++ -O2 -static-libstdc++');
    expect(
      problems(before.replace('g++ -O2', 'g++ -O2 -static-libstdc++'), fixed).filter(
        (x) => x.invariant === 'binary',
      ),
    ).toEqual([]);
  });

  it('a glibc binary on Alpine (musl)', () => {
    const p = problems(single, go('', 'alpine:3.20'));
    expect(p.find((x) => x.invariant === 'binary')?.message).toMatch(/musl, not glibc/);
  });
});

describe('runtime: the program receives what it received before', () => {
  it('a broken promise (CMD changed)', () => {
    const p = problems(df('FROM alpine:3.20', 'CMD ["a"]'), df('FROM alpine:3.20', 'CMD ["b"]'));
    expect(p.map((x) => x.key)).toEqual(['runtime:promise:CMD']);
  });

  it('ASPNETCORE_URLS differs between the .NET 6 sdk and aspnet images: repaired with an ENV line', () => {
    const before = df(
      'FROM mcr.microsoft.com/dotnet/sdk:6.0',
      'WORKDIR /app',
      'ENTRYPOINT ["dotnet", "Api.dll"]',
    );
    const after = df(
      'FROM mcr.microsoft.com/dotnet/aspnet:6.0',
      'WORKDIR /app',
      'ENTRYPOINT ["dotnet", "Api.dll"]',
    );
    const p = problems(before, after);
    expect(p).toHaveLength(1);
    expect(p[0].repair?.edits?.[0].text).toBe('\nENV ASPNETCORE_URLS=""');
  });

  it('node:latest → node:lts-alpine names the version change in a caveat', () => {
    const p = problems(
      df('FROM node', 'CMD ["node", "a.js"]'),
      df('FROM node:lts-alpine', 'CMD ["node", "a.js"]'),
    );
    expect(p[0].key).toBe('runtime:version:node');
    expect(p[0].repair?.caveat).toMatch(/newest release/);
  });

  it('a package installed by name in the final image stays installed', () => {
    const before = df(
      'FROM node:20',
      'WORKDIR /app',
      'COPY . .',
      'RUN npm ci && npm i sharp',
      'CMD ["node", "a.js"]',
    );
    const after = df('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "a.js"]');
    expect(problems(before, after).map((x) => x.key)).toEqual(['runtime:dep:node:sharp']);
  });

  it('a tool an entrypoint script may call stays (composer), a compiler may go', () => {
    const image = (extra: string) =>
      df(
        'FROM php:8.2-cli',
        `RUN apt-get update && apt-get install -y ${extra}unzip`,
        'COPY docker-entrypoint.sh /usr/local/bin/',
        'ENTRYPOINT ["docker-entrypoint.sh"]',
      );
    const withComposer = image('').replace(
      'RUN apt',
      'COPY --from=composer:2 /usr/bin/composer /usr/bin/composer\nRUN apt',
    );
    expect(problems(withComposer, image('')).map((x) => x.key)).toEqual(['runtime:dep:os:composer']);
    expect(problems(image('gcc '), image(''))).toEqual([]);
  });
});

describe('dockerignore: never excludes a path the build needs', () => {
  it('drops docs for a Go build (a swaggo docs package) and log/tmp that a RUN chowns', () => {
    const go = parseDockerfile(df('FROM golang:1.22', 'COPY . .', 'RUN go build -o /app .'));
    const rails = parseDockerfile(
      df('FROM ruby:3.2-slim', 'WORKDIR /rails', 'COPY . .', 'RUN chown -R rails:rails db log storage tmp'),
    );
    const v = verifyDockerignore('.git\ndocs\nlog\ntmp\nnode_modules\n', [go, rails]);
    expect(v.text.split('\n').filter(Boolean)).toEqual(['.git', 'node_modules']);
    expect(v.repairs).toHaveLength(3);
  });

  it('keeps a folder a COPY names', () => {
    const m = parseDockerfile(df('FROM nginx:alpine', 'COPY docs/site /usr/share/nginx/html'));
    expect(verifyDockerignore('docs\n*.log\n', [m]).text).toBe('*.log\n');
  });
});
