// Commands → typed effects, per package manager and per file operation.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../../src/engine/model';
import { cacheOfPath } from '../../../src/engine/parse/effects/index';
import { effectsOf, loadShellParser, parse, runs } from './helpers';

beforeAll(loadShellParser);

type Install = Extract<Effect, { kind: 'package-install' }>;
const installs = (run: string, from?: string) =>
  effectsOf(run, from).filter((e): e is Install => e.kind === 'package-install');
const first = (run: string, from?: string) => installs(run, from)[0];
const kinds = (run: string) => effectsOf(run).map((e) => e.kind);

describe('the classic apt RUN', () => {
  it('yields update + install(noRecommends, assumeYes) + cache-clean apt-lists in one RUN', () => {
    const effects = effectsOf(
      'apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 ca-certificates && rm -rf /var/lib/apt/lists/*',
    );
    expect(effects).toEqual([
      { kind: 'package-index-update', manager: 'apt', command: 0 },
      {
        kind: 'package-install',
        manager: 'apt',
        packages: [
          { name: 'curl', version: '7.88.1-10', raw: 'curl=7.88.1-10' },
          { name: 'ca-certificates', version: null, raw: 'ca-certificates' },
        ],
        fromManifest: null,
        noRecommends: true,
        noCache: false,
        productionOnly: false,
        assumeYes: true,
        global: false,
        virtualName: null,
        flags: ['-y', '--no-install-recommends'],
        command: 1,
      },
      { kind: 'cache-clean', cache: 'apt-lists', paths: ['/var/lib/apt/lists/*'], command: 2 },
    ]);
  });
});

describe('OS package managers', () => {
  it('apt: -y variants, -o options, purge, autoremove, clean', () => {
    expect(first('apt-get -qy install git')).toMatchObject({ assumeYes: true, noRecommends: false });
    expect(first('apt-get install git')).toMatchObject({ assumeYes: false });
    expect(first('apt install --yes -o APT::Install-Recommends=false git')).toMatchObject({
      assumeYes: true,
      noRecommends: true,
    });
    expect(first('aptitude install -y git')).toMatchObject({ manager: 'apt', assumeYes: true });
    expect(effectsOf('apt-get purge -y --auto-remove gcc && apt-get autoremove -y && apt-get clean')).toEqual(
      [
        {
          kind: 'package-remove',
          manager: 'apt',
          packages: [{ name: 'gcc', version: null, raw: 'gcc' }],
          purge: true,
          autoremove: true,
          command: 0,
        },
        { kind: 'package-remove', manager: 'apt', packages: [], purge: false, autoremove: true, command: 1 },
        { kind: 'cache-clean', cache: 'apt-archives', paths: ['/var/cache/apt/archives'], command: 2 },
      ],
    );
  });

  it('autoremove with names removes those packages too (apt-get, dnf)', () => {
    expect(effectsOf('apt-get autoremove -y --purge build-essential')[0]).toMatchObject({
      kind: 'package-remove',
      manager: 'apt',
      packages: [{ name: 'build-essential' }],
      purge: true,
      autoremove: true,
    });
    expect(effectsOf('dnf autoremove -y gcc')[0]).toMatchObject({
      kind: 'package-remove',
      packages: [{ name: 'gcc' }],
      autoremove: true,
    });
  });

  it('dpkg -i installs a .deb through apt; dpkg --purge removes', () => {
    expect(first('dpkg -i /tmp/tool.deb')).toMatchObject({
      manager: 'apt',
      packages: [{ name: '/tmp/tool.deb' }],
    });
    expect(effectsOf('dpkg --purge tool')[0]).toMatchObject({ kind: 'package-remove', purge: true });
  });

  it('apk: add --no-cache, --virtual, --update, del, cache dir', () => {
    expect(first('apk add --no-cache --virtual .build-deps gcc musl-dev=1.2')).toMatchObject({
      manager: 'apk',
      noCache: true,
      virtualName: '.build-deps',
      packages: [
        { name: 'gcc', version: null, raw: 'gcc' },
        { name: 'musl-dev', version: '1.2', raw: 'musl-dev=1.2' },
      ],
    });
    expect(kinds('apk add --update curl && apk del .build-deps && rm -rf /var/cache/apk/*')).toEqual([
      'package-index-update',
      'package-install',
      'package-remove',
      'cache-clean',
    ]);
    expect(effectsOf('rm -rf /var/cache/apk/*')[0]).toMatchObject({ cache: 'apk' });
  });

  it('dnf / yum / microdnf: -y, weak deps, clean all', () => {
    expect(first('dnf install -y --setopt=install_weak_deps=False --nodocs python3')).toMatchObject({
      manager: 'dnf',
      assumeYes: true,
      noRecommends: true,
      flags: ['-y', '--setopt=install_weak_deps=False', '--nodocs'],
    });
    expect(first('yum install httpd')).toMatchObject({ manager: 'yum', assumeYes: false });
    expect(first('microdnf install --setopt=install_weak_deps=0 shadow-utils')).toMatchObject({
      manager: 'microdnf',
      assumeYes: true,
      noRecommends: true,
    });
    expect(effectsOf('yum clean all')[0]).toMatchObject({ kind: 'cache-clean', cache: 'yum' });
    expect(effectsOf('dnf clean all')[0]).toMatchObject({ kind: 'cache-clean', cache: 'dnf' });
    expect(effectsOf('rm -rf /var/cache/yum')[0]).toMatchObject({ kind: 'cache-clean', cache: 'yum' });
  });

  it('zypper: refresh, install -n --no-recommends, clean', () => {
    expect(kinds('zypper refresh && zypper -n install --no-recommends curl && zypper clean -a')).toEqual([
      'package-index-update',
      'package-install',
      'cache-clean',
    ]);
    expect(first('zypper -n install --no-recommends curl')).toMatchObject({
      manager: 'zypper',
      assumeYes: true,
      noRecommends: true,
    });
  });
});

