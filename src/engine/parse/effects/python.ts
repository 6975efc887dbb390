// Python: pip / pip3 / python -m pip, uv (uv pip, uv sync), poetry, pipenv, conda / mamba, and
// `python setup.py` builds.
import type { Effect } from '../../model';
import {
  hasAbbreviated,
  build,
  cacheClean,
  envFlag,
  has,
  install,
  isTruthy,
  parseArgs,
  remove,
  spec,
  value,
  values,
  withToolRun,
} from './args';
import type { DetectContext, Detector, InstallFields, Invocation, ParsedArgs } from './args';
import { venvEffect } from './file-ops';

const PIP_VALUED = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-t',
  '--target',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--prefix',
  '--root',
  '--root-user-action',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--upgrade-strategy',
  '--progress-bar',
  '--trusted-host',
  '--src',
  '--global-option',
  '--config-settings',
  '-C',
  '--no-binary',
  '--only-binary',
  '--cache-dir',
  '--log',
  '--timeout',
  '--retries',
  '--proxy',
  '--cert',
  '--client-cert',
  '--exists-action',
  '--python',
  '-p',
]);
const VENV_BIN = /(venv|virtualenv|\.venv)[^:]*\/bin(\/|:|$)/;
const PIP_VERSION = /(===|==|>=|<=|~=|!=|>|<|@)/;

/** `pip install` and friends; `args` start at pip's own subcommand. */
function pipLike(inv: Invocation, ctx: DetectContext, args: string[], viaUv: boolean): Effect[] {
  const p = parseArgs(args, PIP_VALUED, 'rcetifCp');
  const [sub, ...rest] = p.positionals;
  switch (sub) {
    case 'install':
    case 'sync': {
      const requirements = values(args, '-r', '--requirement');
      const editable = values(args, '-e', '--editable');
      const packages = rest.filter((x) => !isLocalPath(x)).map((x) => spec(x, PIP_VERSION));
      const local = [...rest.filter(isLocalPath), ...editable];
      const noCache = viaUv
        ? has(p, '--no-cache', '-n') || isTruthy(envFlag(inv, ctx, 'UV_NO_CACHE'))
        : // pip reads `--no-cache` (and any prefix down to `--no-ca`) as --no-cache-dir.
          hasAbbreviated(p, '--no-cache-dir', '--no-ca') || isTruthy(envFlag(inv, ctx, 'PIP_NO_CACHE_DIR'));
      // A virtual environment: VIRTUAL_ENV set, a venv's bin on PATH, or pip called by its venv path.
      const inVenv =
        envFlag(inv, ctx, 'VIRTUAL_ENV') !== null ||
        VENV_BIN.test(ctx.lookupText('PATH') ?? '') ||
        VENV_BIN.test(inv.source.name);
      const global = viaUv
        ? has(p, '--system') || isTruthy(envFlag(inv, ctx, 'UV_SYSTEM_PYTHON'))
        : !has(p, '--user', '-t', '--target', '--prefix', '--root') && !inVenv;
      return [
        install(inv, {
          manager: viaUv ? 'uv' : 'pip',
          packages,
          fromManifest:
            requirements[0] ?? local[0] ?? (sub === 'sync' ? (rest[0] ?? 'requirements.txt') : null),
          noCache,
          assumeYes: true,
          global,
          flags: p.flags,
          destination: pipDestination(p),
          ...(sub === 'install' ? { verb: sub } : {}),
          requirements: values(args, '-r', '--requirement', '-c', '--constraint'),
          local,
        }),
      ];
    }
    case 'uninstall':
      return [
        remove(
          inv,
          viaUv ? 'uv' : 'pip',
          rest.map((x) => spec(x, PIP_VERSION)),
        ),
      ];
    case 'cache':
      if (rest[0] === 'purge' || rest[0] === 'remove' || rest[0] === 'clean') {
        return [cacheClean(inv, viaUv ? 'uv' : 'pip', [viaUv ? '/root/.cache/uv' : '/root/.cache/pip'])];
      }
      return [];
    case 'wheel':
    case 'download':
      return [];
    default:
      return [];
  }
}

/** Where pip was told to install: `--prefix`/`--root`, `--target`, `--user` (undefined: the default). */
function pipDestination(p: ParsedArgs): InstallFields['destination'] {
  const prefix = value(p, '--prefix', '--root');
  if (prefix !== null) return { kind: 'prefix', path: prefix };
  const target = value(p, '--target', '-t');
  if (target !== null) return { kind: 'target', path: target };
  return has(p, '--user') ? { kind: 'user', path: null } : undefined;
}

function isLocalPath(x: string): boolean {
  return (
    x === '.' ||
    x.startsWith('./') ||
    x.startsWith('/') ||
    x.startsWith('../') ||
    /\.(whl|tar\.gz|zip)$/.test(x)
  );
}

