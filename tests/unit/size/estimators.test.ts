// Per-ecosystem estimators: where the bytes land (paths COPY --from can take), caches, build
// outputs, and removals of packages in the same or a later layer.
import { beforeAll, describe, expect, it } from 'vitest';
import { estimate, fakeDeps, layerAt, MB, ready } from './helpers';

beforeAll(ready);

const df = (...lines: string[]) => lines.join('\n');

describe('language builds', () => {
  it('pip --prefix lands under the prefix, so COPY --from of it carries the packages', () => {
    const e = estimate(
      df(
        'FROM node:22 AS b',
        'RUN pip install --no-cache-dir --prefix=/install flask',
        'FROM node:22-slim',
        'COPY --from=b /install /usr/local',
      ),
      {},
      fakeDeps,
    );
    const copy = layerAt(e, 4);
    expect(copy.items!.map((i) => i.kind)).toEqual(['site-packages']);
    expect(copy.uncompressedBytes).toBe(4 * MB);
  });

  it('a venv on PATH receives pip installs; copying the venv carries both', () => {
    const e = estimate(
      df(
        'FROM node:22 AS b',
        'RUN python -m venv /opt/venv',
        'ENV PATH="/opt/venv/bin:$PATH"',
        'RUN pip install --no-cache-dir numpy',
        'FROM node:22-slim',
        'COPY --from=b /opt/venv /opt/venv',
      ),
      {},
      fakeDeps,
    );
    expect(
      layerAt(e, 6)
        .items!.map((i) => i.kind)
        .sort(),
    ).toEqual(['site-packages', 'venv']);
    expect(layerAt(e, 6).uncompressedBytes).toBe(20 * MB + 60 * MB);
  });

  it('go build -ldflags "-s -w" makes a smaller binary than a plain build', () => {
    const plain = estimate(
      df('FROM golang:1.26-alpine', 'WORKDIR /src', 'RUN go build -o /app .'),
      {},
      fakeDeps,
    );
    const stripped = estimate(
      df('FROM golang:1.26-alpine', 'WORKDIR /src', 'RUN go build -ldflags="-s -w" -o /app .'),
      {},
      fakeDeps,
    );
    const bin = (e: typeof plain) => layerAt(e, 3).items!.find((i) => i.kind === 'binary')!.uncompressedBytes;
    expect(bin(stripped)).toBeLessThan(bin(plain) * 0.8);
    expect(layerAt(plain, 3).items!.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['go-build-cache', 'go-mod-cache']),
    );
  });

  it('cargo build leaves a huge target/; COPY --from of the binary takes only the binary', () => {
    const e = estimate(
      df(
        'FROM node:22 AS b',
        'WORKDIR /app',
        'RUN cargo build --release',
        'FROM scratch',
        'COPY --from=b /app/target/release/server /server',
      ),
      {},
      fakeDeps,
    );
    expect(layerAt(e, 3).uncompressedBytes).toBeGreaterThan(500 * MB);
    expect(layerAt(e, 5).items!.map((i) => i.kind)).toEqual(['binary']);
    expect(e.uncompressedBytes).toBeLessThan(15 * MB);
  });

  describe('jlink runtimes', () => {
    const runtime = (run: string, image = 'eclipse-temurin:21-jdk-alpine') => {
      const e = estimate(
        df(`FROM ${image} AS jre`, run, 'FROM alpine:3.23', 'COPY --from=jre /javaruntime /opt/java/openjdk'),
        {},
        fakeDeps,
      );
      const copy = layerAt(e, 4);
      expect(copy.items!.map((i) => i.kind)).toEqual(['java-runtime']);
      return copy;
    };
    const flags = '--strip-debug --no-man-pages --no-header-files --output /javaruntime';

    it('grow with the modules linked: java.base < a few modules < java.se < every module', () => {
      const sizes = [
        'java.base',
        'java.base,java.logging,java.sql,java.naming',
        'java.se,jdk.unsupported',
        'ALL-MODULE-PATH',
      ].map((m) => runtime(`RUN jlink --add-modules ${m} ${flags}`).uncompressedBytes);
      for (let k = 1; k < sizes.length; k++) expect(sizes[k]).toBeGreaterThan(sizes[k - 1]);
      // The measured runtimes (heuristics.ts): java.se 101.6 MB on a recent JDK.
      expect(sizes[2]).toBeGreaterThan(90 * MB);
      expect(sizes[2]).toBeLessThan(110 * MB);
    });

    it('follow the JDK: a Java 17 runtime is smaller than a Java 21 one', () => {
      const run = `RUN jlink --add-modules java.se ${flags}`;
      expect(runtime(run, 'eclipse-temurin:17-jdk-alpine').uncompressedBytes).toBeLessThan(
        runtime(run).uncompressedBytes * 0.9,
      );
    });

    it('--compress shrinks the folder but not the pull; debug data makes it larger', () => {
      const plain = runtime(`RUN jlink --add-modules java.se ${flags}`);
      const zipped = runtime(`RUN jlink --add-modules java.se --compress=zip-6 ${flags}`);
      const legacy = runtime(`RUN jlink --add-modules java.se --compress 2 ${flags}`);
      expect(zipped.uncompressedBytes).toBeLessThan(plain.uncompressedBytes * 0.75);
      expect(zipped.compressedBytes).toBeGreaterThan(plain.compressedBytes);
      expect(legacy.uncompressedBytes).toBe(zipped.uncompressedBytes);
      const debug = runtime('RUN $JAVA_HOME/bin/jlink --add-modules java.se --output /javaruntime');
      expect(debug.uncompressedBytes).toBeGreaterThan(plain.uncompressedBytes);
    });

    it('a module list the Dockerfile computes (jdeps) is sized as a typical service and says so', () => {
      const copy = runtime(`RUN jlink --add-modules "$(cat deps.txt)" ${flags}`);
      expect(copy.uncompressedBytes).toBeGreaterThan(55 * MB);
      expect(copy.uncompressedBytes).toBeLessThan(90 * MB);
    });
  });

  it('mvn package: ~/.m2 stays in the builder, COPY target/*.jar takes only the jar', () => {
    const e = estimate(
      df(
        'FROM node:22 AS b',
        'WORKDIR /app',
        'RUN mvn -B package -DskipTests',
        'FROM node:22-slim',
        'COPY --from=b /app/target/*.jar /app.jar',
      ),
      {},
      fakeDeps,
    );
    expect(layerAt(e, 3).items!.map((i) => i.kind)).toEqual(expect.arrayContaining(['maven-repo', 'jar']));
    const copy = layerAt(e, 5);
    expect(copy.items!.map((i) => i.kind)).toEqual(['jar']);
    expect(copy.uncompressedBytes / copy.compressedBytes).toBeLessThan(1.2); // jars are zips
  });

  it('npm prune in a later layer saves nothing; in the same RUN it does', () => {
    const later = estimate(
      df('FROM node:22', 'WORKDIR /app', 'RUN npm ci', 'RUN npm prune --production'),
      {},
      fakeDeps,
    );
    expect(layerAt(later, 4).basis).toMatch(/saves nothing/);
    expect(later.wastedBytes).toBeGreaterThan(100 * MB);
    const same = estimate(
      df('FROM node:22', 'WORKDIR /app', 'RUN npm ci && npm prune --production'),
      {},
      fakeDeps,
    );
    expect(same.wastedBytes).toBe(0);
    expect(layerAt(same, 3).items!.find((i) => i.kind === 'node_modules')!.uncompressedBytes).toBe(60 * MB);
  });
});