describe('Python', () => {
  it('pip / pip3 / python -m pip: -r, --no-cache-dir, --user, -e .', () => {
    expect(first('pip install --no-cache-dir -r requirements.txt')).toMatchObject({
      manager: 'pip',
      fromManifest: 'requirements.txt',
      noCache: true,
      global: true,
    });
    expect(first('pip3 install --user flask==3.0 "requests>=2"')).toMatchObject({
      global: false,
      packages: [
        { name: 'flask', version: '3.0' },
        { name: 'requests', version: '2' },
      ],
    });
    expect(first('python3 -m pip install -e .')).toMatchObject({ manager: 'pip', fromManifest: '.' });
    expect(first('python -m pip install -U pip')).toMatchObject({
      packages: [{ name: 'pip', version: null, raw: 'pip' }],
    });
    expect(first('pip3.12 install x')).toMatchObject({ manager: 'pip' });
  });

  it('pip reads PIP_NO_CACHE_DIR and VIRTUAL_ENV from ENV', () => {
    const m = parse('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=1 VIRTUAL_ENV=/venv', 'RUN pip install flask');
    expect(runs(m)[0].shell.effects[0]).toMatchObject({ noCache: true, global: false });
  });

  it('pip cache purge, rm ~/.cache/pip', () => {
    expect(effectsOf('pip cache purge')[0]).toMatchObject({ kind: 'cache-clean', cache: 'pip' });
    expect(effectsOf('rm -rf ~/.cache/pip')[0]).toMatchObject({
      kind: 'cache-clean',
      cache: 'pip',
      paths: ['/root/.cache/pip'],
    });
  });

  it('poetry install: --only main / --without dev / --no-dev are production only', () => {
    expect(first('poetry install --only main --no-root')).toMatchObject({
      manager: 'poetry',
      productionOnly: true,
      fromManifest: 'pyproject.toml',
    });
    expect(first('poetry install --without dev')).toMatchObject({ productionOnly: true });
    expect(first('poetry install --without=dev,test')).toMatchObject({ productionOnly: true });
    expect(first('poetry install')).toMatchObject({ productionOnly: false });
    expect(first('POETRY_VIRTUALENVS_CREATE=false poetry install')).toMatchObject({ global: true });
  });

  it('uv: uv pip install, uv sync --no-dev --frozen', () => {
    expect(first('uv pip install --system --no-cache -r requirements.txt')).toMatchObject({
      manager: 'uv',
      global: true,
      noCache: true,
      fromManifest: 'requirements.txt',
    });
    expect(first('uv sync --frozen --no-dev')).toMatchObject({
      manager: 'uv',
      productionOnly: true,
      fromManifest: 'uv.lock',
    });
    expect(effectsOf('uv cache clean')[0]).toMatchObject({ kind: 'cache-clean', cache: 'uv' });
  });

  it('pipenv and conda', () => {
    expect(first('pipenv install --system --deploy')).toMatchObject({
      manager: 'pipenv',
      global: true,
      productionOnly: true,
      fromManifest: 'Pipfile.lock',
    });
    expect(first('pipenv install --dev')).toMatchObject({ productionOnly: false });
    expect(first('conda install -y numpy=1.26')).toMatchObject({
      manager: 'conda',
      assumeYes: true,
      packages: [{ name: 'numpy', version: '1.26' }],
    });
    expect(first('conda env create -f env.yml')).toMatchObject({ fromManifest: 'env.yml' });
    expect(effectsOf('conda clean -afy')[0]).toMatchObject({ kind: 'cache-clean', cache: 'conda' });
  });
});

