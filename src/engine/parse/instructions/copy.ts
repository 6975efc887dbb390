// COPY and ADD: sources, destination, --from (a stage by name or index, or an image) and flags.
import type { CopyInstruction, Instruction } from '../../model';
import type { LineTable } from '../text';
import { processWord, splitWords } from '../variables';
import type { Lookup } from '../variables';
import { at } from '../walk';
import type { RawInstruction, SyntaxErr, WalkState } from '../walk';
import type { Interpretation } from '../interpretation';

export const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz4)$/i;
export const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;

export function interpretCopy(c: Interpretation): Instruction {
  const { raw, lines, escape, state, errors, keyword, base, flags, argsAfterFlags, json, lookup, flagValue } =
    c;
  return copyInstruction(
    base,
    keyword as 'COPY' | 'ADD',
    argsAfterFlags,
    json,
    flagValue,
    flags,
    state,
    escape,
    lookup,
    raw,
    lines,
    errors,
  );
}

export function copyInstruction(
  base: Omit<
    CopyInstruction,
    | 'keyword'
    | 'sources'
    | 'destination'
    | 'from'
    | 'fromRaw'
    | 'chown'
    | 'chmod'
    | 'link'
    | 'remoteSources'
    | 'archiveSources'
  >,
  keyword: 'COPY' | 'ADD',
  argsAfterFlags: string,
  json: string[] | null,
  flagValue: (name: string) => string | null | undefined,
  flags: Instruction['flags'],
  state: WalkState,
  escape: string,
  lookup: Lookup,
  raw: RawInstruction,
  lines: LineTable,
  errors: SyntaxErr[],
): CopyInstruction {
  let words: { raw: string; value: string }[];
  if (json)
    words = json.map((w) => ({
      raw: w,
      value: processWord(w, escape, lookup, { removeQuotes: false }).value,
    }));
  else words = splitWords(argsAfterFlags, escape, lookup).map((w) => ({ raw: w.raw, value: w.result.value }));
  if (words.length < 2 && raw.heredocs.length === 0 && argsAfterFlags !== '') {
    errors.push(
      at(
        raw.keywordSpan,
        lines,
        `${keyword} needs at least one source and a destination: \`${keyword} src dest\`.`,
      ),
    );
  }
  const destination = words.length > 0 ? words[words.length - 1].value : '';
  const sourceWords = words.slice(0, -1);
  const sources = sourceWords.map((w) => w.value);
  const fromRaw = flagValue('from') ?? null;
  let from: CopyInstruction['from'] = null;
  if (fromRaw !== null) {
    const value = processWord(fromRaw, escape, lookup).value;
    const lower = value.toLowerCase();
    const current = state.stage?.stage.index ?? 0;
    const byName = state.stages.find((s) => s.stage.name !== null && s.stage.name.toLowerCase() === lower);
    // BuildKit also resolves names of later stages (it builds the graph first).
    const later = byName ? undefined : state.names.get(lower);
    if (byName && byName.stage.index !== current) from = { stage: byName.stage.index };
    else if (later !== undefined && later > current) from = { stage: later };
    else if (/^\d+$/.test(value) && Number(value) < current) from = { stage: Number(value) };
    else from = { image: value };
  }
  const link = flags.find((f) => f.name === 'link');
  const remoteSources =
    keyword === 'ADD'
      ? sources.filter((s) => REMOTE.test(s) || (/\.git(#.*)?$/.test(s) && /^[a-z]+:\/\//i.test(s)))
      : [];
  const archiveSources = keyword === 'ADD' ? sources.filter((s) => !REMOTE.test(s) && ARCHIVE.test(s)) : [];
  const parents = flags.find((f) => f.name === 'parents');
  return {
    ...base,
    keyword,
    sources,
    destination,
    from,
    fromRaw,
    chown: flagValue('chown') ?? null,
    chmod: flagValue('chmod') ?? null,
    link: link ? link.value === null || link.value === 'true' : false,
    remoteSources,
    archiveSources,
    excludes: flags.filter((f) => f.name === 'exclude' && f.value !== null).map((f) => f.value as string),
    parents: parents ? parents.value === null || parents.value === 'true' : false,
    checksum: flagValue('checksum') ?? null,
    sourcesRaw: sourceWords.map((w) => w.raw),
  };
}
