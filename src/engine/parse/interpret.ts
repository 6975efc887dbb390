// Raw instruction → Instruction: the fields every instruction has, then its keyword's handler.
import type { Instruction } from '../model';
import { toOriginal } from './text';
import type { LineTable } from './text';
import { scanFlags } from './flags';
import { FLAG_KEYWORDS, isKnownKeyword, JSON_FORM_KEYWORDS } from '../primitives/keywords';
import { processWord } from './variables';
import type { Lookup } from './variables';
import { looksLikeJson, parseJsonForm } from './json-form';
import { at, stateReader } from './walk';
import type { RawInstruction, StateReader, SyntaxErr, WalkState } from './walk';
import { checkKeyword } from './interpretation';
import type { Interpretation } from './interpretation';
import { interpretFrom } from './instructions/from';
import { interpretCommand, interpretRun } from './instructions/run';
import { interpretCopy } from './instructions/copy';
import { interpretArg, interpretEnv, interpretLabel } from './instructions/key-values';
import { interpretHealthcheck } from './instructions/healthcheck';
import { interpretOnbuild } from './instructions/onbuild';
import { interpretOther } from './instructions/other';

export function interpret(
  raw: RawInstruction,
  index: number,
  lines: LineTable,
  escape: string,
  state: WalkState,
  errors: SyntaxErr[],
  topLevel: boolean,
  reader: StateReader = stateReader(state),
): Instruction {
  const keyword = raw.keyword;
  const known = isKnownKeyword(keyword);
  const flagScan = FLAG_KEYWORDS.has(keyword)
    ? scanFlags(raw.args, escape, lines, raw.logical, raw.argsAt)
    : null;
  const flags = flagScan?.flags ?? [];
  const argsAfterFlags = flagScan ? raw.args.slice(flagScan.rest) : raw.args;
  const afterFlagsAt = raw.argsAt + (flagScan?.rest ?? 0);
  const { form, json } = readForm(raw, argsAfterFlags, lines, errors);
  const argsStartOffset = toOriginal(raw.logical, raw.argsAt);
  const base = {
    index,
    keyword,
    known,
    stage: reader.stage,
    span: lines.span(raw.start, raw.end),
    keywordSpan: raw.keywordSpan,
    raw: lines.text.slice(raw.start, raw.end),
    argsText: raw.args,
    argsAfterFlags,
    flags,
    form,
    json,
    heredocs: raw.heredocs,
    commentsAbove: [] as string[],
    argsSpan: raw.args === '' && raw.heredocs.length === 0 ? null : lines.span(argsStartOffset, raw.end),
    argsAfterFlagsStart: toOriginal(raw.logical, afterFlagsAt),
  };
  const lookup: Lookup = reader.lookup;
  const flagValue = (name: string) => {
    const f = flags.find((x) => x.name === name);
    if (!f) return undefined;
    return f.value;
  };
  const expand = (word: string) => processWord(word, escape, lookup);
  const hasContent = argsAfterFlags !== '' || raw.heredocs.length > 0;
  const c: Interpretation = {
    raw,
    index,
    lines,
    escape,
    state,
    reader,
    errors,
    topLevel,
    keyword,
    base,
    flags,
    argsAfterFlags,
    json,
    lookup,
    flagValue,
    expand,
    hasContent,
    interpretTrigger: (trigger) => interpret(trigger, index, lines, escape, state, errors, false, reader),
  };
  checkKeyword(c, known);
  return (INTERPRETERS[keyword] ?? interpretOther)(c);
}

/**
 * Exec (JSON) or shell form, for the keywords that have both; text that looks like JSON but is
 * not valid JSON runs as a shell command, which is reported (COPY and ADD take it as paths).
 */
function readForm(
  raw: RawInstruction,
  argsAfterFlags: string,
  lines: LineTable,
  errors: SyntaxErr[],
): { form: Instruction['form']; json: string[] | null } {
  const keyword = raw.keyword;
  if (!JSON_FORM_KEYWORDS.has(keyword)) return { form: 'none', json: null };
  const json = parseJsonForm(argsAfterFlags);
  if (!json && looksLikeJson(argsAfterFlags) && keyword !== 'COPY' && keyword !== 'ADD') {
    errors.push(
      at(
        raw.keywordSpan,
        lines,
        `${keyword} looks like the JSON (exec) form but is not valid JSON (use double quotes and commas: ["a", "b"]); Docker will run it as a shell command instead.`,
      ),
    );
  }
  return { form: json ? 'json' : 'shell', json };
}

/** The interpreter of each instruction (the others: `interpretOther`). */
export const INTERPRETERS: Record<string, (c: Interpretation) => Instruction> = {
  FROM: interpretFrom,
  RUN: interpretRun,
  CMD: interpretCommand,
  ENTRYPOINT: interpretCommand,
  COPY: interpretCopy,
  ADD: interpretCopy,
  ENV: interpretEnv,
  ARG: interpretArg,
  LABEL: interpretLabel,
  HEALTHCHECK: interpretHealthcheck,
  ONBUILD: interpretOnbuild,
};