describe('JavaScript', () => {
  it('npm install / ci / i: --omit=dev, --production, --only=production, -g', () => {
    expect(first('npm ci --omit=dev')).toMatchObject({
      manager: 'npm',
      productionOnly: true,
      fromManifest: 'package-lock.json',
    });
    expect(first('npm install --production')).toMatchObject({
      productionOnly: true,
      fromManifest: 'package.json',
    });
    expect(first('npm i --only=production')).toMatchObject({ productionOnly: true });
    expect(first('npm install')).toMatchObject({ productionOnly: false });
    expect(first('npm install -g pnpm@9 @scope/tool@1.2.3')).toMatchObject({
      global: true,
      packages: [
        { name: 'pnpm', version: '9' },
        { name: '@scope/tool', version: '1.2.3' },
      ],
    });
    expect(first('NODE_ENV=production npm ci')).toMatchObject({ productionOnly: true });
  });

  it('npm reads NODE_ENV=production from ENV', () => {
    const m = parse('FROM node:22', 'ENV NODE_ENV=production', 'RUN npm ci');
    expect(runs(m)[0].shell.effects[0]).toMatchObject({ productionOnly: true });
  });

  it('npm cache clean --force, npm run build, npm prune', () => {
    expect(effectsOf('npm cache clean --force')[0]).toMatchObject({ kind: 'cache-clean', cache: 'npm' });
    expect(effectsOf('npm run build')[0]).toMatchObject({
      kind: 'build',
      tool: 'npm-script',
      target: 'build',
    });
    // A script that does not build: no build effect, only the script and the toolchain it ran.
    expect(effectsOf('npm run lint').map((e) => e.kind)).toEqual(['package-script', 'tool-run']);
    expect(effectsOf('npm run lint')[0]).toMatchObject({ manager: 'npm', script: 'lint', args: [] });
    expect(effectsOf('npm prune --omit=dev')[0]).toMatchObject({ kind: 'package-remove', autoremove: true });
    expect(effectsOf('rm -rf /root/.npm')[0]).toMatchObject({ kind: 'cache-clean', cache: 'npm' });
  });

  it('yarn: bare yarn, --production, --frozen-lockfile, workspaces focus, cache clean, build', () => {
    expect(first('yarn')).toMatchObject({
      manager: 'yarn',
      productionOnly: false,
      fromManifest: 'package.json',
    });
    expect(first('yarn install --frozen-lockfile --production')).toMatchObject({
      productionOnly: true,
      fromManifest: 'yarn.lock',
    });
    expect(first('yarn workspaces focus --all --production')).toMatchObject({ productionOnly: true });
    expect(effectsOf('yarn cache clean')[0]).toMatchObject({ kind: 'cache-clean', cache: 'yarn' });
    expect(effectsOf('yarn build')[0]).toMatchObject({ kind: 'build', target: 'build' });
    expect(effectsOf('yarn run build:prod')[0]).toMatchObject({ kind: 'build', target: 'build:prod' });
  });

  it('pnpm and bun', () => {
    expect(first('pnpm install --prod --frozen-lockfile')).toMatchObject({
      manager: 'pnpm',
      productionOnly: true,
      fromManifest: 'pnpm-lock.yaml',
    });
    expect(first('pnpm fetch')).toMatchObject({ manager: 'pnpm', fromManifest: 'pnpm-lock.yaml' });
    // `pnpm install <names>` is pnpm's add: those packages, global with --global.
    expect(first('pnpm install turbo @nestjs/cli --global')).toMatchObject({
      verb: 'add',
      global: true,
      packages: [{ name: 'turbo' }, { name: '@nestjs/cli' }],
    });
    expect(effectsOf('pnpm run build')[0]).toMatchObject({ kind: 'build' });
    expect(first('bun install --production')).toMatchObject({ manager: 'bun', productionOnly: true });
    expect(effectsOf('bun build ./index.ts --outdir ./out')[0]).toMatchObject({
      kind: 'build',
      tool: 'bun',
      output: './out',
    });
  });

  it('tsc and npx tsc', () => {
    expect(effectsOf('tsc -p tsconfig.build.json --outDir dist')[0]).toMatchObject({
      kind: 'build',
      tool: 'tsc',
      target: 'tsconfig.build.json',
      output: 'dist',
    });
    expect(effectsOf('npx tsc')[0]).toMatchObject({ kind: 'build', tool: 'tsc' });
  });
});

