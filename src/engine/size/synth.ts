// Effects for a command the parser left without any (a safety net: the parser's effects win
// whenever it gives some for a command). Covers the commands that move most bytes.
import type { Effect, PackageManager, PackageSpec, ShellCommand } from '../model';

function spec(raw: string): PackageSpec {
  const m = /^([^=<>~!]+?)(?:==?|>=|<=|~=)(.+)$/.exec(raw);
  return m ? { name: m[1], version: m[2], raw } : { name: raw, version: null, raw };
}

function positional(args: string[], skipValueOf: string[] = []): string[] {
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a.startsWith('-')) {
      if (skipValueOf.includes(a)) k++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function install(
  manager: PackageManager,
  names: string[],
  command: number,
  o: Partial<Extract<Effect, { kind: 'package-install' }>> = {},
): Effect {
  return {
    kind: 'package-install',
    manager,
    packages: names.map(spec),
    fromManifest: null,
    noRecommends: false,
    noCache: false,
    productionOnly: false,
    assumeYes: true,
    global: false,
    virtualName: null,
    flags: [],
    command,
    ...o,
  };
}

export function synthesizeEffects(cmd: ShellCommand, command: number): Effect[] {
  const name = cmd.name.split('/').pop() ?? '';
  const a = cmd.args;
  const sub = a.find((x) => !x.startsWith('-')) ?? '';
  switch (name) {
    case 'apt-get':
    case 'apt': {
      if (sub === 'update') return [{ kind: 'package-index-update', manager: 'apt', command }];
      if (sub === 'install') {
        const names = positional(a, ['-o', '-t']).slice(1);
        return [
          install('apt', names, command, {
            noRecommends: a.includes('--no-install-recommends'),
            flags: a.filter((x) => x.startsWith('-')),
          }),
        ];
      }
      if (sub === 'purge' || sub === 'remove' || sub === 'autoremove') {
        const names = positional(a, ['-o']).slice(1);
        return [
          {
            kind: 'package-remove',
            manager: 'apt',
            packages: names.map(spec),
            purge: sub === 'purge' || a.includes('--purge'),
            autoremove: sub === 'autoremove' || a.includes('--auto-remove') || a.includes('--autoremove'),
            command,
          },
        ];
      }
      if (sub === 'clean') return [{ kind: 'cache-clean', cache: 'apt-archives', paths: [], command }];
      if (sub === 'dist-clean') return [{ kind: 'cache-clean', cache: 'apt-lists', paths: [], command }];
      return [];
    }
    case 'apk': {
      if (sub === 'update') return [{ kind: 'package-index-update', manager: 'apk', command }];
      if (sub === 'add') {
        const vIdx = a.findIndex((x) => x === '--virtual' || x === '-t');
        const virtualName = vIdx >= 0 ? (a[vIdx + 1] ?? null) : null;
        const names = positional(a, ['--virtual', '-t', '--repository', '-X']).slice(1);
        return [install('apk', names, command, { noCache: a.includes('--no-cache'), virtualName })];
      }
      if (sub === 'del')
        return [
          {
            kind: 'package-remove',
            manager: 'apk',
            packages: positional(a).slice(1).map(spec),
            purge: true,
            autoremove: false,
            command,
          },
        ];
      return [];
    }
    case 'dnf':
    case 'yum':
    case 'microdnf':
    case 'zypper': {
      const m = name as PackageManager;
      if (sub === 'install' || sub === 'in')
        return [
          install(m, positional(a).slice(1), command, {
            noRecommends: a.some((x) => /install_weak_deps=(0|False|false)/.test(x)),
          }),
        ];
      if (sub === 'clean') return [{ kind: 'cache-clean', cache: name, paths: [], command }];
      if (sub === 'makecache') return [{ kind: 'package-index-update', manager: m, command }];
      return [];
    }
    case 'pip':
    case 'pip3':
    case 'uv':
    case 'python':
    case 'python3': {
      let args = a;
      let manager: PackageManager = 'pip';
      if (name.startsWith('python')) {
        if (a[0] !== '-m' || !/^pip/.test(a[1] ?? '')) return [];
        args = a.slice(2);
      }
      if (name === 'uv') {
        manager = 'uv';
        if (a[0] === 'pip') args = a.slice(1);
        else if (a[0] === 'sync')
          return [install('uv', [], command, { fromManifest: 'uv.lock', noCache: a.includes('--no-cache') })];
      }
      const s = args.find((x) => !x.startsWith('-'));
      if (s !== 'install')
        return s === 'cache' && args.includes('purge')
          ? [{ kind: 'cache-clean', cache: 'pip', paths: [], command }]
          : [];
      const rIdx = args.findIndex((x) => x === '-r' || x === '--requirement');
      const manifest =
        rIdx >= 0
          ? (args[rIdx + 1] ?? 'requirements.txt')
          : (args.find((x) => x.startsWith('--requirement='))?.slice(14) ?? null);
      const names = positional(args, [
        '-r',
        '--requirement',
        '-c',
        '--constraint',
        '-t',
        '--target',
        '--prefix',
        '-i',
        '--index-url',
        '--extra-index-url',
        '-f',
        '--find-links',
      ]).slice(1);
      return [
        install(manager, names, command, {
          fromManifest: manifest ?? (names.includes('.') ? 'pyproject.toml' : null),
          noCache: args.includes('--no-cache-dir') || args.includes('--no-cache'),
          global: true,
        }),
      ];
    }
    case 'npm':
    case 'yarn':
    case 'pnpm':
    case 'bun': {
      const m = name as PackageManager;
      const prod = a.some((x) => /^--(omit=dev|only=prod(uction)?|production(=true)?|prod)$/.test(x));
      if (
        sub === 'ci' ||
        sub === 'install' ||
        sub === 'i' ||
        sub === 'add' ||
        (m === 'yarn' && a.length === 0)
      ) {
        const names = positional(a).slice(1);
        const global = a.includes('-g') || a.includes('--global') || sub === 'global';
        return [
          install(m, names, command, {
            fromManifest: names.length ? null : 'package.json',
            productionOnly: prod,
            global,
            flags: sub === 'ci' ? ['ci'] : [],
          }),
        ];
      }
      if (sub === 'run' || sub === 'run-script' || (m !== 'npm' && sub === 'build')) {
        const script = sub === 'run' || sub === 'run-script' ? (positional(a)[1] ?? '') : sub;
        return [{ kind: 'build', tool: 'npm-script', target: script, output: null, args: a, command }];
      }
      if (sub === 'cache' && a.includes('clean'))
        return [{ kind: 'cache-clean', cache: m, paths: [], command }];
      if (sub === 'prune')
        return [
          { kind: 'package-remove', manager: m, packages: [], purge: false, autoremove: false, command },
        ];
      return [];
    }
    case 'go': {
      if (sub === 'build') {
        const oIdx = a.indexOf('-o');
        return [
          {
            kind: 'build',
            tool: 'go',
            target: null,
            output: oIdx >= 0 ? (a[oIdx + 1] ?? null) : null,
            args: a,
            command,
          },
        ];
      }
      if (sub === 'mod' && a.includes('download'))
        return [install('go', [], command, { fromManifest: 'go.mod' })];
      if (sub === 'install' || sub === 'get') return [install('go', positional(a).slice(1), command)];
      return [];
    }
    case 'cargo': {
      if (sub === 'build')
        return [{ kind: 'build', tool: 'cargo', target: null, output: null, args: a, command }];
      if (sub === 'install' || sub === 'fetch') return [install('cargo', positional(a).slice(1), command)];
      return [];
    }
    case 'mvn':
    case 'mvnw':
    case './mvnw': {
      const goals = positional(a);
      if (goals.length && goals.every((g) => /^dependency:/.test(g)))
        return [install('maven', [], command, { fromManifest: 'pom.xml' })];
      return [{ kind: 'build', tool: 'maven', target: null, output: null, args: a, command }];
    }
    case 'gradle':
    case 'gradlew':
      return [{ kind: 'build', tool: 'gradle', target: null, output: null, args: a, command }];
    case 'dotnet': {
      if (sub === 'restore') return [install('dotnet', [], command, { fromManifest: '*.csproj' })];
      if (sub === 'publish' || sub === 'build') {
        const oIdx = a.findIndex((x) => x === '-o' || x === '--output');
        return [
          {
            kind: 'build',
            tool: 'dotnet',
            target: null,
            output: oIdx >= 0 ? (a[oIdx + 1] ?? null) : null,
            args: a,
            command,
          },
        ];
      }
      return [];
    }
    case 'tsc':
      return [{ kind: 'build', tool: 'tsc', target: null, output: null, args: a, command }];
    case 'make':
      return [{ kind: 'build', tool: 'make', target: sub || null, output: null, args: a, command }];
    case 'rm': {
      const paths = positional(a);
      return paths.length ? [{ kind: 'remove', paths, command }] : [];
    }
    case 'curl':
    case 'wget': {
      const url = a.find((x) => /^(https?|ftp):\/\//.test(x)) ?? null;
      let output: string | null = null;
      const o = a.findIndex(
        (x) =>
          x === '-o' || x === '--output' || (name === 'wget' && (x === '-O' || x === '--output-document')),
      );
      if (o >= 0) output = a[o + 1] ?? null;
      else if (name === 'curl' && a.some((x) => /^-[a-zA-Z]*O/.test(x) && !x.startsWith('--')))
        output = url ? (url.split('?')[0].split('/').pop() ?? null) : null;
      else if (name === 'wget') output = url ? (url.split('?')[0].split('/').pop() ?? null) : null;
      if (output === '-') output = null;
      return [{ kind: 'download', tool: name, url, output, command }];
    }
    case 'git':
      if (sub === 'clone') {
        const pos = positional(a, ['--branch', '-b', '--depth']);
        return [{ kind: 'download', tool: 'git', url: pos[1] ?? null, output: pos[2] ?? null, command }];
      }
      return [];
    case 'tar': {
      const mode = a[0] ?? '';
      const isExtract =
        a.some((x) => x === '-x' || x === '--extract') || (/^-?[a-zA-Z]+$/.test(mode) && mode.includes('x'));
      if (!isExtract) return [];
      const fIdx = a.findIndex(
        (x) => x === '-f' || x === '--file' || (/^-?[a-zA-Z]*f$/.test(x) && x.includes('x')),
      );
      const archive = fIdx >= 0 ? (a[fIdx + 1] ?? null) : null;
      const cIdx = a.findIndex((x) => x === '-C' || x === '--directory');
      return [
        {
          kind: 'extract',
          archive: archive === '-' ? null : archive,
          destination: cIdx >= 0 ? (a[cIdx + 1] ?? null) : null,
          command,
        },
      ];
    }
    case 'unzip': {
      const pos = positional(a, ['-d']);
      const dIdx = a.indexOf('-d');
      return [
        {
          kind: 'extract',
          archive: pos[0] ?? null,
          destination: dIdx >= 0 ? (a[dIdx + 1] ?? null) : null,
          command,
        },
      ];
    }
    case 'useradd':
    case 'adduser':
      return [{ kind: 'user-add', name: positional(a).pop() ?? null, command }];
    case 'cd':
      return a[0] ? [{ kind: 'chdir', path: a[0], command }] : [];
    case 'composer':
      if (sub === 'install' || sub === 'require' || sub === 'update')
        return [
          install('composer', [], command, {
            fromManifest: 'composer.json',
            productionOnly: a.includes('--no-dev'),
            noCache: a.includes('--no-cache'),
          }),
        ];
      return [];
    case 'bundle':
      if (sub === 'install') return [install('bundler', [], command, { fromManifest: 'Gemfile' })];
      return [];
    case 'gem':
      if (sub === 'install') return [install('gem', positional(a).slice(1), command)];
      return [];
    case 'conda':
    case 'mamba':
    case 'micromamba':
      if (sub === 'install' || sub === 'create')
        return [install('conda', positional(a, ['-c', '-n', '-p']).slice(1), command)];
      if (sub === 'clean') return [{ kind: 'cache-clean', cache: 'conda', paths: [], command }];
      return [];
  }
  return [];
}
