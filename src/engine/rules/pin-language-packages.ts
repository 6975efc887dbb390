// pin-version: pip / npm / gem / go install of named packages without versions
// (DL3013 pip, DL3016 npm, DL3028 gem, DL3062 go install).
import type { PackageManager } from '../model';
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

/** Local paths, archives, URLs and VCS references are not registry packages. */
function isLocal(raw: string): boolean {
  return /^[./~]|^(git\+|https?:|file:)|\.(whl|tar\.gz|zip|tgz|gem)$|\$/.test(raw) || raw.includes('://');
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
        const unpinned = e.packages.filter(
          (p) => !p.version && !isLocal(p.raw) && !isLocal(p.name) && p.name !== '',
        );
        if (unpinned.length === 0) continue;
        const names = unpinned.map((p) => p.name);
        out.push({
          span: run.span,
          message: `${e.manager} installs ${names.slice(0, 4).join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''} without a version; pin as ${HOW[e.manager] ?? 'name@version'}.`,
          aliases: ALIAS[e.manager] ? [ALIAS[e.manager]!] : [],
        });
      }
    }
    return out;
  },
};