describe('other ecosystems', () => {
  it('go: mod download, get, install, build -o -ldflags, clean -modcache', () => {
    expect(first('go mod download')).toMatchObject({ manager: 'go', fromManifest: 'go.mod' });
    expect(first('go install github.com/x/y@v1.2.3')).toMatchObject({
      global: true,
      packages: [{ name: 'github.com/x/y', version: 'v1.2.3' }],
    });
    expect(first('go get golang.org/x/tools@latest')).toMatchObject({
      packages: [{ name: 'golang.org/x/tools', version: 'latest' }],
    });
    expect(effectsOf('CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/app ./cmd/app')[0]).toMatchObject({
      kind: 'build',
      tool: 'go',
      output: '/out/app',
      target: './cmd/app',
    });
    expect(effectsOf('go clean -modcache')[0]).toMatchObject({ kind: 'cache-clean', cache: 'go' });
  });

  it('cargo: fetch, install, build --release', () => {
    expect(first('cargo fetch --locked')).toMatchObject({ manager: 'cargo', fromManifest: 'Cargo.lock' });
    expect(first('cargo install ripgrep --version 14.1.0')).toMatchObject({
      global: true,
      packages: [{ name: 'ripgrep', version: '14.1.0' }],
    });
    expect(effectsOf('cargo build --release --bin server')[0]).toMatchObject({
      kind: 'build',
      tool: 'cargo',
      target: 'server',
      output: 'target/release',
    });
  });

  it('jlink: the module list and the output folder; no output, no runtime', () => {
    expect(
      effectsOf('$JAVA_HOME/bin/jlink --add-modules java.base,java.sql --strip-debug --output /jre')[0],
    ).toMatchObject({ kind: 'build', tool: 'jlink', target: 'java.base,java.sql', output: '/jre' });
    expect(effectsOf('jlink --add-modules=java.se --output=/rt')[0]).toMatchObject({
      target: 'java.se',
      output: '/rt',
    });
    expect(effectsOf('jlink --list-plugins')).toEqual([]);
  });

  it('maven and gradle', () => {
    expect(first('mvn -B dependency:go-offline')).toMatchObject({
      manager: 'maven',
      fromManifest: 'pom.xml',
    });
    expect(effectsOf('./mvnw -DskipTests package')[0]).toMatchObject({
      kind: 'build',
      tool: 'maven',
      target: 'package',
      output: 'target',
    });
    expect(effectsOf('mvn clean install')[0]).toMatchObject({ kind: 'build', target: 'install' });
    expect(first('gradle dependencies --no-daemon')).toMatchObject({ manager: 'gradle' });
    expect(effectsOf('./gradlew bootJar --no-daemon')[0]).toMatchObject({
      kind: 'build',
      tool: 'gradle',
      target: 'bootJar',
      output: 'build/libs',
    });
    expect(effectsOf('gradle build -x test')[0]).toMatchObject({ kind: 'build', target: 'build' });
    expect(effectsOf('gradle assemble')[0]).toMatchObject({ kind: 'build', target: 'assemble' });
    // A task the project defines builds (a fat jar into build/libs); Gradle's own chores do not.
    expect(effectsOf('gradle uberJar --no-daemon')[0]).toMatchObject({
      kind: 'build',
      target: 'uberJar',
      output: 'build/libs',
    });
    expect(effectsOf('gradle clean test')).toEqual([]);
  });

  it('dotnet restore and publish -o', () => {
    expect(first('dotnet restore App.csproj')).toMatchObject({
      manager: 'dotnet',
      fromManifest: 'App.csproj',
    });
    expect(effectsOf('dotnet publish -c Release -o /app/publish')[0]).toMatchObject({
      kind: 'build',
      tool: 'dotnet',
      target: 'publish',
      output: '/app/publish',
    });
  });

  it('composer, gem, bundler', () => {
    expect(first('composer install --no-dev --optimize-autoloader')).toMatchObject({
      manager: 'composer',
      productionOnly: true,
    });
    expect(first('composer global require laravel/installer')).toMatchObject({
      global: true,
      packages: [{ name: 'laravel/installer' }],
    });
    expect(first('gem install bundler -v 2.5.0 --no-document')).toMatchObject({
      manager: 'gem',
      global: true,
      packages: [{ name: 'bundler', version: '2.5.0' }],
    });
    expect(first('bundle install --without development test')).toMatchObject({
      manager: 'bundler',
      productionOnly: true,
      fromManifest: 'Gemfile',
    });
    expect(first('BUNDLE_WITHOUT=development:test bundle install')).toMatchObject({ productionOnly: true });
    expect(first('bundle config set --local without "development test" && bundle install')).toMatchObject({
      productionOnly: true,
    });
    expect(first('bundle install')).toMatchObject({ productionOnly: false });
    // A bare `bundle` installs; asking for its version (ruby images' last check) does not.
    expect(first('bundle')).toMatchObject({ kind: 'package-install', manager: 'bundler' });
    expect(effectsOf('bundle --version')).toEqual([]);
    expect(effectsOf('bundle -v')).toEqual([]);
  });
});

