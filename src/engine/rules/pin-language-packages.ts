// pin-version: pip / npm / gem / go install of named packages without versions
// (DL3013 pip, DL3016 npm, DL3028 gem, DL3062 go install).
import type { PackageManager, PackageSpec, RunInstruction } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { installs, isRun, allRuns } from './util';

const ALIAS: Partial<Record<PackageManager, string>> = {
  pip: 'DL3013',
  npm: 'DL3016',
  yarn: 'DL3016',
  pnpm: 'DL3016',
  gem: 'DL3028',
  go: 'DL3062',
};

const HOW: Partial<Record<PackageManager, string>> = {
  pip: 'name==version',
  npm: 'name@version',
  yarn: 'name@version',
  pnpm: 'name@version',
  gem: 'name:version (or -v)',
  go: 'module@version',
};

/** Local paths, archives and plain URLs are not registry packages (VCS references are judged apart). */
function isLocal(raw: string): boolean {
  return /^[./~]|^(https?:|file:)|\.(whl|tar\.gz|tar|zip|tgz|gem)$|\$/.test(raw) || raw.includes('://');
}

/** A git reference: pinned by `@ref` (pip: `repo.git@v1#egg=x`) or `#ref` (npm: `repo.git#v1`). */
function vcsPinned(manager: PackageManager, raw: string): boolean | null {
  if (!/^(git\+|git:\/\/)/.test(raw)) return null;
  if (manager === 'pip') return raw.split('#')[0].split('/').pop()!.includes('@');
  return raw.includes('#');
}

function isUnpinned(manager: PackageManager, p: PackageSpec): boolean {
  if (p.name === '' || (manager === 'gem' && (p.raw.startsWith('-') || /^(true|false)$/.test(p.raw))))
    return false;
  const vcs = vcsPinned(manager, p.raw);
  if (vcs !== null) return !vcs;
  if (manager === 'pip' && p.name.includes('/')) return false; // `pip install foo/bar`: a local folder
  if (isLocal(p.raw) || isLocal(p.name)) return false;
  return !p.version || p.version === 'latest';
}

const PIPX_VALUED = new Set(['--python', '--index-url', '--pip-args', '--suffix', '--spec']);

/** `go get`/`go run` of a module, and `pipx install`: not package-install effects, read from the command. */
function commandInstalls(run: RunInstruction): { manager: PackageManager; names: string[] }[] {
  const out: { manager: PackageManager; names: string[] }[] = [];
  for (const cmd of run.shell?.commands ?? []) {
    const words = cmd.args.filter((a) => !a.startsWith('-'));
    if (cmd.name === 'go' && (words[0] === 'get' || words[0] === 'run')) {
      const targets = words[0] === 'run' ? words.slice(1, 2) : words.slice(1);
      const names = targets.filter((t) => !/^[./~]/.test(t) && !/@(?!latest$)[^@]+$/.test(t));
      if (names.length) out.push({ manager: 'go', names });
    } else if (cmd.name === 'pipx' && words[0] === 'install') {
      const names = cmd.args
        .filter((a, i) => !a.startsWith('-') && !PIPX_VALUED.has(cmd.args[i - 1]))
        .slice(1)
        .filter((t) => !t.includes('==') && !/^[./~]/.test(t));
      if (names.length) out.push({ manager: 'pip', names });
    }
  }
  return out;
}

export const rule: Rule = {
  meta: {
    id: 'pin-language-packages',
    technique: 'pin-version',
    severity: 'info',
    title: 'Pin versions of packages installed by name',
    hadolint: ['DL3013', 'DL3016', 'DL3028', 'DL3062'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3013'), hadolintRule('DL3016')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports `pip install`, `npm install`, `gem install` and `go install` of packages named on the command line without a version (installs from a lock file or requirements file are fine).',
    whyItMatters:
      'A package installed by bare name is whatever the registry calls newest at build time. A new major release can change behaviour or size, and two builds of the same Dockerfile differ. Pin the version, or install from a lock file.',
    before: String.raw`FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn
`,
    after: String.raw`FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn==23.0.0
`,
    fixSafety: 'Reported, not fixed: the version to pin is your decision.',
    whenNotToUse:
      'Tools you deliberately keep current (and rebuild often), or installs that are already constrained by a constraints file (`pip install -c constraints.txt`).',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of allRuns(model)) {
      if (!isRun(run)) continue;
      for (const e of installs(run, ['pip', 'npm', 'yarn', 'pnpm', 'gem', 'go'])) {
        if (e.fromManifest) continue;
        if (e.flags.some((f) => /^(-c|--constraint|-r|--requirement)/.test(f))) continue;
        const names = e.packages.filter((p) => isUnpinned(e.manager, p)).map((p) => p.name);
        if (names.length) out.push(report(run, e.manager, names));
      }
      for (const c of commandInstalls(run)) out.push(report(run, c.manager, c.names));
    }
    return out;
  },
};

function report(run: RunInstruction, manager: PackageManager, names: string[]): RuleReport {
  return {
    span: run.span,
    message: `${manager} installs ${names.slice(0, 4).join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''} without a version (or @latest); pin as ${HOW[manager] ?? 'name@version'}.`,
    aliases: ALIAS[manager] ? [ALIAS[manager]!] : [],
  };
}
