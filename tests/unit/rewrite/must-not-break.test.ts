// "Must not break": Dockerfiles written here in the shape of common public ones (Rails 7's
// generated Dockerfile, a Laravel composer image, Spring Boot layered jars on Alpine, a
// single-stage gcc/cmake C++ build, a Go API with a swaggo docs/ package, a .NET sdk-only image,
// an Alpine image creating users, a Node front-end with a Rust helper). Each default rewrite is
// verified (no violation), parses, is idempotent, and keeps or withholds the expected steps.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../../src/engine/types';
import { analyze, df, finalBase, ready, syntaxErrors } from './helpers';

beforeAll(async () => {
  await ready;
});

const SHAPES = {
  rails: df(
    '# syntax=docker/dockerfile:1',
    'ARG RUBY_VERSION=3.2.2',
    'FROM registry.docker.com/library/ruby:$RUBY_VERSION-slim as base',
    'WORKDIR /rails',
    'ENV RAILS_ENV="production" \\',
    '    BUNDLE_DEPLOYMENT="1" \\',
    '    BUNDLE_PATH="/usr/local/bundle" \\',
    '    BUNDLE_WITHOUT="development"',
    '',
    'FROM base as build',
    'RUN apt-get update -qq && \\',
    '    apt-get install --no-install-recommends -y build-essential git libpq-dev libvips pkg-config',
    'COPY Gemfile Gemfile.lock ./',
    'RUN bundle install && \\',
    '    rm -rf ~/.bundle/ "${BUNDLE_PATH}"/ruby/*/cache "${BUNDLE_PATH}"/ruby/*/bundler/gems/*/.git && \\',
    '    bundle exec bootsnap precompile --gemfile',
    'COPY . .',
    'RUN bundle exec bootsnap precompile app/ lib/',
    'RUN SECRET_KEY_BASE_DUMMY=1 ./bin/rails assets:precompile',
    '',
    'FROM base',
    'RUN apt-get update -qq && \\',
    '    apt-get install --no-install-recommends -y curl libvips postgresql-client && \\',
    '    rm -rf /var/lib/apt/lists /var/cache/apt/archives',
    'COPY --from=build /usr/local/bundle /usr/local/bundle',
    'COPY --from=build /rails /rails',
    'RUN useradd rails --create-home --shell /bin/bash && \\',
    '    chown -R rails:rails db log storage tmp',
    'USER rails:rails',
    'ENTRYPOINT ["/rails/bin/docker-entrypoint"]',
    'EXPOSE 3000',
    'CMD ["./bin/rails", "server"]',
  ),
  laravel: df(
    'FROM php:8.2-fpm',
    'RUN apt-get update && apt-get install -y git curl libpng-dev libonig-dev libxml2-dev zip unzip',
    'RUN docker-php-ext-install pdo_mysql mbstring exif pcntl bcmath gd',
    'COPY --from=composer:2 /usr/bin/composer /usr/bin/composer',
    'WORKDIR /var/www',
    'COPY . /var/www',
    'RUN composer install --no-dev --optimize-autoloader',
    'RUN composer require predis/predis',
    'COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh',
    'RUN chmod +x /usr/local/bin/docker-entrypoint.sh',
    'EXPOSE 9000',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'CMD ["php-fpm"]',
  ),
  spring: df(
    'FROM eclipse-temurin:17-jdk-alpine AS builder',
    'WORKDIR /workspace',
    'COPY mvnw pom.xml ./',
    'COPY .mvn .mvn',
    'RUN ./mvnw dependency:go-offline',
    'COPY src src',
    'RUN ./mvnw package -DskipTests',
    'RUN java -Djarmode=layertools -jar target/app.jar extract --destination target/extracted',
    '',
    'FROM eclipse-temurin:17-jdk-alpine',
    'RUN addgroup -S spring && adduser -S spring -G spring',
    'USER spring:spring',
    'WORKDIR /app',
    'COPY --from=builder /workspace/target/extracted/dependencies/ ./',
    'COPY --from=builder /workspace/target/extracted/spring-boot-loader/ ./',
    'COPY --from=builder /workspace/target/extracted/snapshot-dependencies/ ./',
    'COPY --from=builder /workspace/target/extracted/application/ ./',
    'ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]',
  ),
  cpp: df(
    'FROM gcc:13',
    'RUN apt-get update && apt-get install -y cmake',
    'WORKDIR /src',
    'COPY . .',
    'RUN mkdir build && cd build && cmake .. && make',
    'CMD ["./build/app"]',
  ),
  goswag: df(
    'FROM golang:1.22',
    'WORKDIR /app',
    'COPY go.mod go.sum ./',
    'RUN go mod download',
    'COPY . .',
    'RUN go build -o /app/server ./cmd/api',
    'EXPOSE 8080',
    'CMD ["/app/server"]',
  ),
  dotnet: df(
    'FROM mcr.microsoft.com/dotnet/sdk:6.0',
    'WORKDIR /src',
    'COPY . .',
    'RUN dotnet publish -c Release -o /app',
    'WORKDIR /app',
    'EXPOSE 80',
    'ENTRYPOINT ["dotnet", "Api.dll"]',
  ),
  'alpine-users': df(
    'FROM python:3.12-alpine',
    'RUN addgroup -S app && adduser -S app -G app',
    'WORKDIR /app',
    'COPY requirements.txt .',
    'RUN pip install -r requirements.txt',
    'COPY . .',
    'RUN chown -R app:app /app',
    'USER app',
    'CMD ["python", "app.py"]',
  ),
  'node-rust': df(
    'FROM node:20 AS web',
    'WORKDIR /web',
    'COPY package.json package-lock.json ./',
    'RUN npm ci',
    // The whole context: the missing-dockerignore finding that makes the .dockerignore worth offering.
    'COPY . .',
    'RUN npm run build',
    '',
    'FROM rust:1.78 AS helper',
    'WORKDIR /helper',
    'COPY helper/ .',
    'RUN cargo build --release',
    '',
    'FROM debian:bookworm-slim',
    'COPY --from=web /web/dist /srv/www',
    'COPY --from=helper /helper/target/release/helper /usr/local/bin/helper',
    'CMD ["helper", "--serve", "/srv/www"]',
  ),
  // `npm start` hides where the build writes (.next here): no folder may be guessed.
  'next-start': df(
    'FROM node:18',
    'WORKDIR /usr/src/app',
    'COPY package*.json ./',
    'RUN npm install',
    'COPY . .',
    'ENV NEXT_TELEMETRY_DISABLED 1',
    'RUN npm run build',
    'EXPOSE 3000',
    'CMD ["npm", "start"]',
  ),
  // A pnpm workspace: each package keeps a node_modules of its own.
  'pnpm-workspace': df(
    'FROM node:20-alpine',
    'RUN corepack enable',
    'WORKDIR /repo',
    'COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./',
    'COPY packages ./packages',
    'COPY apps/api ./apps/api',
    'RUN pnpm install --frozen-lockfile',
    'RUN pnpm -r build',
    'COPY docker/entrypoint.sh /usr/local/bin/entrypoint.sh',
    'CMD ["pnpm", "--filter", "api", "start"]',
  ),
};

