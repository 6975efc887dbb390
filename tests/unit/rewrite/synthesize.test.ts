// Multi-stage synthesis per ecosystem, on realistic single-stage Dockerfiles: each result parses,
// keeps what the final image promises, uses the same language version, and is left alone when
// synthesized again (already multi-stage with a slim final stage).
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeMultiStage } from '../../../src/engine/synthesize';
import { df, finalBase, finalLines, parseDockerfile, promisesBroken, ready, syntaxErrors } from './helpers';

beforeAll(async () => {
  await ready;
});

function synth(text: string) {
  const r = synthesizeMultiStage(parseDockerfile(text));
  expect(r, 'a synthesis').not.toBeNull();
  expect(syntaxErrors(r!.text), r!.text).toBe(0);
  // Synthesizing the result again offers nothing: it is multi-stage with a slim final stage.
  expect(synthesizeMultiStage(parseDockerfile(r!.text))).toBeNull();
  expect(r!.explanation.length).toBeGreaterThan(40);
  expect(r!.caveats.length).toBeGreaterThan(0);
  return r!;
}

const FIXTURES = {
  'cargo-ws': String.raw`FROM rust:1.79
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release -p server
EXPOSE 8000
CMD ["/usr/src/app/target/release/server"]
`,
  cmake: String.raw`FROM ubuntu:22.04
RUN apt-get update && apt-get install -y build-essential cmake libboost-program-options-dev libssl-dev
WORKDIR /app
COPY . .
RUN mkdir -p build && cd build && cmake .. && make
EXPOSE 9000
CMD ["./build/server", "--port", "9000"]
`,
  composer: String.raw`FROM php:8.2-apache
RUN apt-get update && apt-get install -y git unzip libzip-dev && docker-php-ext-install zip pdo_mysql
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /var/www/html
COPY . .
RUN composer install --no-interaction
EXPOSE 80
`,
  dotnet: String.raw`FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /src
COPY . .
RUN dotnet restore
RUN dotnet publish -c Release -o /app/publish
WORKDIR /app/publish
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "WebApi.dll"]
`,
  'go-cmd': String.raw`FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/api ./cmd/api
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/api"]
CMD ["--port", "8080"]
`,
  'go-noo': String.raw`FROM golang:1.21-alpine
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build
CMD ["./server"]
`,
  gradle: String.raw`FROM gradle:8.7-jdk21
WORKDIR /home/gradle/project
COPY . .
RUN gradle bootJar --no-daemon
EXPOSE 8080
CMD ["java", "-jar", "build/libs/app.jar"]
`,
  maven: String.raw`FROM maven:3.9.6-eclipse-temurin-17
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -B package -DskipTests
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "target/demo-0.0.1-SNAPSHOT.jar"]
`,
  next: String.raw`FROM node:20
WORKDIR /app
COPY . .
RUN npm ci
RUN npx next build
EXPOSE 3000
CMD ["npm", "start"]
`,
  'npm-build': String.raw`FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install
COPY . .
RUN npm run build
ENV PORT=3000
LABEL org.opencontainers.image.title="payment-api"
EXPOSE 3000
HEALTHCHECK --interval=30s CMD curl -f http://localhost:3000/health || exit 1
CMD ["node", "dist/server.js"]
`,
  'npm-nobuild': String.raw`FROM node:18
WORKDIR /usr/src/app
COPY . .
RUN npm ci
EXPOSE 8080
CMD ["node", "index.js"]
`,
  'pip-libpq': String.raw`FROM python:3.12
RUN apt-get update && apt-get install -y gcc libpq-dev curl
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
RUN python manage.py collectstatic --noinput
RUN useradd --create-home appuser
USER appuser
EXPOSE 8000
CMD gunicorn --bind 0.0.0.0:8000 mysite.wsgi
`,
  pnpm: String.raw`FROM node:22
RUN corepack enable
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm run build
ENV NODE_ENV=production
EXPOSE 4000
CMD ["node", "dist/main.js"]
`,
  poetry: String.raw`FROM python:3.11
ENV PYTHONDONTWRITEBYTECODE=1
WORKDIR /code
RUN pip install poetry
COPY pyproject.toml poetry.lock ./
RUN poetry config virtualenvs.create false && poetry install --no-root --only main
COPY . .
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
`,
  static: String.raw`FROM node:18
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
RUN npm install -g serve
EXPOSE 3000
CMD ["serve", "-s", "build", "-l", "3000"]
`,
  uv: String.raw`FROM python:3.12-bookworm
WORKDIR /app
RUN pip install uv
COPY . .
RUN uv sync --frozen
CMD ["python", "-m", "app"]
`,
  yarn: String.raw`FROM node:20-bookworm
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build
EXPOSE 3000
CMD ["yarn", "start"]
`,
};