describe('files, downloads, builds, users', () => {
  it('rm: caches by name, other paths as remove', () => {
    expect(effectsOf('rm -rf /tmp/* /var/tmp/* /usr/share/doc /root/.cache/go-build')).toEqual([
      { kind: 'cache-clean', cache: 'tmp', paths: ['/tmp/*', '/var/tmp/*'], command: 0 },
      { kind: 'cache-clean', cache: 'go', paths: ['/root/.cache/go-build'], command: 0 },
      { kind: 'remove', paths: ['/usr/share/doc'], command: 0 },
    ]);
    expect(cacheOfPath('/var/cache/apt/archives/partial')).toBe('apt-archives');
    expect(cacheOfPath('/home/app/.npm/_cacache')).toBe('npm');
    expect(cacheOfPath('/etc/passwd')).toBeNull();
  });

  it('curl and wget with -o / -O targets, git clone', () => {
    expect(effectsOf('curl -fsSL -o /tmp/x.tgz https://example.com/x.tgz')[0]).toEqual({
      kind: 'download',
      tool: 'curl',
      url: 'https://example.com/x.tgz',
      output: '/tmp/x.tgz',
      command: 0,
    });
    expect(effectsOf('curl -O https://example.com/pkg/tool-1.0.tar.gz')[0]).toMatchObject({
      output: 'tool-1.0.tar.gz',
    });
    expect(effectsOf('curl -fsSL https://example.com/install.sh | sh')[0]).toMatchObject({ output: null });
    expect(effectsOf('wget -O /usr/local/bin/tini https://example.com/tini')[0]).toMatchObject({
      tool: 'wget',
      output: '/usr/local/bin/tini',
    });
    expect(effectsOf('wget -q https://example.com/a.zip')[0]).toMatchObject({ output: 'a.zip' });
    expect(effectsOf('git clone --depth 1 https://github.com/org/repo.git /src/repo')[0]).toMatchObject({
      tool: 'git',
      url: 'https://github.com/org/repo.git',
      output: '/src/repo',
    });
  });

  it('tar x and unzip', () => {
    expect(effectsOf('tar -xzf /tmp/a.tgz -C /opt')[0]).toEqual({
      kind: 'extract',
      archive: '/tmp/a.tgz',
      destination: '/opt',
      command: 0,
    });
    expect(effectsOf('tar xzf node.tar.gz')[0]).toMatchObject({ archive: 'node.tar.gz' });
    expect(effectsOf('curl -L https://x/a.tgz | tar -xz -C /usr/local')[1]).toMatchObject({
      kind: 'extract',
      archive: null,
      destination: '/usr/local',
    });
    expect(effectsOf('tar -czf out.tgz dir')).toEqual([]);
    expect(effectsOf('unzip -q /tmp/a.zip -d /opt/a')[0]).toMatchObject({
      kind: 'extract',
      archive: '/tmp/a.zip',
      destination: '/opt/a',
    });
  });

  it('builds: make, cmake, gcc, python setup.py', () => {
    expect(effectsOf('make -j4 install')[0]).toMatchObject({
      kind: 'build',
      tool: 'make',
      target: 'install',
    });
    expect(effectsOf('cmake --build build --target app')[0]).toMatchObject({
      kind: 'build',
      tool: 'cmake',
      target: 'app',
    });
    expect(effectsOf('gcc -O2 -o /usr/bin/hello hello.c')[0]).toMatchObject({
      kind: 'build',
      tool: 'gcc',
      output: '/usr/bin/hello',
    });
    expect(effectsOf('python setup.py bdist_wheel')[0]).toMatchObject({
      kind: 'build',
      tool: 'python-setup',
      target: 'bdist_wheel',
    });
  });

  it('users and cd', () => {
    expect(effectsOf('groupadd -r app && useradd -r -g app -d /home/app app')).toEqual([
      {
        kind: 'user-add',
        name: 'app',
        command: 0,
        tool: 'groupadd',
        group: true,
        system: true,
        dialect: 'shadow',
      },
      {
        kind: 'user-add',
        name: 'app',
        command: 1,
        tool: 'useradd',
        group: false,
        system: true,
        dialect: 'shadow',
      },
    ]);
    expect(effectsOf('addgroup -S app && adduser -S -G app app', 'alpine')[1]).toMatchObject({
      kind: 'user-add',
      name: 'app',
      system: true,
      dialect: 'busybox',
    });
    expect(effectsOf('adduser --system --group app')[0]).toMatchObject({ dialect: 'debian', system: true });
    expect(effectsOf('adduser app')[0]).toMatchObject({ dialect: 'any', system: false });
    expect(effectsOf('cd /src && make')[0]).toEqual({ kind: 'chdir', path: '/src', command: 0 });
  });

  it('marks a cd into a scratch folder as temporary (mktemp -d, /tmp/…), not a working folder', () => {
    const chdir = (run: string) => effectsOf(run).find((e) => e.kind === 'chdir');
    expect(chdir('cd "$(mktemp -d)" && make')).toMatchObject({ temporary: true });
    expect(chdir('dir="$(mktemp -d)" && cd "$dir" && make')).toMatchObject({ temporary: true });
    expect(chdir('cd /tmp/build && make')).toMatchObject({ path: '/tmp/build', temporary: true });
    expect(chdir('cd /var/tmp && make')).toMatchObject({ temporary: true });
    // Without mktemp, a variable target is not known to be scratch space.
    expect(chdir('cd "$SRC" && make')).not.toHaveProperty('temporary');
    expect(chdir('cd /tmpfiles && make')).not.toHaveProperty('temporary');
  });
});