describe('OS packages', () => {
  it('apt-get purge of packages installed in the same RUN shrinks the layer; in a later RUN it is wasted', () => {
    const same = estimate(
      df(
        'FROM debian:bookworm',
        'RUN apt-get update && apt-get install -y gcc make && make && apt-get purge -y gcc && rm -rf /var/lib/apt/lists/*',
      ),
      {},
      fakeDeps,
    );
    const later = estimate(
      df(
        'FROM debian:bookworm',
        'RUN apt-get update && apt-get install -y gcc make && rm -rf /var/lib/apt/lists/*',
        'RUN apt-get purge -y gcc',
      ),
      {},
      fakeDeps,
    );
    expect(layerAt(later, 3).basis).toMatch(/saves nothing/);
    expect(later.wastedBytes).toBe(10 * MB);
    expect(same.wastedBytes).toBe(0);
    expect(layerAt(same, 2).basis).toMatch(/purged in the same RUN/);
  });

  it('the savedAptMark pattern (apt-mark auto + purge --auto-remove) drops the build dependencies', () => {
    const e = estimate(
      df(
        'FROM debian:bookworm',
        'RUN apt-get update && apt-get install -y --no-install-recommends gcc make && apt-mark auto ".*" && apt-get purge -y --auto-remove && rm -rf /var/lib/apt/lists/*',
      ),
      {},
      fakeDeps,
    );
    expect(layerAt(e, 2).items!.filter((i) => i.kind === 'os-packages')).toEqual([]);
  });

  it('dnf without clean all keeps its metadata cache', () => {
    const keep = estimate(df('FROM rockylinux:9', 'RUN dnf install -y git'), {}, fakeDeps);
    const clean = estimate(df('FROM rockylinux:9', 'RUN dnf install -y git && dnf clean all'), {}, fakeDeps);
    expect(layerAt(keep, 2).items!.some((i) => i.kind === 'rpm-cache')).toBe(true);
    expect(layerAt(clean, 2).items!.some((i) => i.kind === 'rpm-cache')).toBe(false);
  });
});

