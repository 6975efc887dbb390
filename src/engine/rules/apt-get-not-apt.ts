// correctness: `apt` in scripts instead of apt-get / apt-cache (DL3027).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { isRun, makeFix, nameRange, allRuns } from './util';

const TO_APT_GET = new Set([
  'install',
  'update',
  'upgrade',
  'full-upgrade',
  'dist-upgrade',
  'remove',
  'purge',
  'autoremove',
  'clean',
  'autoclean',
]);
const TO_APT_CACHE = new Set(['search', 'show', 'policy', 'depends', 'rdepends']);

export const rule: Rule = {
  meta: {
    id: 'apt-get-not-apt',
    technique: 'correctness',
    severity: 'warning',
    title: 'Use apt-get, not apt, in scripts',
    hadolint: ['DL3027'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3027')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes: 'Reports `apt` commands in RUN.',
    whyItMatters:
      '`apt` is the interactive front end: its output and options may change between releases and it warns that it has no stable command-line interface. `apt-get` and `apt-cache` are the stable tools for scripts.',
    before: String.raw`FROM debian:bookworm-slim
RUN apt update
`,
    after: String.raw`FROM debian:bookworm-slim
RUN apt-get update
`,
    fixSafety:
      'Safe: `apt install/update/remove/...` become `apt-get` and `apt search/show/policy` become `apt-cache` with the same arguments. Other subcommands are reported without a fix.',
    whenNotToUse: 'Never in a Dockerfile.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of allRuns(model)) {
      if (!isRun(run) || !run.shell) continue;
      const apts = run.shell.commands.filter((c) => c.name === 'apt');
      if (apts.length === 0) continue;
      const edits: ({ start: number; end: number; text: string } | null)[] = [];
      const subs: string[] = [];
      for (const cmd of apts) {
        const sub = cmd.args.find((a) => !a.startsWith('-')) ?? '';
        subs.push(sub);
        const tool = TO_APT_GET.has(sub) ? 'apt-get' : TO_APT_CACHE.has(sub) ? 'apt-cache' : null;
        const r = nameRange(model, run, cmd);
        edits.push(tool && r ? { start: r.start, end: r.end, text: tool } : null);
      }
      out.push({
        span: run.span,
        message: `\`apt ${subs.join('`, `apt ')}\` has no stable command-line interface; use apt-get / apt-cache in scripts.`,
        fix: makeFix('Use apt-get / apt-cache', 'safe', edits),
      });
    }
    return out;
  },
};
