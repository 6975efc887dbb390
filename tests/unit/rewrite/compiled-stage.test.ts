// The final stage the compiled-program synthesizers share: the order of its lines, the OS
// packages it installs, how a native binary starts and when a shell is kept.
import { beforeAll, describe, expect, it } from 'vitest';
import { singleStageFacts, type StageFacts } from '../../../src/engine/synthesize/common';
import {
  binaryStart,
  runtimeStageLines,
  keepsShell,
  runtimePackages,
  shellImage,
} from '../../../src/engine/synthesize/compiled-stage';
import { carriedRuns } from '../../../src/engine/synthesize/carried-runs';
import { df, parseDockerfile, ready } from './helpers';

beforeAll(async () => {
  await ready;
});

function facts(text: string): StageFacts {
  const f = singleStageFacts(parseDockerfile(text));
  expect(f, 'a single stage').not.toBeNull();
  return f!;
}

describe('runtimeStageLines', () => {
  it('writes the runtime image, then what the original promised, the product, assets and carried RUNs before the start', () => {
    const f = facts(
      df(
        'FROM golang:1.22',
        'ARG VERSION=1',
        'ENV GOFLAGS=-mod=mod APP_MODE=prod',
        'LABEL org.opencontainers.image.source=x',
        'WORKDIR /src',
        'COPY . .',
        'COPY app.yaml /etc/app/app.yaml',
        'RUN go build -o /out/app .',
        'RUN mkdir data',
        'EXPOSE 8080',
        'CMD ["app"]',
      ),
    );
    const lines = runtimeStageLines(f, {
      image: 'debian:bookworm-slim',
      toolchainEnv: /^ENV\s+GOFLAGS\b/,
      packages: 'RUN apk add --no-cache tzdata',
      workdir: '/srv',
      product: ['COPY --from=build /out/app /usr/local/bin/app'],
      builds: f.commands.filter((c) => c.cmd.name === 'go'),
      start: ['CMD ["app"]'],
    });
    expect(lines).toEqual([
      'FROM debian:bookworm-slim',
      'ARG VERSION=1',
      'LABEL org.opencontainers.image.source=x',
      'RUN apk add --no-cache tzdata',
      'WORKDIR /srv',
      'COPY --from=build /out/app /usr/local/bin/app',
      'COPY app.yaml /etc/app/app.yaml',
      // The RUN made data/ in /src, where the final stage is not: it runs there again.
      'WORKDIR /src',
      'RUN mkdir -p data',
      'WORKDIR /srv',
      'CMD ["app"]',
    ]);
  });

  it("copies files put in the build's folders from the build stage, the output folder included", () => {
    const f = facts(
      df(
        'FROM mcr.microsoft.com/dotnet/sdk:8.0',
        'WORKDIR /src',
        'COPY . .',
        'COPY appsettings.Production.json ./',
        'COPY extra.json /out/',
        'RUN dotnet publish -c Release -o /out',
        'ENTRYPOINT ["dotnet", "/out/App.dll"]',
      ),
    );
    const plan = {
      image: 'mcr.microsoft.com/dotnet/runtime:8.0',
      toolchainEnv: /^ENV\s+NUGET_/,
      packages: '',
      workdir: '/src',
      product: ['COPY --from=build /out /out'],
      builds: f.commands,
      start: [],
    };
    const inBuild = 'COPY --from=build /src/appsettings.Production.json /src/appsettings.Production.json';
    expect(runtimeStageLines(f, plan)).toEqual(expect.arrayContaining([inBuild, 'COPY extra.json /out/']));
    expect(runtimeStageLines(f, { ...plan, outputDir: '/out' })).toEqual(
      expect.arrayContaining([inBuild, 'COPY --from=build /out/extra.json /out/extra.json']),
    );
  });
});

