// pin-version: OS packages installed without versions (DL3008 apt, DL3018 apk, DL3033 yum, DL3041 dnf, DL3037 zypper).
import type { PackageManager } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { installs, isRun, allRuns } from './util';

const ALIAS: Partial<Record<PackageManager, string>> = {
  apt: 'DL3008',
  apk: 'DL3018',
  yum: 'DL3033',
  dnf: 'DL3041',
  microdnf: 'DL3041',
  zypper: 'DL3037',
};

const HOW: Partial<Record<PackageManager, string>> = {
  apt: 'name=version',
  apk: 'name=version',
  yum: 'name-version',
  dnf: 'name-version',
  microdnf: 'name-version',
  zypper: 'name=version',
};

/** rpm names carry the version after a dash: `tomcat-9.0.1`, `gcc-c++-1.1.1`, `openssl-1:1.1.1k`. */
const RPM = new Set<PackageManager>(['yum', 'dnf', 'microdnf']);
const RPM_PINNED = /-(\d+:)?\d[^-]*(-[^-]+)?$/;

export const rule: Rule = {
  meta: {
    id: 'pin-os-packages',
    technique: 'pin-version',
    severity: 'info',
    title: 'Pin versions of OS packages',
    hadolint: ['DL3008', 'DL3018', 'DL3033', 'DL3037', 'DL3041'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3008'), hadolintRule('DL3018')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports OS package installs (apt-get, apk, yum, dnf, microdnf, zypper) that name packages without a version.',
    whyItMatters:
      'An unpinned install takes whatever version the repository offers on the day of the build, so two builds of the same Dockerfile can differ, and a rebuild months later may break or grow. Pinning makes the result repeatable; the cost is updating the pins when the distribution moves on (old versions disappear from Debian and Alpine mirrors).',
    before: String.raw`FROM alpine:3.20
RUN apk add --no-cache curl
`,
    after: String.raw`FROM alpine:3.20
RUN apk add --no-cache curl=8.11.1-r0
`,
    fixSafety: 'Reported, not fixed: the right version depends on the distribution release and the day.',
    whenNotToUse:
      'Many teams prefer the newest security updates over repeatability and rebuild often; then ignore the rule (`# hadolint ignore=DL3008` works too). Pinning against a rolling base tag breaks when the pinned version leaves the mirror. Differs from hadolint DL3033 and DL3041: a package version from a variable that is not set in the stage is not reported (hadolint reports it as empty).',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of allRuns(model)) {
      if (!isRun(run)) continue;
      for (const e of installs(run, ['apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper'])) {
        const unpinned = e.packages.filter(
          (p) =>
            !p.version &&
            !p.name.includes('$') &&
            !/\.(deb|rpm|apk)$/.test(p.name) &&
            !p.name.includes('/') &&
            !(RPM.has(e.manager) && RPM_PINNED.test(p.name)),
        );
        if (unpinned.length === 0) continue;
        const names = unpinned.map((p) => p.name);
        out.push({
          span: run.span,
          message: `${e.manager} installs ${names.slice(0, 4).join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''} without a version; pin with ${HOW[e.manager] ?? 'a version'} for repeatable builds.`,
          aliases: ALIAS[e.manager] ? [ALIAS[e.manager]!] : [],
        });
      }
    }
    return out;
  },
};