/** pip, pip3, pip3.12 */
export const pip: Detector = (inv, ctx) => pipLike(inv, ctx, inv.args, false);

/** python / python3 / python3.12: `-m pip ...`, `-m venv`, `setup.py ...`. */
export const python: Detector = (inv, ctx) => {
  const args = inv.args;
  let i = 0;
  while (i < args.length && /^-[BOIsSuEq]+$/.test(args[i])) i++;
  if (args[i] === '-m' && args[i + 1] === 'pip') return pipLike(inv, ctx, args.slice(i + 2), false);
  if (args[i] === '-m' && args[i + 1] === 'venv') return venvEffect(inv, 'venv', args.slice(i + 2));
  if (args[i] === '-m' && args[i + 1] === 'uv' && args[i + 2] === 'pip')
    return pipLike(inv, ctx, args.slice(i + 3), true);
  if (args[i] === '-m' && (args[i + 1] === 'build' || args[i + 1] === 'compileall')) {
    return args[i + 1] === 'build'
      ? [
          build(
            inv,
            'python-build',
            null,
            value(parseArgs(args.slice(i + 2), new Set(['-o', '--outdir']), 'o'), '-o', '--outdir') ?? 'dist',
          ),
        ]
      : [];
  }
  if (args[i] !== undefined && /(^|\/)setup\.py$/.test(args[i])) {
    const sub = args.slice(i + 1).find((a) => !a.startsWith('-')) ?? null;
    return [
      build(
        inv,
        'python-setup',
        sub,
        sub === 'bdist_wheel' || sub === 'sdist' ? 'dist' : sub === 'build' ? 'build' : null,
      ),
    ];
  }
  return [];
};

const UV_VALUED = new Set([
  '--python',
  '-p',
  '--extra',
  '--group',
  '--only-group',
  '--no-group',
  '--package',
  '--directory',
  '--project',
  '--index',
  '--index-url',
  '--extra-index-url',
  '--cache-dir',
]);

/** uv: `uv pip install`, `uv sync`, `uv cache clean`, `uv tool install`. */
export const uv: Detector = (inv, ctx) => {
  const args = inv.args;
  if (args[0] === 'pip') return pipLike(inv, ctx, args.slice(1), true);
  const p = parseArgs(args, UV_VALUED, 'p');
  const [sub, ...rest] = p.positionals;
  const noCache = has(p, '--no-cache', '-n') || isTruthy(envFlag(inv, ctx, 'UV_NO_CACHE'));
  if (sub === 'sync') {
    const productionOnly =
      (has(p, '--no-dev', '--only-group') && !has(p, '--dev')) || isTruthy(envFlag(inv, ctx, 'UV_NO_DEV'));
    return [
      install(inv, {
        manager: 'uv',
        verb: sub,
        fromManifest: has(p, '--frozen', '--locked') ? 'uv.lock' : 'pyproject.toml',
        noCache,
        productionOnly,
        global: false,
        flags: p.flags,
      }),
    ];
  }
  if (sub === 'tool' && rest[0] === 'install') {
    return [
      install(inv, {
        manager: 'uv',
        verb: sub,
        packages: rest.slice(1).map((x) => spec(x, PIP_VERSION)),
        noCache,
        global: true,
        flags: p.flags,
      }),
    ];
  }
  if (sub === 'cache' && (rest[0] === 'clean' || rest[0] === 'prune'))
    return [cacheClean(inv, 'uv', ['/root/.cache/uv'])];
  return [];
};

const POETRY_VALUED = new Set(['--only', '--without', '--with', '-E', '--extras', '--directory', '-C']);

const POETRY_IN_PROJECT = 'poetry-in-project';

/** poetry install (--only main, --without dev, --no-dev → production only). */
export const poetry: Detector = (inv, ctx) => {
  const p = parseArgs(inv.args, POETRY_VALUED, 'EC');
  const [sub, ...rest] = p.positionals;
  if (sub === 'install' || sub === 'sync') {
    const only = values(inv.args, '--only').join(',');
    const without = values(inv.args, '--without').join(',');
    const productionOnly = has(p, '--no-dev') || /(^|,)main(,|$)/.test(only) || /(^|,)dev(,|$)/.test(without);
    const create = envFlag(inv, ctx, 'POETRY_VIRTUALENVS_CREATE');
    return [
      install(inv, {
        ...(ctx.memo.has(POETRY_IN_PROJECT) ? { destination: { kind: 'in-project', path: null } } : {}),
        manager: 'poetry',
        verb: sub,
        fromManifest: 'pyproject.toml',
        productionOnly,
        noCache: has(p, '--no-cache') || isTruthy(envFlag(inv, ctx, 'POETRY_NO_CACHE')),
        global: create !== null && !isTruthy(create),
        flags: p.flags,
      }),
    ];
  }
  if (sub === 'add')
    return [
      install(inv, { manager: 'poetry', packages: rest.map((x) => spec(x, PIP_VERSION)), flags: p.flags }),
    ];
  if (sub === 'cache' && rest[0] === 'clear') return [cacheClean(inv, 'poetry', ['/root/.cache/pypoetry'])];
  // `poetry config virtualenvs.in-project true`: a later install in this RUN fills ./.venv.
  const at = sub === 'config' ? rest.indexOf('virtualenvs.in-project') : -1;
  if (at >= 0 && /^(true|1)$/i.test(rest[at + 1] ?? '')) ctx.memo.set(POETRY_IN_PROJECT, '1');
  return [];
};

