// correctness: a pipe in RUN without `set -o pipefail` (DL4006).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { baseInfo, eol, isAlpineBase, isRun, isShellless, makeFix } from './util';

export const rule: Rule = {
  meta: {
    id: 'pipefail',
    technique: 'correctness',
    severity: 'warning',
    title: 'Set `-o pipefail` before RUN with a pipe',
    hadolint: ['DL4006'],
    buildChecks: [],
    references: [DOCS.shell, DOCS.bestPractices, hadolintRule('DL4006')],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes: 'Reports a RUN that pipes one command into another while the shell does not use `pipefail`.',
    whyItMatters:
      'A pipeline’s exit status is that of its last command. In `RUN curl -fsSL https://example.com/install.sh | sh`, a failed download feeds nothing to `sh`, which succeeds — and the build goes on with a half-installed tool. With `pipefail` any failing command fails the RUN.',
    before: String.raw`FROM debian:bookworm-slim
RUN curl -fsSL https://example.com/install.sh | sh
`,
    after: String.raw`FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/install.sh | sh
`,
    fixSafety:
      'Unsafe: the fix sets `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (`/bin/ash` on Alpine) before the first such RUN of the stage, so every later RUN of the stage runs in that shell; bash must exist in the image and bash-isms may now behave differently. Not offered for images without a shell.',
    whenNotToUse:
      'Pipes whose left side may fail on purpose (`yes | ...`, `grep` that may match nothing); or put `set -o pipefail &&` in front of the RUN where the shell supports it. Differs from hadolint DL4006: SHELL ["/bin/sh", "-o", "pipefail", "-c"] counts (dash 0.5.11+ and BusyBox ash support pipefail), where hadolint only accepts bash-like shells.',
  },
  check(ctx) {
    const { model } = ctx;
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      let shellHasPipefail = false;
      let fixed = false;
      const info = 'stage' in stage.base ? null : baseInfo(ctx, stage);
      for (const ins of stage.instructions) {
        if (ins.keyword === 'SHELL') {
          shellHasPipefail = /pipefail/.test(ins.argsAfterFlags);
          continue;
        }
        if (!isRun(ins) || !ins.shell || ins.shell.skipped || ins.form !== 'shell') continue;
        if (shellHasPipefail || ins.shell.pipefail) continue;
        const pipe = ins.shell.commands.find((c) => c.connector === '|');
        if (!pipe) continue;
        let fix = null;
        if (!fixed && !('scratch' in stage.base) && !(info && isShellless(info))) {
          const shell = isAlpineBase(info)
            ? '["/bin/ash", "-eo", "pipefail", "-c"]'
            : '["/bin/bash", "-o", "pipefail", "-c"]';
          fix = makeFix(
            'Set SHELL with pipefail',
            'unsafe',
            [{ start: ins.span.start, end: ins.span.start, text: `SHELL ${shell}${eol(model)}` }],
            ['Every later RUN of the stage runs in this shell.'],
          );
          fixed = true;
        }
        out.push({
          span: ins.span,
          message: `The pipe into \`${pipe.name}\` hides failures of the commands before it: the RUN succeeds if only \`${pipe.name}\` does. Set -o pipefail.`,
          fix,
        });
      }
    }
    return out;
  },
};
