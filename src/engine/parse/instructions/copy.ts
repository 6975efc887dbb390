// COPY and ADD: sources, destination, --from (a stage by name or index, or an image) and flags.
import type { CopyInstruction } from '../../model';
import { processWord, splitWords } from '../variables';
import { at } from '../walk';
import type { Interpretation } from '../interpretation';

export const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz4)$/i;
export const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;

export function interpretCopy(c: Interpretation): CopyInstruction {
  const { base, flags, flagValue } = c;
  const keyword = c.keyword as 'COPY' | 'ADD';
  const words = copyWords(c, keyword);
  const destination = words.length > 0 ? words[words.length - 1].value : '';
  const sourceWords = words.slice(0, -1);
  const sources = sourceWords.map((w) => w.value);
  const fromRaw = flagValue('from') ?? null;
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
    from: fromRaw === null ? null : copyFrom(fromRaw, c),
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

/** The sources and the destination as written and expanded; fewer than two is an error. */
function copyWords(c: Interpretation, keyword: 'COPY' | 'ADD'): { raw: string; value: string }[] {
  const { json, escape, lookup, argsAfterFlags, raw, lines, errors } = c;
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
  return words;
}

/** `--from=`: a stage by name (earlier or later) or by the index of an earlier one, else an image. */
function copyFrom(fromRaw: string, c: Interpretation): NonNullable<CopyInstruction['from']> {
  return c.reader.copySource(processWord(fromRaw, c.escape, c.lookup).value);
}
