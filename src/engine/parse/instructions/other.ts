// The other instructions (SHELL, WORKDIR, USER, EXPOSE, VOLUME, …): their words, and the stage
// state SHELL, WORKDIR and USER change.
import type { Instruction } from '../../model';
import { normalizePath } from '../../primitives/paths';
import { processWord, splitWords } from '../variables';
import type { Lookup } from '../variables';
import { at } from '../walk';
import type { Interpretation } from '../interpretation';

export function interpretOther(c: Interpretation): Instruction {
  const { raw, lines, escape, state, errors, topLevel, keyword, argsAfterFlags, json, lookup, base } = c;
  const args = otherArgs(keyword, argsAfterFlags, json, escape, lookup);
  if (keyword === 'SHELL') {
    if (!json && argsAfterFlags !== '') {
      errors.push(
        at(
          raw.keywordSpan,
          lines,
          'SHELL must use the JSON form, e.g. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
        ),
      );
    } else if (json && json.length === 0) {
      errors.push(at(raw.keywordSpan, lines, 'SHELL needs at least the shell executable.'));
    } else if (json && topLevel && state.stage) state.stage.shell = json;
  }
  if (topLevel && state.stage) {
    if (keyword === 'WORKDIR' && args[0]) {
      // An unresolved variable at the start (`$HOME/app`) may be absolute: keep it as written.
      const unresolvedStart = /^\$/.test(args[0]) && processWord(argsAfterFlags, escape, lookup).unresolved;
      state.stage.stage.workdir = unresolvedStart ? args[0] : joinPath(state.stage.stage.workdir, args[0]);
    }
    if (keyword === 'USER' && args[0]) state.stage.stage.user = args[0];
  }
  return { ...base, args };
}

export function otherArgs(
  keyword: string,
  text: string,
  json: string[] | null,
  escape: string,
  lookup: Lookup,
): string[] {
  if (json) return json.map((w) => processWord(w, escape, lookup, { removeQuotes: false }).value);
  switch (keyword) {
    case 'MAINTAINER':
      return text ? [text] : [];
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL': {
      const v = processWord(text, escape, lookup).value;
      return v ? [v] : [];
    }
    default:
      return splitWords(text, escape, lookup).map((w) => w.result.value);
  }
}

/** Joins a WORKDIR onto the previous one (relative paths are relative to it, '/' by default). */
export function joinPath(previous: string | null, path: string): string {
  const combined = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) ? path : `${previous ?? '/'}/${path}`;
  return /^[A-Za-z]:/.test(combined) ? combined : normalizePath(combined);
}
