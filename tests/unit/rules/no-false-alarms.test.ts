// No false alarms: Dockerfiles that already do the right thing get no warnings or errors from the
// size and cache techniques (info-level advice is allowed), and nothing at error level.
import { beforeAll, describe, expect, it } from 'vitest';
import { df, lint, ready } from './helpers';

beforeAll(ready);

const SIZE_AND_CACHE = new Set([
  'base-image',
  'multi-stage',
  'dev-dependencies',
  'build-tools',
  'package-cache',
  'layer-merge',
  'cache-order',
  'dockerignore',
  'buildkit-cache',
]);

const GOOD: Record<string, string> = {
  'distroless multi-stage Go build with USER nonroot': df(
    '# syntax=docker/dockerfile:1',
    'FROM golang:1.23-bookworm AS build',
    'WORKDIR /src',
    'COPY go.mod go.sum ./',
    'RUN --mount=type=cache,target=/go/pkg/mod go mod download',
    'COPY . .',
    'RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \\',
    '    CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/server ./cmd/server',
    '',
    'FROM gcr.io/distroless/static-debian12:nonroot',
    'COPY --from=build /out/server /server',
    'USER nonroot:nonroot',
    'EXPOSE 8080',
    'HEALTHCHECK NONE',
    'ENTRYPOINT ["/server"]',
  ),
  'cache-mounted npm ci in a builder, production deps in the runtime': df(
    'FROM node:22-bookworm-slim AS deps',
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev',
    '',
    'FROM node:22-bookworm-slim AS build',
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN --mount=type=cache,target=/root/.npm npm ci',
    'COPY src/ ./src/',
    'RUN npm run build',
    '',
    'FROM node:22-bookworm-slim',
    'ENV NODE_ENV=production',
    'WORKDIR /app',
    'COPY --from=deps /app/node_modules ./node_modules',
    'COPY --from=build /app/dist ./dist',
    'USER node',
    'CMD ["node", "dist/server.js"]',
  ),
  'uv: dependencies first, the project after the source, slim runtime with a user': df(
    'FROM python:3.12-slim AS build',
    'COPY --from=ghcr.io/astral-sh/uv:0.4.20 /uv /bin/uv',
    'WORKDIR /app',
    'COPY pyproject.toml uv.lock ./',
    'RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-install-project --no-dev',
    'COPY . .',
    'RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev',
    '',
    'FROM python:3.12-slim',
    'RUN groupadd -r app && useradd -r -g app app',
    'COPY --from=build --chown=app:app /app /app',
    'ENV PATH="/app/.venv/bin:$PATH"',
    'USER app',
    'WORKDIR /app',
    'CMD ["python", "-m", "myapp"]',
  ),
  'static site built with yarn, served by nginx-unprivileged (already non-root)': df(
    'FROM node:22-alpine AS build',
    'WORKDIR /app',
    'COPY package.json yarn.lock ./',
    'RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile',
    'COPY . .',
    'RUN yarn build',
    '',
    'FROM nginxinc/nginx-unprivileged:1.27-alpine',
    'COPY --from=build /app/dist /usr/share/nginx/html',
    'EXPOSE 8080',
  ),
  'gradle build, JRE alpine runtime with a user and a health check': df(
    'FROM gradle:8.10-jdk21 AS build',
    'WORKDIR /home/gradle/project',
    'COPY build.gradle settings.gradle ./',
    'RUN --mount=type=cache,target=/home/gradle/.gradle gradle dependencies --no-daemon',
    'COPY src ./src',
    'RUN --mount=type=cache,target=/home/gradle/.gradle gradle bootJar --no-daemon',
    '',
    'FROM eclipse-temurin:21-jre-alpine',
    'RUN addgroup -S app && adduser -S app -G app',
    'WORKDIR /app',
    'COPY --from=build /home/gradle/project/build/libs/app.jar ./app.jar',
    'USER app',
    'EXPOSE 8080',
    'HEALTHCHECK CMD wget -qO- http://localhost:8080/actuator/health || exit 1',
    'ENTRYPOINT ["java", "-jar", "/app/app.jar"]',
  ),
  'apt install cleaned up in the same RUN, no recommends, pinned': df(
    'FROM debian:bookworm-slim',
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u12 \\',
    '    && rm -rf /var/lib/apt/lists/*',
    'RUN useradd --create-home --uid 10001 app',
    'USER app',
    'CMD ["curl", "--version"]',
  ),
  'python slim multi-stage with a virtualenv': df(
    'FROM python:3.12-slim AS build',
    'RUN python -m venv /opt/venv',
    'ENV PATH="/opt/venv/bin:$PATH"',
    'COPY requirements.txt .',
    'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
    '',
    'FROM python:3.12-slim',
    'COPY --from=build /opt/venv /opt/venv',
    'ENV PATH="/opt/venv/bin:$PATH"',
    'WORKDIR /app',
    'COPY app/ ./app/',
    'USER nobody',
    'CMD ["python", "-m", "app"]',
  ),
  'alpine with apk --no-cache and a virtual build group removed in the same RUN': df(
    'FROM alpine:3.20',
    'RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev=1.2.5-r0 \\',
    '    && echo build \\',
    '    && apk del .build-deps',
    'USER 65534',
    'CMD ["sh", "-c", "echo ok"]',
  ),
};

describe('no false alarms on Dockerfiles that already do the right thing', () => {
  for (const [name, text] of Object.entries(GOOD)) {
    it(`don't warn: ${name}`, () => {
      const found = lint(text)
        .map((o) => o.finding)
        .filter(
          (f) => f.severity === 'error' || (f.severity === 'warning' && SIZE_AND_CACHE.has(f.technique)),
        );
      expect(found.map((f) => `${f.ruleId}@${f.line}: ${f.message}`)).toEqual([]);
    });
  }
  it('no warning of any technique (non-root included) on any of them', () => {
    for (const text of Object.values(GOOD)) {
      const warnings = lint(text)
        .map((o) => o.finding)
        .filter((f) => f.severity !== 'info');
      expect(warnings.map((f) => `${f.ruleId}@${f.line}`)).toEqual([]);
    }
  });
  it('reports only info-level advice on the Go example', () => {
    const all = lint(GOOD['distroless multi-stage Go build with USER nonroot']).map(
      (o) => `${o.finding.ruleId}:${o.finding.severity}`,
    );
    for (const f of all) expect(f).toMatch(/:info$/);
  });
});
