// RUN (mounts, network, security and its shell script) and CMD / ENTRYPOINT (shell form parsed,
// no effects).
import type { Instruction, Mount, RunInstruction } from '../../model';
import { toOriginal } from '../text';
import { parseMount } from '../flags';
import { emptyScript } from '../shell';
import { runScript } from '../run-script';
import { safeShell } from '../shell-script';
import type { Interpretation } from '../interpretation';

export function interpretRun(c: Interpretation): Instruction {
  const { raw, lines, escape, reader, flags, argsAfterFlags, lookup, flagValue, base } = c;
  const mounts: Mount[] = flags
    .filter((f) => f.name === 'mount' && f.value)
    .map((f) => parseMount(f.value as string, escape, lookup));
  const run: RunInstruction = {
    ...base,
    keyword: 'RUN',
    mounts,
    network: flagValue('network') ?? null,
    security: flagValue('security') ?? null,
    shell: emptyScript(argsAfterFlags),
  };
  run.shell = runScript(run, raw, reader, lines);
  return run;
}

export function interpretCommand(c: Interpretation): Instruction {
  const { raw, lines, reader, keyword, argsAfterFlags, json, base } = c;
  const shift = raw.args.length - argsAfterFlags.length;
  const shell = json
    ? null
    : safeShell(
        argsAfterFlags,
        reader,
        { effects: false, mapOffset: (o) => toOriginal(raw.logical, raw.argsAt + shift + o) },
        lines,
      );
  return { ...base, keyword: keyword as 'CMD' | 'ENTRYPOINT', shell };
}