describe('commands that need a daemon', () => {
  const daemons = (run: string) => effectsOf(run).filter((e) => e.kind === 'needs-daemon');
  it('the docker CLI, dockerd, systemctl and service verbs that touch the live system', () => {
    expect(daemons('docker build -t app .')).toEqual([
      { kind: 'needs-daemon', daemon: 'docker', command: 0 },
    ]);
    expect(daemons('sudo docker pull redis:7')[0]).toMatchObject({ daemon: 'docker' });
    expect(daemons('dockerd &')[0]).toMatchObject({ daemon: 'docker', starts: true });
    expect(daemons('systemctl start nginx')[0]).toMatchObject({ daemon: 'systemd', starts: true });
    expect(daemons('service mysql start && mysql -e "select 1"')[0]).toMatchObject({
      daemon: 'service',
      starts: true,
      command: 0,
    });
  });
  it('client-only and offline commands need none', () => {
    expect(daemons('docker --version')).toEqual([]);
    expect(daemons('docker version')).toEqual([]);
    expect(daemons('systemctl enable nginx')).toEqual([]);
    expect(daemons('service --status-all')).toEqual([]);
  });
});

describe('wrappers and nested shells', () => {
  it('sees through sudo, env, xargs and sh -c', () => {
    expect(first('sudo -E apt-get install -y git')).toMatchObject({ manager: 'apt', command: 0 });
    expect(first('env DEBIAN_FRONTEND=noninteractive apt-get install -y git')).toMatchObject({
      manager: 'apt',
    });
    expect(first('cat pkgs.txt | xargs -r apt-get install -y')).toMatchObject({ manager: 'apt', command: 1 });
    expect(
      effectsOf('sh -c "apt-get update && apt-get install -y git"').map((e) => [e.kind, e.command]),
    ).toEqual([
      ['package-index-update', 0],
      ['package-install', 0],
    ]);
  });

  it('parses a shell fed by a heredoc', () => {
    const m = parse('FROM debian', 'RUN bash <<EOF', 'apt-get update', 'apt-get install -y curl', 'EOF');
    expect(runs(m)[0].shell.effects.map((e) => e.kind)).toEqual(['package-index-update', 'package-install']);
  });

  it('derives effects from JSON-form RUN', () => {
    const m = parse('FROM alpine', 'RUN ["apk", "add", "--no-cache", "curl"]');
    expect(runs(m)[0].shell.effects[0]).toMatchObject({
      kind: 'package-install',
      manager: 'apk',
      noCache: true,
    });
  });
});

