// One instruction being interpreted (what every per-instruction handler receives) and the checks
// common to all keywords.
import type { Flag, Instruction, OtherInstruction } from '../model';
import type { LineTable } from './text';
import { KNOWN_KEYWORDS } from '../primitives/keywords';
import type { Lookup } from './variables';
import { suggestKeyword } from './suggest';
import { at } from './walk';
import type { RawInstruction, StateReader, SyntaxErr, WalkState } from './walk';

/** The fields every instruction has (see InstructionBase in model.ts). */
export type CommonFields = Omit<OtherInstruction, 'args'>;

/** One instruction being interpreted: its raw form, the walk's state and the common fields. */
export interface Interpretation {
  raw: RawInstruction;
  index: number;
  lines: LineTable;
  escape: string;
  /** The walk's state, read and changed by FROM, ARG, ENV, SHELL, WORKDIR and USER. */
  state: WalkState;
  /** How the other instructions read the state (recorded by the instruction memo). */
  reader: StateReader;
  errors: SyntaxErr[];
  /** False for an ONBUILD trigger: it changes no stage state. */
  topLevel: boolean;
  keyword: string;
  base: CommonFields;
  flags: Flag[];
  argsAfterFlags: string;
  json: string[] | null;
  lookup: Lookup;
  flagValue: (name: string) => string | null | undefined;
  expand: (word: string) => { value: string; unresolved: boolean };
  hasContent: boolean;
  /** Interprets an ONBUILD trigger in this instruction's place (passed in to keep the modules acyclic). */
  interpretTrigger: (trigger: RawInstruction) => Instruction;
}

/** Errors for an instruction without arguments, template syntax or an unknown keyword. */
export function checkKeyword(c: Interpretation, known: boolean): void {
  const { raw, lines, errors, keyword, hasContent } = c;
  if (known && !hasContent && keyword !== 'ONBUILD') {
    errors.push(at(raw.keywordSpan, lines, `${keyword} needs arguments: ${USAGE[keyword] ?? keyword}.`));
  }
  if (!known && /^[{<%]/.test(keyword)) {
    errors.push(
      at(
        raw.keywordSpan,
        lines,
        `"${keyword}" is template syntax, not a Dockerfile instruction: render the template first.`,
      ),
    );
  } else if (!known) {
    const guess = suggestKeyword(keyword);
    errors.push(
      at(
        raw.keywordSpan,
        lines,
        guess
          ? `Unknown instruction "${keyword}" (did you mean ${guess}?).`
          : `Unknown instruction "${keyword}". Dockerfile instructions are ${KNOWN_KEYWORDS.join(', ')}.`,
      ),
    );
  }
}

export const USAGE: Record<string, string> = {
  FROM: '`FROM image[:tag] [AS name]`',
  RUN: '`RUN command`',
  CMD: '`CMD ["executable", "arg"]`',
  LABEL: '`LABEL key=value`',
  MAINTAINER: '`MAINTAINER name`',
  EXPOSE: '`EXPOSE port[/protocol]`',
  ENV: '`ENV NAME=value`',
  ADD: '`ADD source... destination`',
  COPY: '`COPY source... destination`',
  ENTRYPOINT: '`ENTRYPOINT ["executable", "arg"]`',
  VOLUME: '`VOLUME ["/data"]`',
  USER: '`USER name[:group]`',
  WORKDIR: '`WORKDIR /path`',
  ARG: '`ARG NAME[=default]`',
  STOPSIGNAL: '`STOPSIGNAL SIGTERM`',
  HEALTHCHECK: '`HEALTHCHECK CMD command` or `HEALTHCHECK NONE`',
  SHELL: '`SHELL ["executable", "parameters"]`',
};