const results = new Map<string, Analysis>();
function result(name: keyof typeof SHAPES): Analysis {
  if (!results.has(name)) results.set(name, analyze(SHAPES[name]));
  return results.get(name) as Analysis;
}
const step = (a: Analysis, id: string) => a.rewrite.steps.find((s) => s.id === id);
const ignored = (a: Analysis) => (a.rewrite.dockerignore ?? '').split('\n').map((l) => l.trim());

describe('every shape: a verified, valid, idempotent default rewrite', () => {
  it.each(Object.keys(SHAPES))('%s', (name) => {
    const a = result(name as keyof typeof SHAPES);
    expect(a.rewrite.violations).toEqual([]);
    expect(syntaxErrors(a.rewrite.dockerfile)).toBe(0);
    expect(analyze(a.rewrite.dockerfile).rewrite.dockerfile).toBe(a.rewrite.dockerfile);
    expect(a.rewrite.estimate.uncompressedBytes).toBeLessThanOrEqual(a.estimate.uncompressedBytes);
    for (const s of a.rewrite.steps)
      if (s.status === 'withheld') expect(s.withheldReason).toMatch(/^Not applied: /);
  });
});

describe('the expected steps, applied, repaired or withheld', () => {
  it('Rails 7: the .dockerignore keeps log/ and tmp/ that the final stage chowns', () => {
    const a = result('rails');
    expect(ignored(a)).not.toContain('log');
    expect(ignored(a)).not.toContain('tmp');
    expect(step(a, 'dockerignore')?.repairs?.join(' ')).toMatch(/Kept log/);
  });

  it('Laravel: the dependency stage is withheld (composer require predis/predis is not replayed)', () => {
    const a = result('laravel');
    expect(step(a, 'multi-stage')?.status).toBe('withheld');
    expect(step(a, 'multi-stage')?.withheldReason).toMatch(/predis\/predis/);
    expect(a.rewrite.dockerfile).toContain('composer require predis/predis');
    expect(a.rewrite.dockerfile).toContain('COPY --from=composer:2 /usr/bin/composer');
  });

  it('Spring Boot on Alpine: BusyBox users only where the base is Alpine', () => {
    const a = result('spring');
    const base = finalBase(a.rewrite.dockerfile);
    if (!/alpine/.test(base)) expect(a.rewrite.dockerfile).not.toMatch(/adduser -S/);
    expect(a.rewrite.dockerfile).toMatch(/USER spring:spring/);
  });

  it("gcc:13 + cmake: the slim runtime is withheld (GCC 13's libstdc++ is newer than Debian's)", () => {
    const a = result('cpp');
    expect(step(a, 'multi-stage')?.status).toBe('withheld');
    expect(step(a, 'multi-stage')?.withheldReason).toMatch(/libstdc\+\+/);
    expect(finalBase(a.rewrite.dockerfile)).toBe('gcc:13');
  });

  it('Go API with swaggo docs/: static binary on distroless, docs kept in the context', () => {
    const a = result('goswag');
    expect(step(a, 'multi-stage')?.status).toBe('applied');
    expect(a.rewrite.dockerfile).toMatch(/CGO_ENABLED=0 go build/);
    expect(ignored(a)).not.toContain('docs');
  });

  it('.NET 6 sdk-only: aspnet runtime with ASPNETCORE_URLS kept as the sdk image had it', () => {
    const a = result('dotnet');
    expect(step(a, 'multi-stage')?.status).toBe('applied');
    expect(a.rewrite.dockerfile).toMatch(
      /FROM mcr\.microsoft\.com\/dotnet\/aspnet:6\.0\nENV ASPNETCORE_URLS=""/,
    );
    expect(step(a, 'multi-stage')?.repairs?.[0]).toMatch(/ASPNETCORE_URLS/);
  });

  it('Alpine creating users: the BusyBox commands stay on an Alpine base', () => {
    const a = result('alpine-users');
    expect(finalBase(a.rewrite.dockerfile)).toMatch(/alpine/);
    expect(a.rewrite.dockerfile).toContain('addgroup -S app && adduser -S app -G app');
  });

  it('Node with `npm start`: the app folder comes whole from a pruned build stage, nothing guessed', () => {
    const a = result('next-start');
    expect(step(a, 'multi-stage')?.status).toBe('applied');
    const text = a.rewrite.dockerfile;
    expect(text).not.toMatch(/COPY --from=build \/usr\/src\/app\/\S+/);
    expect(text).toMatch(/RUN npm run build\nRUN npm prune --omit=dev\n/);
    expect(text).toContain('COPY --from=build /usr/src/app /usr/src/app');
    // node_modules were installed on glibc (node:18): the runtime stays glibc.
    expect(finalBase(text)).toBe('node:18-slim');
  });

  it('pnpm workspace: every package keeps its node_modules; COPYs outside the app and corepack stay', () => {
    const a = result('pnpm-workspace');
    const text = a.rewrite.dockerfile;
    expect(step(a, 'multi-stage')?.status).toBe('applied');
    expect(text).toContain('RUN pnpm prune --prod');
    expect(text).toContain('COPY --from=build /repo /repo');
    expect(text).not.toMatch(/AS deps/);
    expect(text.split('FROM node:20-alpine\n')[1]).toContain(
      'COPY docker/entrypoint.sh /usr/local/bin/entrypoint.sh',
    );
    expect(text.split('FROM node:20-alpine\n')[1]).not.toContain('COPY packages ./packages');
    // The container starts pnpm through corepack's shim: the final stage enables it too.
    expect(text).toMatch(/RUN corepack enable\nUSER node\n/);
  });

  it('Node front-end + Rust helper: the .dockerignore serves both ecosystems', () => {
    const a = result('node-rust');
    expect(step(a, 'dockerignore')?.status).toBe('applied');
    expect(ignored(a)).toContain('**/node_modules');
    expect(ignored(a)).toContain('target');
  });
});
