// Compiled-language toolchains and other ecosystems: go, cargo, maven, gradle, dotnet, composer,
// gem, bundler.
import type { Effect } from '../../model';
import { build, cacheClean, envFlag, has, install, parseArgs, spec, value, values } from './args';
import type { Detector } from './args';

const GO_VALUED = new Set([
  'o',
  'ldflags',
  'gcflags',
  'asmflags',
  'tags',
  'mod',
  'modfile',
  'C',
  'p',
  'buildmode',
  'installsuffix',
  'pkgdir',
  'toolexec',
  'overlay',
  'pgo',
  'exec',
]);

/** Go's own option style: single-dash long names, `-name=value` or `-name value`. */
function goArgs(args: string[]): {
  positionals: string[];
  options: Map<string, string | true>;
  flags: string[];
} {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    flags.push(a);
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq > 0) options.set(body.slice(0, eq), body.slice(eq + 1));
    else if (GO_VALUED.has(body) && i + 1 < args.length) {
      options.set(body, args[i + 1]);
      flags.push(args[i + 1]);
      i++;
    } else options.set(body, true);
  }
  return { positionals, options, flags };
}

export const go: Detector = (inv, ctx) => {
  const p = goArgs(inv.args);
  const [sub, ...rest] = p.positionals;
  const opt = (name: string) => {
    const v = p.options.get(name);
    return typeof v === 'string' ? v : null;
  };
  switch (sub) {
    case 'mod':
      if (rest[0] === 'download' || rest[0] === 'vendor')
        return [
          install(inv, { manager: 'go', verb: `mod ${rest[0]}`, fromManifest: 'go.mod', flags: p.flags }),
        ];
      return [];
    case 'get':
      return [
        install(inv, {
          manager: 'go',
          verb: sub,
          packages: rest.map((x) => spec(x, /@/)),
          fromManifest: rest.length === 0 ? 'go.mod' : null,
          flags: p.flags,
        }),
      ];
    case 'install':
      return [
        install(inv, {
          manager: 'go',
          verb: sub,
          packages: rest.map((x) => spec(x, /@/)),
          global: true,
          flags: p.flags,
        }),
      ];
    case 'build': {
      // Linkage: cgo is on when CGO_ENABLED=1, off when 0, and otherwise Go's default (on when a
      // C compiler is present: golang:* Debian images have gcc, golang:*-alpine has not).
      const cgoVar = envFlag(inv, ctx, 'CGO_ENABLED');
      const flags = inv.args.join(' ');
      const linkage = {
        cgo: cgoVar === '0' ? ('off' as const) : cgoVar === '1' ? ('on' as const) : ('default' as const),
        static: cgoVar === '0' || /-extldflags[= ]['"]?-static|\bnetgo\b/.test(flags),
      };
      return [{ ...build(inv, 'go', rest[rest.length - 1] ?? null, opt('o')), linkage }];
    }
    case 'clean': {
      const out: Effect[] = [];
      if (p.options.has('modcache')) out.push(cacheClean(inv, 'go', ['/go/pkg/mod']));
      if (p.options.has('cache')) out.push(cacheClean(inv, 'go', ['/root/.cache/go-build']));
      return out;
    }
    default:
      return [];
  }
};

export const cargo: Detector = (inv) => {
  const p = parseArgs(
    inv.args,
    new Set([
      '--bin',
      '-p',
      '--package',
      '--target',
      '--profile',
      '--features',
      '-F',
      '--path',
      '--root',
      '--version',
      '--target-dir',
      '-j',
      '--jobs',
      '--manifest-path',
    ]),
    'pFj',
  );
  const [sub, ...rest] = p.positionals;
  switch (sub) {
    case 'fetch':
      return [
        install(inv, {
          manager: 'cargo',
          verb: sub,
          fromManifest: has(p, '--locked') ? 'Cargo.lock' : 'Cargo.toml',
          flags: p.flags,
        }),
      ];
    case 'install': {
      const path = value(p, '--path');
      const version = value(p, '--version');
      const packages = rest.map((x) => {
        const s = spec(x, /@/);
        return version && !s.version ? { ...s, version } : s;
      });
      return [
        install(inv, {
          manager: 'cargo',
          verb: sub,
          packages,
          fromManifest: path,
          global: true,
          flags: p.flags,
        }),
      ];
    }
    case 'build':
    case 'b': {
      const profile = has(p, '--release', '-r') ? 'release' : (value(p, '--profile') ?? 'debug');
      const dir = value(p, '--target-dir') ?? 'target';
      const triple = value(p, '--target');
      return [
        build(
          inv,
          'cargo',
          value(p, '--bin', '-p', '--package'),
          `${dir}/${triple ? `${triple}/` : ''}${profile}`,
        ),
      ];
    }
    default:
      return [];
  }
};

const MVN_BUILD =
  /^(package|install|verify|compile|deploy|spring-boot:repackage|spring-boot:build-image|assembly:single|jib:\w+|quarkus:build)$/;

export const maven: Detector = (inv) => {
  const p = parseArgs(
    inv.args,
    new Set([
      '-f',
      '--file',
      '-s',
      '--settings',
      '-P',
      '-pl',
      '--projects',
      '-T',
      '-gs',
      '-Dmaven.repo.local',
    ]),
    'fsPT',
  );
  const goals = p.positionals;
  if (
    goals.some((g) => /^dependency:(go-offline|resolve|resolve-plugins|copy-dependencies)$/.test(g)) &&
    !goals.some((g) => MVN_BUILD.test(g))
  ) {
    return [
      install(inv, {
        manager: 'maven',
        verb: goals.find((g) => g.startsWith('dependency:')),
        fromManifest: value(p, '-f', '--file') ?? 'pom.xml',
        flags: p.flags,
      }),
    ];
  }
  const goal = goals.find((g) => MVN_BUILD.test(g));
  if (goal) return [build(inv, 'maven', goal, 'target')];
  return [];
};

const GRADLE_BUILD =
  /^(:?[\w-]+:)*(build|bootJar|jar|assemble|shadowJar|installDist|distTar|distZip|bootWar|war|buildFatJar|quarkusBuild|nativeCompile)$/;
/** Gradle's own tasks that build nothing; any other task a project defines (uberJar…) builds. */
const GRADLE_NOT_BUILD =
  /^(:?[\w-]+:)*(clean|test|check|help|tasks|projects|properties|wrapper|init|dependencies|dependencyInsight|resolveDependencies|downloadDependencies|androidDependencies|lint|spotlessCheck|spotlessApply)$/;

export const gradle: Detector = (inv) => {
  const p = parseArgs(
    inv.args,
    new Set([
      '-p',
      '--project-dir',
      '-x',
      '--exclude-task',
      '-b',
      '--build-file',
      '-g',
      '--gradle-user-home',
    ]),
    'pxbg',
  );
  const tasks = p.positionals;
  const task =
    tasks.find((t) => GRADLE_BUILD.test(t)) ??
    tasks.find((t) => /^[:\w-]+$/.test(t) && !GRADLE_NOT_BUILD.test(t));
  if (task) {
    const bare = task.replace(/^.*:/, '');
    return [
      build(
        inv,
        'gradle',
        bare,
        bare === 'installDist'
          ? 'build/install'
          : bare.startsWith('dist')
            ? 'build/distributions'
            : 'build/libs',
      ),
    ];
  }
  if (
    tasks.some((t) =>
      /^(dependencies|resolveDependencies|downloadDependencies|androidDependencies|help)$/.test(t),
    ) ||
    has(p, '--refresh-dependencies')
  ) {
    return [install(inv, { manager: 'gradle', fromManifest: 'build.gradle', flags: p.flags })];
  }
  return [];
};

export const dotnet: Detector = (inv) => {
  const p = parseArgs(
    inv.args,
    new Set([
      '-c',
      '--configuration',
      '-o',
      '--output',
      '-r',
      '--runtime',
      '-f',
      '--framework',
      '-s',
      '--source',
      '--version',
      '-a',
      '--arch',
      '--os',
      '-p',
      '--property',
    ]),
    'corfsap',
  );
  const [sub, ...rest] = p.positionals;
  switch (sub) {
    case 'restore':
      return [
        install(inv, { manager: 'dotnet', verb: sub, fromManifest: rest[0] ?? '*.csproj', flags: p.flags }),
      ];
    case 'publish':
    case 'build':
    case 'pack':
      return [build(inv, 'dotnet', sub, value(p, '-o', '--output'))];
    case 'tool':
      if (rest[0] === 'install') {
        return [
          install(inv, {
            manager: 'dotnet',
            packages: rest.slice(1).map((x) => ({ name: x, version: value(p, '--version'), raw: x })),
            global: has(p, '-g', '--global'),
            flags: p.flags,
          }),
        ];
      }
      return [];
    case 'nuget':
      if (rest[0] === 'locals') return [cacheClean(inv, 'dotnet', ['/root/.nuget/packages'])];
      return [];
    default:
      return [];
  }
};

export const composer: Detector = (inv, ctx) => {
  const p = parseArgs(inv.args, new Set(['-d', '--working-dir']), 'd');
  let [sub, ...rest] = p.positionals;
  let global = false;
  if (sub === 'global') {
    global = true;
    [sub, ...rest] = rest;
  }
  const noCache = has(p, '--no-cache') || envFlag(inv, ctx, 'COMPOSER_CACHE_DIR') === '/dev/null';
  switch (sub) {
    case 'install':
    case 'i':
      return [
        install(inv, {
          manager: 'composer',
          verb: sub,
          fromManifest: 'composer.json',
          productionOnly: has(p, '--no-dev'),
          noCache,
          global,
          flags: p.flags,
        }),
      ];
    case 'require':
    case 'req':
      return [
        install(inv, {
          manager: 'composer',
          verb: sub,
          packages: rest.map((x) => spec(x, /[:=]/)),
          productionOnly: has(p, '--update-no-dev'),
          noCache,
          global,
          flags: p.flags,
        }),
      ];
    case 'update':
    case 'u':
      return rest.length === 0
        ? [
            install(inv, {
              manager: 'composer',
              verb: sub,
              fromManifest: 'composer.json',
              productionOnly: has(p, '--no-dev'),
              noCache,
              global,
              flags: p.flags,
            }),
          ]
        : [];
    case 'clear-cache':
    case 'clearcache':
    case 'cc':
      return [cacheClean(inv, 'composer', ['/root/.composer/cache'])];
    default:
      return [];
  }
};

export const gem: Detector = (inv) => {
  const p = parseArgs(
    inv.args,
    new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source']),
    'vin',
  );
  const [sub, ...rest] = p.positionals;
  if (sub === 'install' || sub === 'i') {
    const version = value(p, '-v', '--version');
    const packages = rest.map((x) => {
      const s = spec(x, /:/);
      return version && !s.version && rest.length === 1 ? { ...s, version } : s;
    });
    return [
      install(inv, {
        manager: 'gem',
        verb: sub,
        packages,
        noCache: false,
        global: !has(p, '--user-install'),
        flags: p.flags,
      }),
    ];
  }
  if (sub === 'cleanup') return [cacheClean(inv, 'gem', [])];
  return [];
};

export const bundle: Detector = (inv, ctx) => {
  const p = parseArgs(
    inv.args,
    new Set(['--without', '--with', '--path', '--jobs', '-j', '--retry', '--gemfile', '--binstubs']),
    'j',
  );
  // `bundle --version` / `bundle -v` (the ruby images' closing check) prints and installs nothing.
  if (p.positionals.length === 0 && has(p, '--version', '-v', '-V', '--help', '-h')) return [];
  const [sub = 'install', ...rest] = p.positionals;
  if (sub === 'config') {
    // `bundle config set --local without 'development test'` (or the older `bundle config --local without ...`)
    const words = rest[0] === 'set' || rest[0] === 'unset' ? rest.slice(1) : rest;
    if (words[0] === 'without' && words.length > 1) ctx.memo.set('bundle-without', words.slice(1).join(' '));
    if (words[0] === 'deployment' && words[1]) ctx.memo.set('bundle-deployment', words[1]);
    return [];
  }
  if (sub === 'install') {
    const without = [
      ...values(inv.args, '--without'),
      envFlag(inv, ctx, 'BUNDLE_WITHOUT') ?? '',
      ctx.memo.get('bundle-without') ?? '',
    ].join(' ');
    return [
      install(inv, {
        manager: 'bundler',
        verb: sub,
        fromManifest: 'Gemfile',
        productionOnly: /(^|[\s:,])development([\s:,]|$)/.test(without),
        global: false,
        flags: p.flags,
      }),
    ];
  }
  if (sub === 'clean') return [cacheClean(inv, 'gem', [])];
  return [];
};

/** `jlink --add-modules a,b --output dir`: a custom Java runtime (target = the module list). */
export const jlink: Detector = (inv) => {
  const p = parseArgs(
    inv.args,
    new Set(['--add-modules', '--output', '--module-path', '-p', '--compress', '-c', '--limit-modules']),
    'pc',
  );
  const output = value(p, '--output');
  if (!output) return [];
  return [build(inv, 'jlink', value(p, '--add-modules'), output)];
};

export const LANGUAGE_DETECTORS: Record<string, Detector> = {
  go,
  jlink,
  cargo,
  mvn: maven,
  mvnw: maven,
  gradle,
  gradlew: gradle,
  dotnet,
  composer,
  'composer.phar': composer,
  gem,
  bundle,
  bundler: bundle,
};