describe('runtimePackages', () => {
  const withHealthcheck = (tool: string, install: string) =>
    facts(
      df('FROM rust:1.78', install, 'COPY . .', `HEALTHCHECK CMD ${tool} http://localhost/`, 'CMD ["app"]'),
    );

  it("adds the HEALTHCHECK's wget on Debian, not on Alpine where busybox has one", () => {
    const f = withHealthcheck('wget -qO-', 'RUN apt-get update && apt-get install -y libpq-dev');
    expect(runtimePackages(f, false, ['ca-certificates'])).toContain(
      'apt-get install -y --no-install-recommends ca-certificates libpq5 wget',
    );
    expect(runtimePackages(f, true, ['ca-certificates'])).toBe('RUN apk add --no-cache ca-certificates');
  });

  it("keeps the original's packages only for the final stage's own manager, and drops what `keep` refuses", () => {
    const f = withHealthcheck('curl -f', 'RUN apk add --no-cache libpq openjdk17-jre');
    expect(runtimePackages(f, true)).toBe('RUN apk add --no-cache curl libpq openjdk17-jre');
    expect(runtimePackages(f, true, [], (p) => !p.startsWith('openjdk'))).toBe(
      'RUN apk add --no-cache curl libpq',
    );
    expect(runtimePackages(f, false)).toContain('apt-get install -y --no-install-recommends curl');
    expect(runtimePackages(f, false)).not.toContain('libpq');
  });

  it('installs nothing when nothing is needed', () => {
    expect(runtimePackages(facts(df('FROM rust:1.78', 'COPY . .', 'CMD ["app"]')), false)).toBe('');
  });
});

describe('binaryStart', () => {
  const text = df('FROM golang:1.22', 'COPY . .', 'EXPOSE 80', 'STOPSIGNAL SIGINT', 'CMD app --port 80');

  it('on distroless: exec form, as the nonroot user', () => {
    expect(binaryStart(facts(text), true)).toEqual([
      'USER nonroot:nonroot',
      'EXPOSE 80',
      'STOPSIGNAL SIGINT',
      'CMD ["app", "--port", "80"]',
    ]);
  });

  it('with a shell: as written, under the USER the file names', () => {
    const f = facts(text.replace('EXPOSE 80', 'USER app\nEXPOSE 80'));
    expect(binaryStart(f, false)).toEqual([
      'USER app',
      'EXPOSE 80',
      'STOPSIGNAL SIGINT',
      'CMD app --port 80',
    ]);
    expect(binaryStart(f, true)[0]).toBe('USER app');
  });

  it('writes the instructions the caller replaces as it says', () => {
    const f = facts(text);
    const replaced = new Map([[f.cmd!, 'CMD ["/usr/local/bin/app"]']]);
    expect(binaryStart(f, true, replaced).at(-1)).toBe('CMD ["/usr/local/bin/app"]');
  });
});

describe('keepsShell and shellImage', () => {
  it('keeps a shell for a shell-form start, carried RUNs, extra packages or a reason of the caller', () => {
    const plain = facts(df('FROM golang:1.22', 'COPY . .', 'CMD ["app"]'));
    expect(keepsShell(plain, carriedRuns(plain), false)).toBe(false);
    expect(keepsShell(plain, carriedRuns(plain), true)).toBe(true);
    const shellForm = facts(df('FROM golang:1.22', 'COPY . .', 'CMD app && echo done'));
    expect(keepsShell(shellForm, [], false)).toBe(true);
    const carried = facts(df('FROM golang:1.22', 'RUN useradd app', 'COPY . .', 'CMD ["app"]'));
    expect(keepsShell(carried, carriedRuns(carried), false)).toBe(true);
    const certsOnly = facts(
      df('FROM golang:1.22', 'RUN apt-get install -y ca-certificates tzdata', 'COPY . .', 'CMD ["app"]'),
    );
    expect(keepsShell(certsOnly, [], false)).toBe(false);
    const library = facts(
      df('FROM golang:1.22', 'RUN apt-get install -y libvips', 'COPY . .', 'CMD ["app"]'),
    );
    expect(keepsShell(library, [], false)).toBe(true);
  });

  it('names the release of the build image in the shell image', () => {
    expect(shellImage('1.22-alpine3.19', true)).toBe('alpine:3.19');
    expect(shellImage('1.22-alpine', true)).toBe('alpine:3.20');
    expect(shellImage('1.22-bullseye', false)).toBe('debian:bullseye-slim');
    expect(shellImage('1.22', false)).toBe('debian:bookworm-slim');
  });
});
