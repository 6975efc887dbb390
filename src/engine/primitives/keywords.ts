// Dockerfile instruction keywords: the one list, and the groups the parser, rules and rewriter ask
// about.
import type { Keyword } from '../model';

/** Every instruction Docker knows, in the order of the Dockerfile reference. */
export const KNOWN_KEYWORDS = [
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
] as const satisfies readonly Keyword[];

const KNOWN = new Set<string>(KNOWN_KEYWORDS);

/** True for a keyword Docker knows (upper case). */
export function isKnownKeyword(word: string): word is Keyword {
  return KNOWN.has(word);
}

/** Instructions whose arguments may be a JSON array (exec form). */
export const JSON_FORM_KEYWORDS: ReadonlySet<string> = new Set([
  'RUN',
  'CMD',
  'ENTRYPOINT',
  'SHELL',
  'COPY',
  'ADD',
  'VOLUME',
]);

/** Instructions that may carry heredocs. */
export const HEREDOC_KEYWORDS: ReadonlySet<string> = new Set(['RUN', 'COPY', 'ADD']);

/** Instructions that take --flags. */
export const FLAG_KEYWORDS: ReadonlySet<string> = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);

/** The keywords that describe the running container (kept in the final stage, not the builder). */
export const RUNTIME_KEYWORDS: ReadonlySet<string> = new Set([
  'CMD',
  'ENTRYPOINT',
  'EXPOSE',
  'HEALTHCHECK',
  'VOLUME',
  'STOPSIGNAL',
  'LABEL',
  'MAINTAINER',
]);

/** Programs that are shells, by path or name: a command they run with `-c` is shell text. */
export const POSIX_SHELLS = /(^|\/)(sh|bash|ash|dash|zsh|ksh|mksh|busybox)$/;
export const POWERSHELL = /(^|[\\/])(powershell|pwsh)(\.exe)?$/i;
export const CMD_EXE = /(^|[\\/])cmd(\.exe)?$/i;