describe('virtual environments', () => {
  it('pip in a venv (PATH or path of pip) is not global', () => {
    const m = parse(
      'FROM python:3.12',
      'RUN python -m venv /opt/venv',
      'ENV PATH=/opt/venv/bin:$PATH',
      'RUN pip install flask',
    );
    expect(runs(m)[1].shell.effects[0]).toMatchObject({ kind: 'package-install', global: false });
    expect(first('/opt/venv/bin/pip install flask')).toMatchObject({ global: false });
    expect(first('pip install flask')).toMatchObject({ global: true });
  });
});

describe('file operations, environments and installers (one account: the size model reads these)', () => {
  const ofKind = <K extends Effect['kind']>(run: string, kind: K) =>
    effectsOf(run).filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
  it('mkdir lists its folders, not its mode', () => {
    expect(ofKind('mkdir -p -m 0755 app /data', 'make-dir')).toEqual([
      { kind: 'make-dir', paths: ['app', '/data'], command: 0, parents: true },
    ]);
  });
  it('chown/chmod: the owner or mode is not a path, -R (alone or in a cluster) is recursive', () => {
    expect(ofKind('chown -R app:app /app /data', 'permissions')).toEqual([
      { kind: 'permissions', tool: 'chown', paths: ['/app', '/data'], recursive: true, command: 0 },
    ]);
    expect(ofKind('chmod -Rf 755 /srv', 'permissions')[0]).toMatchObject({
      paths: ['/srv'],
      recursive: true,
    });
    expect(ofKind('chmod +x entrypoint.sh', 'permissions')[0]).toMatchObject({
      paths: ['entrypoint.sh'],
      recursive: false,
    });
    expect(ofKind('chmod -x run.sh', 'permissions')[0]).toMatchObject({
      paths: ['run.sh'],
      recursive: false,
    });
    expect(ofKind('chown --reference=/etc/hosts /app', 'permissions')[0]).toMatchObject({ paths: ['/app'] });
  });
  it('mv/cp: sources and destination, also in the -t DIR form', () => {
    expect(ofKind('cp -r dist/ config.json /srv/', 'move')).toEqual([
      { kind: 'move', tool: 'cp', sources: ['dist/', 'config.json'], destination: '/srv/', command: 0 },
    ]);
    expect(ofKind('mv -t /opt/bin a b', 'move')[0]).toMatchObject({
      sources: ['a', 'b'],
      destination: '/opt/bin',
    });
    expect(ofKind('mv onlyone', 'move')).toEqual([]);
  });
  it('python -m venv (any python, options before the folder) and virtualenv', () => {
    expect(ofKind('python3.12 -m venv --copies /opt/venv', 'venv')).toEqual([
      { kind: 'venv', tool: 'venv', path: '/opt/venv', command: 0 },
    ]);
    expect(ofKind('virtualenv -p python3 .venv', 'venv')[0]).toMatchObject({
      tool: 'virtualenv',
      path: '.venv',
    });
  });
  it('a shell running a script file or a program run by its path, with its install prefix; `sh -c` stays a nested script', () => {
    expect(ofKind('bash Miniconda3.sh -b -p /opt/conda', 'run-script')).toEqual([
      {
        kind: 'run-script',
        script: 'Miniconda3.sh',
        prefix: '/opt/conda',
        args: ['-b', '-p', '/opt/conda'],
        command: 0,
      },
    ]);
    // A program run by its path is a script run too (the size model acts when it was downloaded).
    expect(ofKind('/tmp/rust/rustup-init -y --profile minimal', 'run-script')).toEqual([
      {
        kind: 'run-script',
        script: '/tmp/rust/rustup-init',
        prefix: null,
        args: ['-y', '--profile', 'minimal'],
        command: 0,
      },
    ]);
    expect(ofKind('make install', 'run-script')).toEqual([]);
    expect(ofKind('sh -c "mkdir /x"', 'run-script')).toEqual([]);
    expect(ofKind('sh -c "mkdir /x"', 'make-dir')[0]).toMatchObject({ paths: ['/x'] });
  });
  it('apt-get distclean / dist-clean also drop the package lists', () => {
    expect(ofKind('apt-get dist-clean', 'cache-clean').map((e) => e.cache)).toEqual([
      'apt-archives',
      'apt-lists',
    ]);
    expect(ofKind('apt-get clean', 'cache-clean').map((e) => e.cache)).toEqual(['apt-archives']);
  });
});

