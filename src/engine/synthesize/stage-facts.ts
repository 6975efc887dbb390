// Reading a single-stage Dockerfile: model access and what the final image promises.
import type {
  CopyInstruction,
  DockerfileModel,
  FromInstruction,
  Instruction,
  OtherInstruction,
  RunInstruction,
  ShellCommand,
  Stage,
} from '../model';
import { type ImageParts, splitImage } from './images';
import { basename, dirname, resolvePath } from '../primitives/paths';
import { programName, commandWords, programWords } from '../primitives/commands';
import { lastOf } from '../primitives/stages';

export { programName, commandWords, programWords, lastOf };

// Model access

export function isRun(i: Instruction): i is RunInstruction {
  return i.keyword === 'RUN';
}

export function isCopy(i: Instruction): i is CopyInstruction {
  return i.keyword === 'COPY' || i.keyword === 'ADD';
}

/** Arguments of WORKDIR/USER/EXPOSE/... (the parser's resolved list, or a split of the text). */
export function simpleArgs(i: Instruction): string[] {
  const args = (i as OtherInstruction).args;
  if (Array.isArray(args) && args.length) return args;
  return i.argsAfterFlags.trim().split(/\s+/).filter(Boolean);
}

/** Every command of every RUN of the stage, with the RUN it belongs to. */
export function stageCommands(stage: Stage): { run: RunInstruction; cmd: ShellCommand; index: number }[] {
  const out: { run: RunInstruction; cmd: ShellCommand; index: number }[] = [];
  for (const ins of stage.instructions) {
    if (!isRun(ins) || !ins.shell) continue;
    ins.shell.commands.forEach((cmd, index) => out.push({ run: ins, cmd, index }));
  }
  return out;
}

/** Arguments without options ('-y', '--no-cache'): the positional words. */
export function positional(args: string[]): string[] {
  return args.filter((a) => !a.startsWith('-'));
}

export { basename, dirname, resolvePath };

/** True for `COPY . <dest>` / `ADD . <dest>`: the whole build context. */
export function copiesWholeContext(c: CopyInstruction): boolean {
  return c.from === null && c.sources.some((s) => s === '.' || s === './' || s === '*' || s === './*');
}

/** The working directory in effect at each instruction of the stage (resolved, absolute or null). */
export function workdirs(stage: Stage): Map<Instruction, string | null> {
  const out = new Map<Instruction, string | null>();
  let wd: string | null = null;
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') {
      const arg = simpleArgs(ins)[0];
      if (arg) wd = resolvePath(wd, arg.replace(/^["']|["']$/g, ''));
    }
    out.set(ins, wd);
  }
  return out;
}

/** A shell-form command that is a plain list of words: safe to write as exec form. */
export function isSimpleShellCommand(text: string): boolean {
  return !/[|&;<>()$`\\"'*?[\]{}~#=]/.test(text) && text.trim().length > 0;
}

// ---------------------------------------------------------------------------------------------
// What the final image promises (carried verbatim into the runtime stage)

export interface StageFacts {
  model: DockerfileModel;
  stage: Stage;
  from: FromInstruction;
  image: ImageParts;
  /** The base image as resolved (ARGs substituted) or as written. */
  baseRef: string;
  /** The base image as written (global ARGs are kept, so `golang:${GO_VERSION}` stays usable). */
  builderRef: string;
  workdir: string | null;
  cmd: Instruction | null;
  entrypoint: Instruction | null;
  user: Instruction | null;
  /** Effective program words: ENTRYPOINT + CMD (CMD alone when there is no ENTRYPOINT). */
  runWords: string[] | null;
  commands: { run: RunInstruction; cmd: ShellCommand; index: number }[];
  copies: CopyInstruction[];
}

/** The single stage a synthesizer can restructure, or null (already multi-stage, no stage...). */
export function singleStageFacts(model: DockerfileModel): StageFacts | null {
  if (model.stages.length !== 1) return null;
  const stage = model.stages[0];
  if (!('image' in stage.base)) return null;
  if (stage.instructions.some((i) => i.keyword === 'ONBUILD')) return null;
  const from = stage.from;
  const baseRef = from.resolvedImage ?? from.image;
  if (/\$/.test(baseRef)) return null;
  const cmd = lastOf(stage, 'CMD');
  const entrypoint = lastOf(stage, 'ENTRYPOINT');
  const ep = commandWords(entrypoint);
  const cw = commandWords(cmd);
  return {
    model,
    stage,
    from,
    image: splitImage(baseRef),
    baseRef,
    builderRef: from.image,
    workdir: stage.workdir ?? workdirs(stage).get(stage.instructions[stage.instructions.length - 1]) ?? null,
    cmd,
    entrypoint,
    user: lastOf(stage, 'USER'),
    runWords: ep ? [...ep, ...(cw ?? [])] : cw,
    commands: stageCommands(stage),
    copies: stage.instructions.filter(isCopy),
  };
}
