// correctness: a pipe in RUN without `set -o pipefail` (DL4006).
import type { DockerfileModel, RunInstruction, Stage } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { baseInfo, eol, foldStages, isAlpineBase, isRun, isShellless, makeFix } from './util';

/**
 * `sh` is whichever POSIX shell the image links (dash before 0.5.11, older BusyBox builds lack
 * pipefail), so only a named shell that has it (bash, zsh, ash, ksh) counts, as in hadolint.
 */
function namesPlainSh(shellArgs: string): boolean {
  const program = /^\s*\[\s*"([^"]*)"/.exec(shellArgs)?.[1] ?? '';
  return /(^|\/)sh$/.test(program);
}

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
      'Pipes whose left side may fail on purpose (`yes | ...`, `grep` that may match nothing); or put `set -o pipefail &&` in front of the RUN where the shell supports it. A SHELL that runs plain `sh` with pipefail does not count: `sh` is whatever shell the image links, and not all of them support pipefail; name the shell (`/bin/bash`, `/bin/ash`).',
  },
  check(ctx) {
    const { model } = ctx;
    return foldStages<ShellState>(model, {
      start: (stage) => ({
        pipefail: false,
        plainSh: false,
        fixOffered: false,
        info: 'stage' in stage.base ? null : baseInfo(ctx, stage),
      }),
      step(state, ins, stage) {
        if (ins.keyword === 'SHELL') {
          state.plainSh = namesPlainSh(ins.argsAfterFlags);
          state.pipefail = /pipefail/.test(ins.argsAfterFlags) && !state.plainSh;
          return null;
        }
        if (!isRun(ins) || !ins.shell || ins.shell.skipped || ins.form !== 'shell') return null;
        return unsafePipe(model, ins, stage, state);
      },
    });
  },
};

interface ShellState {
  /** The stage's SHELL sets pipefail (and is not plain sh, which has no such option). */
  pipefail: boolean;
  /** The stage's SHELL is plain sh: only the script's own `set -o pipefail` counts. */
  plainSh: boolean;
  /** A SHELL fix was already offered in the stage: it covers the later RUNs too. */
  fixOffered: boolean;
  info: ReturnType<typeof baseInfo>;
}

/** The report for a RUN whose pipe hides failures, with a SHELL fix for the stage's first. */
function unsafePipe(
  model: DockerfileModel,
  run: RunInstruction,
  stage: Stage,
  state: ShellState,
): RuleReport | null {
  // The parser carries SHELL's pipefail into the script; under plain sh only the script's own counts.
  const scriptPipefail = state.plainSh ? /pipefail/.test(run.shell.source) : run.shell.pipefail;
  if (state.pipefail || scriptPipefail) return null;
  const pipe = run.shell.commands.find((c) => c.connector === '|');
  if (!pipe) return null;
  let fix = null;
  const { info } = state;
  if (!state.fixOffered && !('scratch' in stage.base) && !(info && isShellless(info))) {
    const shell = isAlpineBase(info)
      ? '["/bin/ash", "-eo", "pipefail", "-c"]'
      : '["/bin/bash", "-o", "pipefail", "-c"]';
    fix = makeFix(
      'Set SHELL with pipefail',
      'unsafe',
      [{ start: run.span.start, end: run.span.start, text: `SHELL ${shell}${eol(model)}` }],
      ['Every later RUN of the stage runs in this shell.'],
    );
    state.fixOffered = true;
  }
  return {
    span: run.span,
    message: `The pipe into \`${pipe.name}\` hides failures of the commands before it: the RUN succeeds if only \`${pipe.name}\` does. Set -o pipefail.`,
    fix,
  };
}