/** pdm install / sync (--prod leaves out the dev groups), pdm add, pdm cache clear. */
export const pdm: Detector = (inv) => {
  const p = parseArgs(inv.args, new Set(['-G', '--group', '-p', '--project', '-L', '--lockfile']), 'GpL');
  const [sub, ...rest] = p.positionals;
  if (sub === 'install' || sub === 'sync')
    return [
      install(inv, {
        manager: 'pdm',
        fromManifest: 'pdm.lock',
        productionOnly: has(p, '--prod', '--production'),
        global: has(p, '-g', '--global'),
        flags: p.flags,
      }),
    ];
  if (sub === 'add')
    return [
      install(inv, { manager: 'pdm', packages: rest.map((x) => spec(x, PIP_VERSION)), flags: p.flags }),
    ];
  if (sub === 'cache' && rest[0] === 'clear') return [cacheClean(inv, 'pdm', ['/root/.cache/pdm'])];
  return [];
};

/** pipenv install / sync (--system installs into the system Python; --dev adds dev packages). */
export const pipenv: Detector = (inv) => {
  const p = parseArgs(inv.args);
  const [sub, ...rest] = p.positionals;
  if (sub !== 'install' && sub !== 'sync') return [];
  return [
    install(inv, {
      manager: 'pipenv',
      packages: rest.map((x) => spec(x, PIP_VERSION)),
      fromManifest:
        rest.length > 0
          ? null
          : has(p, '--deploy', '--ignore-pipfile') || sub === 'sync'
            ? 'Pipfile.lock'
            : 'Pipfile',
      productionOnly: !has(p, '--dev', '-d'),
      global: has(p, '--system'),
      flags: p.flags,
    }),
  ];
};

const CONDA_VALUED = new Set(['-n', '--name', '-p', '--prefix', '-c', '--channel', '-f', '--file']);

/** conda, mamba, micromamba. */
export const conda: Detector = (inv) => {
  const p = parseArgs(inv.args, CONDA_VALUED, 'npcf');
  const [sub, ...rest] = p.positionals;
  const assumeYes = has(p, '-y', '--yes') || inv.name === 'micromamba';
  if (sub === 'install' || sub === 'create') {
    return [
      install(inv, {
        manager: 'conda',
        packages: rest.map((x) => spec(x, /[=<>]/)),
        fromManifest: value(p, '-f', '--file'),
        assumeYes,
        global: true,
        flags: p.flags,
      }),
    ];
  }
  if (sub === 'env' && (rest[0] === 'create' || rest[0] === 'update')) {
    return [
      install(inv, {
        manager: 'conda',
        fromManifest: value(p, '-f', '--file') ?? 'environment.yml',
        assumeYes: true,
        flags: p.flags,
      }),
    ];
  }
  if (sub === 'remove' || sub === 'uninstall')
    return [
      remove(
        inv,
        'conda',
        rest.map((x) => spec(x, /[=<>]/)),
      ),
    ];
  if (sub === 'clean') return [cacheClean(inv, 'conda', ['/opt/conda/pkgs'])];
  return [];
};

const DETECTORS: Record<string, Detector> = {
  pip,
  pip3: pip,
  python,
  python3: python,
  uv,
  poetry,
  pdm,
  pipenv,
  conda,
  mamba: conda,
  micromamba: conda,
};

/** Each followed by the tool-run effect: the command needs Python's toolchain. */
export const PYTHON_DETECTORS: Record<string, Detector> = Object.fromEntries(
  Object.entries(DETECTORS).map(([name, d]) => [name, withToolRun('python', d)]),
);

/** Names such as pip3.12 and python3.11. */
export function pythonDetector(name: string): Detector | undefined {
  if (PYTHON_DETECTORS[name]) return PYTHON_DETECTORS[name];
  if (/^pip\d(\.\d+)?$/.test(name)) return PYTHON_DETECTORS.pip;
  if (/^python\d(\.\d+)?$/.test(name)) return PYTHON_DETECTORS.python;
  return undefined;
}
