// The ecosystem modules: every module has the same shape and its knowledge is consistent, and the
// parser, size model, rules and rewriter read it from there (cache folders, cache mounts, manifests
// to copy first, lockfiles, .dockerignore entries).
import { describe, expect, it } from 'vitest';
import {
  CACHE_FOLDERS,
  cacheFolder,
  cacheMountFor,
  cacheOfPath,
  copyFirstFor,
  ECOSYSTEMS,
  ecosystemOfBuildTool,
  ecosystemOfManager,
  LOCKFILES,
  OS_MANAGERS,
} from '../../../src/engine/ecosystems';
import { RATIOS } from '../../../src/engine/size/ratios';
import { SIZING, buildSizer, installSizer } from '../../../src/engine/size/ecosystems/index';
import { estimate, layerAt, ready } from '../size/helpers';
import type { PackageManager } from '../../../src/engine/model';
import { OS_MANAGERS as MODEL_OS_MANAGERS } from '../../../src/engine/model';

// The union is derived from the modules; every manager named there is checked below.
const ALL_MANAGERS: PackageManager[] = ECOSYSTEMS.flatMap((e) => e.managers);

describe('every ecosystem module has the same shape', () => {
  it.each(ECOSYSTEMS.map((e) => [e.id, e] as const))('%s', (_id, e) => {
    expect(e.title.length).toBeGreaterThan(3);
    for (const list of [e.managers, e.buildTools, e.manifests, e.lockfiles, e.outputs, e.runtimeImages])
      expect(Array.isArray(list)).toBe(true);
    expect(e.runtimeImages.length).toBeGreaterThan(0);
    for (const c of e.caches) {
      expect(c.cache).toMatch(/^[a-z-]+$/);
      expect(c.what.length).toBeGreaterThan(0);
      for (const k of c.kinds) expect(RATIOS).toHaveProperty(k);
    }
    for (const [key, m] of Object.entries(e.cacheMounts)) {
      expect(m.target, key).toMatch(/^\//);
      for (const a of m.also) expect(a).toMatch(/^\//);
      if (m.hadolint) expect(m.hadolint).toMatch(/^DL\d{4}$/);
    }
    for (const [manager, files] of Object.entries(e.copyFirst)) {
      expect(e.managers).toContain(manager);
      expect(files!.length).toBeGreaterThan(0);
    }
    // Language ecosystems suggest .dockerignore entries under a heading; OS ones have none.
    const os = e.managers.length > 0 && e.managers.every((m) => OS_MANAGERS.has(m));
    if (os) expect(e.dockerignore).toEqual([]);
    else expect(e.dockerignore[0]).toMatch(/^# /);
  });

  it('each package manager belongs to exactly one ecosystem', () => {
    for (const m of ALL_MANAGERS) {
      const owners = ECOSYSTEMS.filter((e) => e.managers.includes(m));
      expect(
        owners.map((e) => e.id),
        m,
      ).toHaveLength(1);
      expect(ecosystemOfManager(m)).toBe(owners[0]);
    }
    const ids = ECOSYSTEMS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('OS_MANAGERS are the managers of the os modules, and model.ts re-exports the derived names', () => {
    expect([...OS_MANAGERS].sort()).toEqual(['apk', 'apt', 'dnf', 'microdnf', 'yum', 'zypper']);
    expect(MODEL_OS_MANAGERS).toBe(OS_MANAGERS);
    expect(ALL_MANAGERS).toEqual(expect.arrayContaining(['pip', 'npm', 'cargo', 'composer', 'bundler']));
  });

  it('build tools and caches are not claimed twice', () => {
    const tools = ECOSYSTEMS.flatMap((e) => e.buildTools);
    expect(new Set(tools).size).toBe(tools.length);
    expect(ecosystemOfBuildTool('npm-script')?.id).toBe('node');
    expect(ecosystemOfBuildTool('jlink')?.id).toBe('java');
    const names = CACHE_FOLDERS.map((c) => c.cache);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('what the consumers read', () => {
  it('cache folders: the parser names the cache a removed path belongs to', () => {
    const cases: [string, string | null][] = [
      ['/var/lib/apt/lists/*', 'apt-lists'],
      ['/var/cache/apt/archives/partial', 'apt-archives'],
      ['/var/cache/apk/APKINDEX.tar.gz', 'apk'],
      ['/var/cache/dnf', 'dnf'],
      ['/var/cache/zypp/packages', 'zypper'],
      ['/root/.cache/pip', 'pip'],
      ['/root/.cache/uv/wheels', 'uv'],
      ['/root/.cache/pypoetry', 'poetry'],
      ['/opt/conda/pkgs', 'conda'],
      ['/root/.cache/go-build', 'go'],
      ['/go/pkg/mod', 'go'],
      ['/home/app/.npm/_cacache', 'npm'],
      ['/usr/local/share/.cache/yarn', 'yarn'],
      ['/root/.local/share/pnpm/store', 'pnpm'],
      ['/root/.bun/install/cache', 'bun'],
      ['/usr/local/cargo/registry', 'cargo'],
      ['/root/.m2/repository', 'maven'],
      ['/home/gradle/.gradle/caches', 'gradle'],
      ['/root/.composer/cache', 'composer'],
      ['/root/.nuget/packages', 'dotnet'],
      ['/usr/local/bundle/cache', 'gem'],
      ['/root/.cache', 'user-cache'],
      ['/tmp/build', 'tmp'],
      ['/etc/passwd', null],
    ];
    for (const [path, cache] of cases) expect(cacheOfPath(path), path).toBe(cache);
  });

  it('cache folders: the size model removes their content kinds', () => {
    expect(cacheFolder('apt')?.kinds).toEqual(['apt-archives']);
    expect(cacheFolder('go-mod')?.kinds).toEqual(['go-mod-cache']);
    expect(cacheFolder('tmp')?.what).toBe('/tmp');
    // Intended fix: `dotnet nuget locals all --clear` (cache 'dotnet') now removes the NuGet cache's
    // kind and is named as such; before, no table knew the name and the note said "dotnet".
    expect(cacheFolder('dotnet')).toMatchObject({ kinds: ['nuget-cache'], what: 'the NuGet cache' });
    expect(cacheFolder('nothing')).toBeNull();
  });

  it('cache mounts for the cache-mount rule, with their hadolint ids', () => {
    expect(cacheMountFor('npm')).toMatchObject({ target: '/root/.npm', hadolint: 'DL3068' });
    expect(cacheMountFor('go-build')?.target).toBe('/root/.cache/go-build');
    expect(cacheMountFor('cargo-build')).toEqual(cacheMountFor('cargo'));
    expect(cacheMountFor('composer')?.hadolint).toBe('DL3073');
    expect(cacheMountFor('apt')).toBeNull();
  });

  it('manifests to copy before the install, and the lockfiles the size model knows', () => {
    expect(copyFirstFor('npm')).toEqual(['package*.json']);
    expect(copyFirstFor('composer')).toEqual(['composer.json', 'composer.lock*']);
    expect(copyFirstFor('bundler')).toEqual(['Gemfile', 'Gemfile.lock*']);
    expect(copyFirstFor('cargo')).toBeNull();
    for (const f of [
      'package-lock.json',
      'bun.lockb',
      'uv.lock',
      'Cargo.lock',
      'go.sum',
      'packages.lock.json',
    ])
      expect(LOCKFILES.has(f), f).toBe(true);
    expect(LOCKFILES.has('package.json')).toBe(false);
  });
});

describe('every ecosystem is sized by its own module (size/ecosystems/<name>.ts)', () => {
  it('each manager has an install sizer and each build tool a build sizer', () => {
    for (const e of ECOSYSTEMS) {
      expect(SIZING[e.id], e.id).toBeDefined();
      for (const m of e.managers) expect(installSizer(m), m).toBeTypeOf('function');
      for (const t of e.buildTools) expect(buildSizer(t), t).toBeTypeOf('function');
      expect(Object.keys(SIZING[e.id].builds).sort(), e.id).toEqual([...e.buildTools].sort());
    }
    expect(buildSizer('webpack')).toBeNull();
  });

  it('intended fix: `dotnet nuget locals all --clear` is named as the NuGet cache', async () => {
    await ready();
    const e = estimate(
      'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet restore && dotnet nuget locals all --clear\n',
    );
    const basis = layerAt(e, 2).basis;
    expect(basis).toMatch(/NuGet cache/);
    expect(basis).not.toMatch(/\bdotnet here frees nothing/);
  });
});