describe('Node (npm, yarn, pnpm)', () => {
  it('npm with a build script: deps stage --omit=dev, build stage, alpine runtime of the same major', () => {
    const r = synth(FIXTURES['npm-build']);
    expect(r.ecosystem).toBe('node');
    // Production node_modules are installed on the runtime's libc (musl), the build on the original.
    expect(r.text).toMatch(/^FROM node:20-alpine AS deps$/m);
    expect(r.text).toMatch(/^RUN npm ci --omit=dev$/m);
    expect(r.text).toMatch(/^FROM node:20 AS build$/m);
    expect(finalBase(r.text)).toBe('node:20-alpine');
    const final = finalLines(r.text);
    expect(final).toContain('ENV NODE_ENV=production');
    expect(final).toContain('COPY --from=deps /app/node_modules /app/node_modules');
    expect(final).toContain('COPY --from=build /app/dist /app/dist');
    expect(final).toContain('USER node');
    // HEALTHCHECK uses curl, which alpine lacks: it is installed in the final stage.
    expect(final).toContain('RUN apk add --no-cache curl');
    expect(promisesBroken(FIXTURES['npm-build'], r.text)).toEqual([]);
    expect(r.caveats.join(' ')).toMatch(/musl/);
  });

  it('npm without a build: two stages, no build stage', () => {
    const r = synth(FIXTURES['npm-nobuild']);
    expect(r.text).not.toMatch(/AS build/);
    expect(r.text).toMatch(/^FROM node:18-alpine AS deps$/m);
    expect(finalBase(r.text)).toBe('node:18-alpine');
    expect(finalLines(r.text)).toContain(
      'COPY --from=deps /usr/src/app/node_modules /usr/src/app/node_modules',
    );
    expect(promisesBroken(FIXTURES['npm-nobuild'], r.text)).toEqual([]);
  });

  it('deps that need apt setup stay on the original image, and the caveat says the modules are glibc builds', () => {
    const r = synth(
      df(
        'FROM node:20',
        'WORKDIR /app',
        'RUN apt-get update && apt-get install -y git',
        'COPY package*.json ./',
        'RUN npm ci',
        'COPY . .',
        'CMD ["node", "server.js"]',
      ),
    );
    expect(r.text).toMatch(/^FROM node:20 AS deps$/m);
    expect(finalBase(r.text)).toBe('node:20-alpine');
    expect(r.caveats.join(' ')).toMatch(/glibc builds that fail to load on musl/);
  });

  it('an old Node (< 16) gets --only=production', () => {
    const r = synth(
      df('FROM node:14', 'WORKDIR /app', 'COPY . .', 'RUN npm install', 'CMD ["node", "server.js"]'),
    );
    expect(r.text).toMatch(/npm install --only=production/);
    expect(r.caveats.join(' ')).toMatch(/No lockfile/);
  });

  it('yarn with a lockfile and `yarn start`: the built app pruned with yarn install --production --frozen-lockfile', () => {
    const r = synth(FIXTURES.yarn);
    expect(r.text).toMatch(/^COPY package\.json yarn\.lock \.\/$/m);
    // `yarn start` hides the build's output folder: the app comes whole from the build stage,
    // whose devDependencies a production install removes, on the same libc (bookworm → bookworm-slim).
    expect(r.text).toMatch(/^RUN yarn build\nRUN yarn install --production --frozen-lockfile$/m);
    expect(finalLines(r.text)).toContain('COPY --from=build /app /app');
    expect(finalBase(r.text)).toBe('node:20-bookworm-slim');
    expect(promisesBroken(FIXTURES.yarn, r.text)).toEqual([]);
  });

  it('pnpm: corepack carried into the deps stage, pnpm install --prod, manifests before the sources', () => {
    const r = synth(FIXTURES.pnpm);
    expect(r.text).toMatch(/pnpm install --prod --frozen-lockfile/);
    const build = r.text.slice(r.text.indexOf('AS build'), r.text.lastIndexOf('FROM'));
    // The build stage now copies the manifests and installs before copying the sources.
    expect(build.indexOf('COPY package.json pnpm-lock.yaml ./')).toBeLessThan(build.indexOf('COPY . .'));
    expect(build.indexOf('RUN pnpm install --frozen-lockfile')).toBeLessThan(build.indexOf('COPY . .'));
    expect(build).toMatch(/RUN pnpm run build/);
    expect(finalBase(r.text)).toBe('node:22-alpine');
    expect(promisesBroken(FIXTURES.pnpm, r.text)).toEqual([]);
  });

  it('Next.js: the .next folder is the build output', () => {
    const r = synth(FIXTURES.next);
    expect(finalLines(r.text)).toContain('COPY --from=build /app/.next /app/.next');
    expect(promisesBroken(FIXTURES.next, r.text)).toEqual([]);
  });

  it('a start command that needs bash (bash itself, or a script) keeps a Debian runtime', () => {
    for (const start of [
      'CMD ["bash", "-c", "node migrate.js && node server.js"]',
      'ENTRYPOINT ["./docker-entrypoint.sh"]',
    ]) {
      const r = synth(
        df('FROM node:20', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', start),
      );
      expect(finalBase(r.text)).toBe('node:20-slim');
    }
  });

  it('native modules (apt build tools) keep a glibc runtime: -slim, not alpine', () => {
    const text = df(
      'FROM node:20',
      'RUN apt-get update && apt-get install -y python3 make g++',
      'WORKDIR /app',
      'COPY . .',
      'RUN npm ci',
      'CMD ["node", "index.js"]',
    );
    const r = synth(text);
    expect(finalBase(r.text)).toBe('node:20-slim');
    // The toolchain is set up in the deps stage too (native modules compile there).
    expect(r.text.slice(0, r.text.indexOf('FROM node:20-slim'))).toMatch(
      /apt-get install -y python3 make g\+\+/,
    );
    expect(finalLines(r.text).join('\n')).not.toMatch(/g\+\+/);
  });

  it('an already slim, production-only install is left alone', () => {
    const text = df(
      'FROM node:20-alpine',
      'WORKDIR /app',
      'COPY . .',
      'RUN npm ci --omit=dev',
      'CMD ["node", "index.js"]',
    );
    expect(synthesizeMultiStage(parseDockerfile(text))).toBeNull();
  });
});

describe('static front-ends', () => {
  it('without EXPOSE, nginx listens where the Node server did (its -l flag, else its default)', () => {
    const site = (cmd: string) =>
      synth(df('FROM node:20-alpine', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npm run build', cmd)).text;
    const flagged = site('CMD ["serve", "-s", "dist", "-l", "8080"]');
    expect(flagged).toMatch(/listen 8080;/);
    expect(finalLines(flagged)).toContain('EXPOSE 8080');
    expect(finalLines(site('CMD ["serve", "-s", "dist"]'))).toContain('EXPOSE 3000');
    expect(finalLines(site('CMD ["npx", "http-server", "dist"]'))).toContain('EXPOSE 8080');
  });

  it('a site served by `serve -s build` moves to nginx:alpine on the same port with SPA fallback', () => {
    const r = synth(FIXTURES.static);
    expect(r.ecosystem).toBe('static');
    expect(finalBase(r.text)).toBe('nginx:alpine');
    expect(finalLines(r.text)).toContain('COPY --from=build /app/build /usr/share/nginx/html');
    expect(r.text).toMatch(/listen 3000;/);
    expect(r.text).toMatch(/try_files \$uri \$uri\/ \/index\.html;/);
    expect(finalLines(r.text)).toContain('EXPOSE 3000');
    expect(r.caveats.join(' ')).toMatch(/nginx/);
  });

  const site = (build: string, cmd: string) =>
    df(
      'FROM node:20',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . .',
      `RUN ${build}`,
      'EXPOSE 5173',
      `CMD ${cmd}`,
    );
  const final = (text: string) => synthesizeMultiStage(parseDockerfile(text));

  it('a vite dev server becomes nginx only when the build names its output folder', () => {
    const named = synth(site('npx vite build --outDir public', '["npx", "vite", "--host"]'));
    expect(finalBase(named.text)).toBe('nginx:alpine');
    expect(finalLines(named.text)).toContain('COPY --from=build /app/public /usr/share/nginx/html');
    // The output folder is a guess (vite.config may change it): no nginx site is offered.
    expect(final(site('npm run build', '["npm", "run", "dev"]'))?.ecosystem).not.toBe('static');
  });

  it('`python -m http.server --directory X` serves X from nginx; without --directory nothing is offered', () => {
    const r = synth(site('npm run build', '["python3", "-m", "http.server", "5173", "--directory", "dist"]'));
    expect(finalBase(r.text)).toBe('nginx:alpine');
    expect(finalLines(r.text)).toContain('COPY --from=build /app/dist /usr/share/nginx/html');
    // A Node runtime image has no python: neither synthesis offers a rewrite.
    expect(final(site('npm run build', '["python3", "-m", "http.server", "5173"]'))).toBeNull();
  });
});

describe('Go', () => {
  it('the seed pattern: go.mod first, static binary, distroless nonroot, same CMD', () => {
    const text = df(
      'FROM golang:1.22',
      'WORKDIR /app',
      'COPY . .',
      'RUN go build -o main .',
      'CMD ["./main"]',
    );
    const r = synth(text);
    expect(r.ecosystem).toBe('go');
    expect(r.text).toMatch(/^COPY go\.mod go\.sum\* \.\/\nRUN go mod download\nCOPY \. \.$/m);
    expect(r.text).toMatch(/^RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o main \.$/m);
    expect(finalBase(r.text)).toBe('gcr.io/distroless/static-debian12:nonroot');
    expect(finalLines(r.text)).toContain('COPY --from=build /app/main /app/main');
    expect(promisesBroken(text, r.text)).toEqual([]);
  });

  it('a cmd/ subfolder with an absolute output: ENTRYPOINT and CMD kept', () => {
    const r = synth(FIXTURES['go-cmd']);
    expect(r.text).toMatch(/go build -ldflags="-s -w" -o \/usr\/local\/bin\/api \.\/cmd\/api/);
    expect(finalLines(r.text)).toContain('COPY --from=build /usr/local/bin/api /usr/local/bin/api');
    expect(promisesBroken(FIXTURES['go-cmd'], r.text)).toEqual([]);
  });

  it('no -o: the output is named after what CMD runs', () => {
    const r = synth(FIXTURES['go-noo']);
    expect(r.text).toMatch(/go build -ldflags="-s -w" -o \/app\/server/);
    // The manifests were already copied first: no second copy.
    expect(r.text.match(/COPY go\.mod/g)?.length).toBe(1);
    expect(promisesBroken(FIXTURES['go-noo'], r.text)).toEqual([]);
  });

  it('a shell-form HEALTHCHECK needs a shell: debian slim instead of distroless', () => {
    const text = df(
      'FROM golang:1.22-bookworm',
      'WORKDIR /app',
      'COPY . .',
      'RUN go build -o app .',
      'HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1',
      'CMD ["./app"]',
    );
    const r = synth(text);
    expect(finalBase(r.text)).toBe('debian:bookworm-slim');
    expect(r.text).toMatch(/apt-get install -y --no-install-recommends ca-certificates curl/);
    expect(promisesBroken(text, r.text)).toEqual([]);
  });

  it('files copied next to the sources or outside them (configs, migrations) reach the final stage', () => {
    const text = df(
      'FROM golang:1.22',
      'WORKDIR /app',
      'COPY . .',
      'COPY config.yaml /etc/app/',
      'COPY migrations ./migrations',
      'RUN go build -o server .',
      'CMD ["./server"]',
    );
    const final = finalLines(synth(text).text);
    expect(final).toContain('COPY config.yaml /etc/app/');
    expect(final).toContain('COPY --from=build /app/migrations /app/migrations');
  });

  it('`go run` at run time needs the toolchain: nothing offered', () => {
    const text = df(
      'FROM golang:1.22',
      'WORKDIR /app',
      'COPY . .',
      'RUN go build ./...',
      'CMD ["go", "run", "."]',
    );
    expect(synthesizeMultiStage(parseDockerfile(text))).toBeNull();
  });

  it('a C compiler and headers installed for the build keep cgo on, on a runtime of the same libc', () => {
    // go-sqlite3 builds with CGO_ENABLED=0 but fails at run time: the build must stay cgo.
    const alpine = df(
      'FROM golang:1.21-alpine',
      'RUN apk add --no-cache gcc musl-dev sqlite-dev',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o app .',
      'ENTRYPOINT ["./app"]',
    );
    const a = synth(alpine);
    expect(a.text).toMatch(/^RUN go build -ldflags="-s -w" -o app \.$/m);
    expect(a.text).not.toContain('CGO_ENABLED=0');
    expect(finalBase(a.text)).toMatch(/^alpine:/);
    expect(finalLines(a.text)).toContain('RUN apk add --no-cache ca-certificates sqlite-libs');
    const debian = df(
      'FROM golang:1.22',
      'RUN apt-get update && apt-get install -y libsqlite3-dev',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /app .',
      'CMD ["/app"]',
    );
    const d = synth(debian);
    expect(d.text).not.toContain('CGO_ENABLED=0');
    expect(finalBase(d.text)).toBe('debian:bookworm-slim');
    expect(d.text).toMatch(/libsqlite3-0/);
    expect(d.caveats.join(' ')).toMatch(/uses cgo/);
  });
});

describe('Rust', () => {
  it('a cargo workspace member (-p server): distroless cc, registry cache mount, binary path kept', () => {
    const r = synth(FIXTURES['cargo-ws']);
    expect(r.ecosystem).toBe('rust');
    expect(r.text.startsWith('# syntax=docker/dockerfile:1')).toBe(true);
    expect(r.text).toMatch(
      /RUN --mount=type=cache,target=\/usr\/local\/cargo\/registry cargo build --release -p server/,
    );
    expect(finalBase(r.text)).toBe('gcr.io/distroless/cc-debian12:nonroot');
    expect(finalLines(r.text)).toContain(
      'COPY --from=build /usr/src/app/target/release/server /usr/src/app/target/release/server',
    );
    expect(promisesBroken(FIXTURES['cargo-ws'], r.text)).toEqual([]);
    expect(r.caveats.join(' ')).toMatch(/scratch/);
  });

  it('OpenSSL headers in the build: debian slim with libssl3 at run time', () => {
    const text = df(
      'FROM rust:1.78-bookworm',
      'RUN apt-get update && apt-get install -y pkg-config libssl-dev',
      'WORKDIR /app',
      'COPY . .',
      'RUN cargo build --release',
      'CMD ["./target/release/api"]',
    );
    const r = synth(text);
    expect(finalBase(r.text)).toBe('debian:bookworm-slim');
    expect(r.text).toMatch(/--no-install-recommends ca-certificates libssl3/);
  });
});

describe('Python (pip, poetry, uv)', () => {
  it('pip with libpq-dev and gcc: venv in the builder, libpq5 in a slim runtime, user kept', () => {
    const r = synth(FIXTURES['pip-libpq']);
    expect(r.ecosystem).toBe('python');
    expect(r.text).toMatch(/^FROM python:3\.12 AS build$/m);
    expect(r.text).toMatch(/RUN python -m venv \/opt\/venv/);
    expect(r.text).toMatch(/pip install --no-cache-dir -r requirements\.txt/);
    expect(finalBase(r.text)).toBe('python:3.12-slim');
    const final = finalLines(r.text).join('\n');
    expect(final).toMatch(/libpq5/);
    expect(final).not.toMatch(/libpq-dev|gcc/);
    expect(final).toMatch(/COPY --from=build \/opt\/venv \/opt\/venv/);
    expect(final).toMatch(/COPY --from=build \/app \/app/);
    expect(final).toMatch(/useradd --create-home appuser/);
    expect(promisesBroken(FIXTURES['pip-libpq'], r.text)).toEqual([]);
  });

  it('poetry: installs into the venv (VIRTUAL_ENV set), python:3.11-slim runtime', () => {
    const r = synth(FIXTURES.poetry);
    expect(r.text).toMatch(/poetry install --no-root --only main/);
    expect(finalBase(r.text)).toBe('python:3.11-slim');
    expect(finalLines(r.text)).toContain('ENV PYTHONDONTWRITEBYTECODE=1');
    expect(promisesBroken(FIXTURES.poetry, r.text)).toEqual([]);
  });

  it('uv: the project environment is the venv; the Debian release is kept', () => {
    const r = synth(FIXTURES.uv);
    expect(r.text).toMatch(/UV_PROJECT_ENVIRONMENT=\/opt\/venv/);
    expect(finalBase(r.text)).toBe('python:3.12-slim-bookworm');
    expect(promisesBroken(FIXTURES.uv, r.text)).toEqual([]);
  });

  it('pip --user installs elsewhere: nothing offered', () => {
    const text = df(
      'FROM python:3.12',
      'WORKDIR /app',
      'COPY . .',
      'RUN pip install --user -r requirements.txt',
      'CMD ["python", "app.py"]',
    );
    expect(synthesizeMultiStage(parseDockerfile(text))).toBeNull();
  });
});

describe('Java (Maven, Gradle)', () => {
  it('maven on temurin 17: a 17 JRE with only the jar, ENTRYPOINT kept', () => {
    const r = synth(FIXTURES.maven);
    expect(r.ecosystem).toBe('java');
    expect(finalBase(r.text)).toBe('eclipse-temurin:17-jre-alpine');
    expect(finalLines(r.text)).toContain(
      'COPY --from=build /build/target/demo-0.0.1-SNAPSHOT.jar /build/target/demo-0.0.1-SNAPSHOT.jar',
    );
    expect(promisesBroken(FIXTURES.maven, r.text)).toEqual([]);
  });

  it('gradle jdk21: a 21 JRE', () => {
    const r = synth(FIXTURES.gradle);
    expect(finalBase(r.text)).toBe('eclipse-temurin:21-jre-alpine');
    expect(promisesBroken(FIXTURES.gradle, r.text)).toEqual([]);
  });

  it('no CMD: the conventional target/*.jar, with a caveat', () => {
    const text = df('FROM maven:3-openjdk-11', 'WORKDIR /app', 'COPY . .', 'RUN mvn clean package');
    const r = synth(text);
    expect(finalBase(r.text)).toBe('eclipse-temurin:11-jre-alpine');
    expect(r.text).toMatch(/COPY --from=build \/app\/target\/\*\.jar \/app\/app\.jar/);
    expect(r.caveats.join(' ')).toMatch(/conventional/);
  });

  it.each([
    ['sh -c', 'ENTRYPOINT ["sh", "-c", "java $JAVA_OPTS -jar target/app.jar"]'],
    ['shell form with exec', 'ENTRYPOINT exec java $JAVA_OPTS -jar /app/target/app.jar'],
  ])('java started through %s: the jar is found and the command kept', (_, run) => {
    const text = df(
      'FROM maven:3.9-eclipse-temurin-17',
      'ENV JAVA_OPTS="-Xmx512m"',
      'WORKDIR /app',
      'COPY . .',
      'RUN mvn -B package',
      run,
    );
    const r = synth(text);
    expect(finalBase(r.text)).toBe('eclipse-temurin:17-jre-alpine');
    expect(finalLines(r.text)).toContain('COPY --from=build /app/target/app.jar /app/target/app.jar');
    expect(finalLines(r.text)).toContain(run);
    expect(promisesBroken(text, r.text)).toEqual([]);
  });

  it('a script started through sh -c is not java: nothing offered', () => {
    const text = df(
      'FROM maven:3.9-eclipse-temurin-21',
      'COPY . .',
      'RUN mvn package',
      'ENTRYPOINT ["sh", "-c", "./start.sh"]',
    );
    expect(synthesizeMultiStage(parseDockerfile(text))).toBeNull();
  });

  it('mvn spring-boot:run at run time needs the JDK: nothing offered', () => {
    const text = df(
      'FROM maven:3.9-eclipse-temurin-21',
      'WORKDIR /app',
      'COPY . .',
      'RUN mvn package',
      'CMD ["mvn", "spring-boot:run"]',
    );
    expect(synthesizeMultiStage(parseDockerfile(text))).toBeNull();
  });
});

describe('.NET, PHP, C/C++', () => {
  it('dotnet sdk:8.0 → aspnet:8.0 with the publish folder', () => {
    const r = synth(FIXTURES.dotnet);
    expect(r.ecosystem).toBe('dotnet');
    expect(finalBase(r.text)).toBe('mcr.microsoft.com/dotnet/aspnet:8.0');
    expect(finalLines(r.text)).toContain('COPY --from=build /app/publish /app/publish');
    expect(promisesBroken(FIXTURES.dotnet, r.text)).toEqual([]);
  });

  it('composer: a vendor stage with --no-dev --optimize-autoloader; composer leaves the image', () => {
    const r = synth(FIXTURES.composer);
    expect(r.ecosystem).toBe('php');
    expect(r.text).toMatch(/^FROM composer:2 AS vendor$/m);
    expect(r.text).toMatch(/composer install --no-dev --optimize-autoloader/);
    const final = finalLines(r.text).join('\n');
    expect(final).not.toMatch(/composer install|\/usr\/bin\/composer/);
    expect(final).toMatch(/COPY --from=vendor \/app\/vendor \/var\/www\/html\/vendor/);
    expect(promisesBroken(FIXTURES.composer, r.text)).toEqual([]);
  });

  it('cmake on ubuntu: the binary and runtime libraries (libssl3) only', () => {
    const r = synth(FIXTURES.cmake);
    expect(r.ecosystem).toBe('cpp');
    expect(finalBase(r.text)).toBe('ubuntu:22.04');
    const final = finalLines(r.text).join('\n');
    expect(final).toMatch(/libssl3/);
    expect(final).not.toMatch(/build-essential|cmake|libssl-dev/);
    expect(final).toMatch(/COPY --from=build \/app\/build\/server \/app\/build\/server/);
    expect(promisesBroken(FIXTURES.cmake, r.text)).toEqual([]);
  });
});

describe('nothing to synthesize', () => {
  it.each([
    [
      'already multi-stage with a slim final stage',
      df(
        'FROM golang:1.22 AS b',
        'RUN go build -o /x .',
        'FROM gcr.io/distroless/static-debian12',
        'COPY --from=b /x /x',
        'CMD ["/x"]',
      ),
    ],
    [
      'an unknown ecosystem',
      df(
        'FROM debian:bookworm-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl',
        'CMD ["bash"]',
      ),
    ],
    ['a variable base image', df('ARG BASE', 'FROM ${BASE}', 'RUN go build -o app .', 'CMD ["./app"]')],
    ['an empty file', ''],
    [
      'a C++ image whose entrypoint is a script',
      df('FROM gcc:13', 'WORKDIR /app', 'COPY . .', 'RUN make', 'ENTRYPOINT ["/app/run.sh"]'),
    ],
    [
      'a Python app assembled without a whole-context COPY',
      df(
        'FROM python:3.12',
        'RUN apt-get update && apt-get install -y gcc',
        'WORKDIR /opt/app',
        'RUN pip install gunicorn',
        'COPY conf/app.py /etc/app.py',
        'CMD ["gunicorn", "app"]',
      ),
    ],
    [
      'a Rust image running a script',
      df('FROM rust:1.78', 'WORKDIR /app', 'COPY . .', 'RUN cargo build --release', 'CMD ["/app/start.sh"]'),
    ],
    ['syntax errors', df('FROM node:20', 'RUNN npm install')],
  ])('%s', (_name, text) => {
    expect(synthesizeMultiStage(parseDockerfile(text))).toBeNull();
  });
});

describe('text conventions', () => {
  it('a CRLF file gets a CRLF synthesis; a backtick-escape file gets none', () => {
    const crlf =
      'FROM golang:1.22\r\nWORKDIR /app\r\nCOPY . .\r\nRUN go build \\\r\n  -o main .\r\nCMD ["./main"]\r\n';
    const r = synth(crlf);
    expect(r.text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const backtick =
      '# escape=`\nFROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o main .\nCMD ["./main"]\n';
    expect(synthesizeMultiStage(parseDockerfile(backtick))).toBeNull();
  });

  it('global ARGs and the platform flag are kept', () => {
    const text = df(
      'ARG GO_VERSION=1.22',
      'FROM --platform=linux/amd64 golang:${GO_VERSION}',
      'WORKDIR /app',
      'COPY . .',
      'RUN go build -o app .',
      'CMD ["./app"]',
    );
    const r = synth(text);
    expect(r.text.startsWith('ARG GO_VERSION=1.22\n')).toBe(true);
    expect(r.text).toMatch(/^FROM --platform=linux\/amd64 golang:\$\{GO_VERSION\} AS build$/m);
  });
});
