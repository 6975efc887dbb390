// other: wget prints a progress bar line by line into the build log unless told otherwise (DL3047).
import type { Rule, RuleReport } from './types';
import { hadolintRule } from './refs';
import { allRuns, insertAfterArg, makeFix } from './util';

/** Options that quiet wget or send its output elsewhere. */
const QUIET =
  /^(-q|--quiet|-nv|--no-verbose|--progress(=.*)?|-o|--output-file(=.*)?|-a|--append-output(=.*)?)$/;

export const rule: Rule = {
  meta: {
    id: 'wget-progress',
    technique: 'other',
    severity: 'info',
    title: 'Give wget a --progress style (or -q) in builds',
    hadolint: ['DL3047'],
    buildChecks: [],
    references: [hadolintRule('DL3047')],
    fixable: 'always',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports `wget` in RUN (and ONBUILD RUN) without `--progress=…`, `-q`/`--quiet`, `-nv`/`--no-verbose` or a log file (`-o`, `-a`).',
    whyItMatters:
      'Without a terminal, wget falls back to printing a dot line for every few kilobytes: a large download fills the build log with thousands of lines, which slows CI log viewers and buries the output that matters.',
    before: String.raw`FROM debian:bookworm-slim
RUN wget https://example.com/tool.tar.gz
`,
    after: String.raw`FROM debian:bookworm-slim
RUN wget --progress=dot:giga https://example.com/tool.tar.gz
`,
    fixSafety:
      'Safe: `--progress=dot:giga` only changes what wget prints; it is inserted right after `wget`.',
    whenNotToUse: 'When you want the full progress output in the log; then ignore the rule on that line.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const run of allRuns(model)) {
      for (const cmd of run.shell?.commands ?? []) {
        if (cmd.name !== 'wget' || cmd.args.some((a) => QUIET.test(a))) continue;
        out.push({
          span: run.span,
          message:
            'wget without --progress (or -q / -nv) fills the build log with progress dots; add --progress=dot:giga.',
          fix: makeFix('Add --progress=dot:giga', 'safe', [
            insertAfterArg(model, run, cmd, -1, '--progress=dot:giga'),
          ]),
        });
      }
    }
    return out;
  },
};