describe('overwrites', () => {
  it('copies of different sources into one folder add up; the same source again replaces', () => {
    const two = estimate(df('FROM node:22', 'COPY src/ /app', 'COPY lib/ /app'), {}, fakeDeps);
    expect(two.wastedBytes).toBe(0);
    const again = estimate(
      df('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN echo', 'COPY . .'),
      {},
      fakeDeps,
    );
    expect(again.wastedBytes).toBe(25 * MB);
    expect(layerAt(again, 5).basis).toMatch(/replaces/);
  });

  it('a second pip install adds to site-packages instead of replacing it', () => {
    const e = estimate(
      df('FROM node:22', 'RUN pip install --no-cache-dir flask', 'RUN pip install --no-cache-dir django'),
      {},
      fakeDeps,
    );
    expect(e.wastedBytes).toBe(0);
  });
});

describe('robustness', () => {
  it('a prebuilt toolchain wins over the conditional build-from-source branch', () => {
    const e = estimate(
      df(
        'FROM debian:bookworm',
        'RUN if [ -n "$CHECKSUM" ]; then curl -fsSLO https://example.org/node-v22.1.0-linux-x64.tar.xz && tar -xJf node-v22.1.0-linux-x64.tar.xz -C /usr/local && rm node-v22.1.0-linux-x64.tar.xz; else curl -fsSLO https://example.org/node-v22.1.0.tar.xz && tar -xf node-v22.1.0.tar.xz && make && make install; fi',
      ),
      {},
      fakeDeps,
    );
    const l = layerAt(e, 2);
    expect(l.uncompressedBytes).toBeLessThan(200 * MB);
  });

  it('find … -exec rm does not delete the folder it searches', () => {
    const e = estimate(
      df(
        'FROM debian:bookworm',
        'WORKDIR /app',
        'RUN npm ci --omit=dev && find /app -name "*.md" -exec rm -rf {} +',
      ),
      {},
      fakeDeps,
    );
    expect(layerAt(e, 3).items!.some((i) => i.kind === 'node_modules')).toBe(true);
  });

  it('heredoc COPY, unknown stages and unresolved bases never throw', () => {
    const e = estimate(
      df(
        'FROM ${BASE}',
        'COPY <<EOF /etc/app.conf',
        'x=1',
        'EOF',
        'COPY --from=missing /a /b',
        'ADD https://example.org/tool.tgz /opt/',
      ),
      {},
      fakeDeps,
    );
    expect(e.layers.length).toBeGreaterThan(0);
    for (const l of e.layers) expect(l.basis).toMatch(/\.$/);
  });
});

describe('packages added by name beside the project install', () => {
  beforeAll(ready);
  it('land inside node_modules: the project install is not counted as replaced', () => {
    const e = estimate(
      df('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN pnpm install', 'RUN pnpm install left-pad -w'),
    );
    expect(layerAt(e, 4).wastedBytes ?? 0).toBe(0);
    expect(layerAt(e, 5).uncompressedBytes).toBeLessThan(layerAt(e, 4).uncompressedBytes);
  });
});
