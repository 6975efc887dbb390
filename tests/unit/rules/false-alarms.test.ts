// Issue 14, item 4: false alarms and wrong words, as classes. Each case is a Dockerfile that used to
// draw a finding that was not true (or named the wrong thing); the finding is now gone or worded
// truly.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSync } from '../../../src/engine/node';
import { df, lint, ready } from './helpers';

beforeAll(ready);

const messages = (text: string, id: string) => lint(text, id).map((o) => o.finding.message);

describe('cache folders given through ENV/ARG are expanded before judging', () => {
  const pip = (env: string[], mount: string) =>
    df(
      'FROM python:3.12-slim',
      ...env,
      'WORKDIR /app',
      'COPY requirements.txt .',
      `RUN ${mount}pip install -r requirements.txt`,
      'CMD ["python", "app.py"]',
    );

  it('a cache mount on $PIP_CACHE_DIR keeps the pip cache out: no cache-mount, no pip-no-cache-dir', () => {
    const text = pip(['ENV PIP_CACHE_DIR=/var/cache/pip'], '--mount=type=cache,target=${PIP_CACHE_DIR} ');
    expect(messages(text, 'cache-mount')).toEqual([]);
    expect(messages(text, 'pip-no-cache-dir')).toEqual([]);
  });

  it('an ARG feeding the ENV and the mount target is expanded the same way', () => {
    const text = pip(
      ['ARG CACHE=/cache/pip', 'ENV PIP_CACHE_DIR=$CACHE'],
      '--mount=type=cache,target=$CACHE ',
    );
    expect(messages(text, 'cache-mount')).toEqual([]);
    expect(messages(text, 'pip-no-cache-dir')).toEqual([]);
  });

  it('without a mount, the findings name the folder the environment gives, and the fix mounts it', () => {
    const text = pip(['ENV PIP_CACHE_DIR=/var/cache/pip'], '');
    const [cache] = lint(text, 'cache-mount');
    expect(cache.finding.message).toContain('target=/var/cache/pip');
    expect(cache.fix?.edits[0].text).toBe('--mount=type=cache,target=/var/cache/pip ');
    expect(messages(text, 'pip-no-cache-dir')[0]).toContain('(/var/cache/pip)');
  });

  it('GOMODCACHE moves go mod download’s cache; the finding names go mod download', () => {
    const text = df(
      'FROM golang:1.23 AS build',
      'ENV GOMODCACHE=/cache/mod',
      'WORKDIR /src',
      'COPY go.mod go.sum ./',
      'RUN --mount=type=cache,target=/cache/mod go mod download',
    );
    expect(messages(text, 'cache-mount')).toEqual([]);
    const bare = text.replace('--mount=type=cache,target=/cache/mod ', '');
    expect(messages(bare, 'cache-mount')[0]).toMatch(/^go mod download without a cache mount/);
  });
});

describe('flag abbreviations pip accepts', () => {
  it('pip --no-cache is --no-cache-dir for the rule and the size model alike', () => {
    const text = (flag: string) =>
      df('FROM python:3.12-slim', 'COPY requirements.txt .', `RUN pip install ${flag} -r requirements.txt`);
    expect(messages(text('--no-cache'), 'pip-no-cache-dir')).toEqual([]);
    const a = analyzeSync(text('--no-cache'));
    const b = analyzeSync(text('--no-cache-dir'));
    expect(a.estimate.uncompressedBytes).toBe(b.estimate.uncompressedBytes);
  });
});

describe('every message is true', () => {
  it('make alone is called a build tool, not compilers or headers', () => {
    const text = df(
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends make python3 && rm -rf /var/lib/apt/lists/*',
      'CMD ["python3", "app.py"]',
    );
    const [m] = messages(text, 'build-tools');
    expect(m).toMatch(/^make is a build tool only needed to build/);
    expect(m).not.toMatch(/compiler|header/);
  });

  it('a tool the container starts (CMD ["make", "run"]) is not reported as build-only', () => {
    const text = df(
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends make gcc && rm -rf /var/lib/apt/lists/*',
      'CMD ["make", "run"]',
    );
    const [m] = messages(text, 'build-tools');
    expect(m).toMatch(/^gcc is only needed to build \(compilers\)/);
  });

  it('a shell-form CMD exec app is said to receive SIGTERM', () => {
    const [m] = messages(df('FROM python:3.12-slim', 'CMD exec python app.py'), 'json-args');
    expect(m).toMatch(/receives SIGTERM/);
    expect(m).not.toMatch(/does not receive|never receives/);
  });

  it('non-root advice on nginx points to the unprivileged variant; that variant is not reported', () => {
    const [m] = messages(df('FROM nginx:1.27-alpine', 'COPY site/ /usr/share/nginx/html/'), 'non-root-user');
    expect(m).toContain('nginxinc/nginx-unprivileged:1.27-alpine');
    expect(m).toContain('8080');
    expect(
      messages(
        df('FROM nginxinc/nginx-unprivileged:1.27-alpine', 'COPY site/ /usr/share/nginx/html/'),
        'non-root-user',
      ),
    ).toEqual([]);
  });
});
