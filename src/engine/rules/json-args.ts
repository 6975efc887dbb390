// correctness: shell-form CMD / ENTRYPOINT (DL3025, JSONArgsRecommended).
import type { CmdLikeInstruction, DockerfileModel } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, buildCheck, hadolintRule } from './refs';
import { baseInfo, contentEnd, foldStages, isShellless, makeFix, shellOffset } from './util';

export const rule: Rule = {
  meta: {
    id: 'json-args',
    technique: 'correctness',
    severity: 'warning',
    title: 'Use the JSON (exec) form for CMD and ENTRYPOINT',
    hadolint: ['DL3025'],
    buildChecks: ['JSONArgsRecommended'],
    references: [DOCS.cmd, DOCS.entrypoint, buildCheck('JSONArgsRecommended'), hadolintRule('DL3025')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes: 'Reports CMD and ENTRYPOINT written in shell form (`CMD node server.js`).',
    whyItMatters:
      'In shell form Docker runs `/bin/sh -c "<command>"`: the shell becomes PID 1 and does not forward SIGTERM, so `docker stop` waits ten seconds and then kills the app without a graceful shutdown. Shell-form ENTRYPOINT also ignores CMD and `docker run` arguments, and images without a shell (distroless, scratch) cannot run it at all. The JSON form starts the program directly.',
    before: String.raw`FROM node:22-slim
CMD node server.js
`,
    after: String.raw`FROM node:22-slim
CMD ["node", "server.js"]
`,
    fixSafety:
      'Safe when the command is one simple program call: no variables, globs, redirections, pipes or `&&` that need a shell. Then the JSON form runs the same program with the same arguments, now as PID 1 receiving signals. `exec` in front is dropped. An ENTRYPOINT is converted only when the stage has no CMD (the JSON form would start appending it). Otherwise reported without a fix; wrap the command in a script with `exec` at its end.',
    whenNotToUse:
      'When you need shell features in the command, the shell form is a conscious choice: write `CMD ["sh", "-c", "..."]` to make it explicit, or ignore the rule on that line.',
  },
  check(ctx) {
    const { model } = ctx;
    return foldStages<ShellFormState>(model, {
      start: (stage) => ({
        hasCmd: stage.instructions.some((i) => i.keyword === 'CMD'),
        shellless:
          'image' in stage.base || 'scratch' in stage.base ? isShellless(baseInfo(ctx, stage)) : false,
        // A custom SHELL (set here or inherited from the parent stage) is a deliberate choice of the
        // interpreter for shell form; BuildKit stays silent then.
        custom: isCustomShell(stage.parent != null ? model.stages[stage.parent]?.shell : undefined),
      }),
      step(state, i) {
        if (i.keyword === 'SHELL' && i.json) state.custom = isCustomShell(i.json);
        // hadolint's DL3025 also asks HEALTHCHECK CMD for the JSON form (BuildKit does not); a
        // command that needs the shell (`|| exit 1`) keeps it.
        if (
          i.keyword === 'HEALTHCHECK' &&
          i.form === 'shell' &&
          !state.custom &&
          /^\s*CMD\s+[^|&;<>$`]+$/i.test(i.argsAfterFlags)
        )
          return {
            span: i.span,
            message: 'HEALTHCHECK CMD in shell form runs under /bin/sh -c; use the JSON form.',
            aliases: ['DL3025'],
          };
        if (i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') return null;
        return shellForm(model, i as CmdLikeInstruction, state);
      },
    });
  },
};

interface ShellFormState {
  /** The stage has a CMD (an ENTRYPOINT's JSON form would change what it runs). */
  hasCmd: boolean;
  /** The stage's base image has no shell at all. */
  shellless: boolean;
  /** A non-default SHELL is in effect. */
  custom: boolean;
}

/** The report for a CMD or ENTRYPOINT in shell form, else null. */
function shellForm(
  model: DockerfileModel,
  ins: CmdLikeInstruction,
  state: ShellFormState,
): RuleReport | null {
  const { custom, shellless, hasCmd } = state;
  if (custom || ins.form !== 'shell' || ins.argsAfterFlags.trim() === '') return null;
  // Bracket text that is not valid JSON is broken-json-form's finding (a different consequence).
  if (ins.argsAfterFlags.trim().startsWith('[')) return null;
  // `CMD exec app`: the shell replaces itself with the app, which then receives SIGTERM.
  const execs = ins.shell?.commands.length === 1 && ins.shell.commands[0].name === 'exec';
  return {
    span: ins.span,
    message: execs
      ? `${ins.keyword} ${ins.argsAfterFlags.trim()} starts a shell that replaces itself with the app (which then receives SIGTERM)${shellless ? ', but this base image has no shell at all' : ''}; the JSON form does the same without the shell.`
      : `${ins.keyword} ${ins.argsAfterFlags.trim()} runs under /bin/sh -c, so the app does not receive SIGTERM${shellless ? ' — and this base image has no shell at all' : ''}; use the JSON form.`,
    fix: toJson(model, ins, ins.keyword === 'ENTRYPOINT' && hasCmd),
  };
}

function isCustomShell(shell: string[] | undefined): boolean {
  return !!shell && !(shell.length === 2 && shell[0] === '/bin/sh' && shell[1] === '-c');
}

function toJson(model: Parameters<Rule['check']>[0]['model'], ins: CmdLikeInstruction, blocked: boolean) {
  if (blocked || !ins.shell || ins.shell.skipped || ins.shell.commands.length !== 1) return null;
  const cmd = ins.shell.commands[0];
  if (
    !cmd.name ||
    cmd.nested ||
    cmd.redirects.length ||
    cmd.heredocs.length ||
    Object.keys(cmd.env ?? {}).length
  )
    return null;
  if (/[$`*?~\\;&|<>(){}[\]#]/.test(cmd.text)) return null;
  const words = cmd.name === 'exec' ? cmd.args : [cmd.name, ...cmd.args];
  if (words.length === 0) return null;
  const start = shellOffset(model, ins, 0);
  if (start === null) return null;
  const end = contentEnd(model, ins);
  const json = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
  return makeFix('Use the JSON form', 'safe', [{ start, end, text: json }]);
}