describe('the account the syntheses read (every command has one)', () => {
  it('files, links, accounts, OS configuration and commands that change no file', () => {
    expect(effectsOf('touch a /b')).toEqual([
      { kind: 'make-file', tool: 'touch', paths: ['a', '/b'], command: 0 },
    ]);
    expect(effectsOf('ln -sf /usr/bin/x y')[0]).toMatchObject({
      kind: 'make-file',
      tool: 'ln',
      paths: ['/usr/bin/x', 'y'],
    });
    expect(effectsOf('usermod -aG docker app')[0]).toMatchObject({
      kind: 'user-modify',
      tool: 'usermod',
      name: 'app',
    });
    expect(effectsOf('mkdir /x')[0]).not.toHaveProperty('parents');
    expect(kinds('apt-get -y dist-upgrade')).toEqual(['package-upgrade']);
    expect(kinds('apk upgrade --no-cache')).toEqual(['package-upgrade']);
    expect(kinds('update-ca-certificates')).toEqual(['system-config']);
    expect(effectsOf('set -eux')[0]).toMatchObject({ kind: 'shell-only', role: 'options' });
    expect(effectsOf('export A=1')[0]).toMatchObject({ kind: 'shell-only', role: 'variables' });
    expect(effectsOf('echo done')[0]).toMatchObject({ kind: 'shell-only', role: 'output' });
  });

  it('which toolchain ran, and the package.json script a manager runs', () => {
    expect(effectsOf('npx -y tsc -p .').at(-1)).toMatchObject({
      kind: 'tool-run',
      ecosystem: 'node',
      tool: 'tsc',
      viaRunner: true,
    });
    expect(effectsOf('next build')).toEqual([
      { kind: 'tool-run', ecosystem: 'node', tool: 'next', viaRunner: false, args: ['build'], command: 0 },
    ]);
    // Through npx or corepack, the manager's own effects.
    expect(kinds('corepack pnpm install --frozen-lockfile')).toEqual(['package-install', 'tool-run']);
    expect(effectsOf('npx pnpm -r build')).toContainEqual(
      expect.objectContaining({ kind: 'package-script', manager: 'pnpm', script: 'build' }),
    );
    expect(effectsOf('yarn workspace web build')).toContainEqual(
      expect.objectContaining({ kind: 'package-script', script: 'build' }),
    );
    // `pnpm install <names>` is pnpm's add.
    expect(effectsOf('pnpm install turbo -w')[0]).toMatchObject({ kind: 'package-install', verb: 'add' });
    expect(effectsOf('/opt/venv/bin/pip install -r req.txt -e ./lib flask').at(-1)).toMatchObject({
      kind: 'tool-run',
      ecosystem: 'python',
      tool: 'pip',
      path: '/opt/venv/bin/pip',
    });
    expect(effectsOf('pip install -r req.txt -c c.txt -e ./lib flask')[0]).toMatchObject({
      verb: 'install',
      requirements: ['req.txt', 'c.txt'],
      local: ['./lib'],
    });
  });
});

describe('apt-mark', () => {
  const marks = (run: string) =>
    effectsOf(run).flatMap((e) =>
      e.kind === 'package-mark'
        ? [{ mark: e.mark, names: e.packages.map((p) => p.name), piped: e.piped }]
        : [],
    );

  it('auto and manual marks, with names as written, piped from an ldd scan, or behind a guard', () => {
    expect(
      marks(
        `apt-mark auto '.*' > /dev/null; [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark > /dev/null; ` +
          `find /usr/local -type f -executable -exec ldd '{}' ';' | awk '{ print $3 }' | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -r apt-mark manual; ` +
          'apt-mark manual libpq5 libssl3',
      ),
    ).toEqual([
      { mark: 'auto', names: ['.*'], piped: false },
      { mark: 'manual', names: ['$savedAptMark'], piped: false },
      { mark: 'manual', names: [], piped: true },
      { mark: 'manual', names: ['libpq5', 'libssl3'], piped: false },
    ]);
  });

  it('showmanual and hold change no marks for the purge', () => {
    expect(marks('savedAptMark="$(apt-mark showmanual)"; apt-mark hold libc6')).toEqual([]);
  });
});
