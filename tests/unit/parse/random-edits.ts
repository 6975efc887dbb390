// Random edits of a Dockerfile's lines, seeded so a failure can be replayed: the edits the memo
// property tests (instruction memo, stage memo) apply to corpus files. Each edit is one a person or
// a fix makes: lines inserted, deleted or changed, a variable's value, a base image, a stage's
// name, a SHELL added, neighbouring instructions swapped.
import type { DockerfileModel } from '../../../src/engine/model';
import { parseDockerfile } from '../../../src/engine/parse/index';

/** A small seeded generator, so a failure can be replayed from its seed. */
export function random(start: number): () => number {
  let s = start >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export type Pick = () => number;
export const choose = <T>(items: readonly T[], pick: Pick): T => items[Math.floor(pick() * items.length)];

/** One random edit of a text's lines; null when the text offers no place for it. */
type Edit = (lines: string[], model: DockerfileModel, pick: Pick) => string | null;

const INSERTED = [
  '',
  '# a comment',
  'RUN echo inserted',
  'ENV INSERTED=1',
  'ARG V9=x',
  'WORKDIR sub',
  'LABEL a=b',
];

export const EDITS: Record<string, Edit> = {
  'insert a line': (lines, _m, pick) => {
    lines.splice(Math.floor(pick() * (lines.length + 1)), 0, choose(INSERTED, pick));
    return 'inserted';
  },
  'delete a line': (lines, _m, pick) =>
    lines.length > 1 ? lines.splice(Math.floor(pick() * lines.length), 1)[0] : null,
  'change a line': (lines, _m, pick) => {
    const at = Math.floor(pick() * lines.length);
    lines[at] = pick() < 0.5 ? `${lines[at]} x` : choose(lines, pick);
    return lines[at];
  },
  'change a variable': (lines, model, pick) => {
    const pairs = model.instructions.flatMap((ins) =>
      ins.keyword === 'ARG' || ins.keyword === 'ENV'
        ? (ins as { pairs: { key: string; value: string | null }[] }).pairs
            .filter((p) => p.key && p.value !== null)
            .map((p) => ({ line: ins.span.line - 1, key: p.key }))
        : [],
    );
    if (pairs.length === 0) return null;
    const { line, key } = choose(pairs, pick);
    if (!lines[line].includes(`${key}=`)) return null;
    lines[line] = lines[line].replace(`${key}=`, `${key}=v2`);
    return key;
  },
  'change a base image': (lines, model, pick) => {
    if (model.stages.length === 0) return null;
    const from = choose(model.stages, pick).from;
    if (from.span.line < 1) return null;
    const line = from.span.line - 1;
    if (!from.image || !lines[line].includes(from.image)) return null;
    lines[line] = lines[line].replace(
      from.image,
      choose(['alpine:3.20', 'debian:12-slim', 'scratch', 'builder'], pick),
    );
    return lines[line];
  },
  'rename a stage': (lines, model, pick) => {
    const named = model.stages.filter((s) => s.name && s.from.span.line >= 1);
    if (named.length === 0) return null;
    const line = choose(named, pick).from.span.line - 1;
    lines[line] = lines[line].replace(/(\s[Aa][Ss]\s+)(\S+)/, '$1$2x');
    return lines[line];
  },
  'add a SHELL': (lines, model, pick) => {
    const froms = model.stages.filter((s) => s.from.span.line >= 1);
    if (froms.length === 0) return null;
    const line = choose(froms, pick).from.span.endLine;
    lines.splice(line, 0, 'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]');
    return 'SHELL';
  },
  'swap two instructions': (lines, model, pick) => {
    const pairs = model.instructions
      .slice(0, -1)
      .map((a, i) => [a, model.instructions[i + 1]] as const)
      .filter(([a, b]) => a.stage === b.stage && a.keyword !== 'FROM');
    if (pairs.length === 0) return null;
    const [a, b] = choose(pairs, pick);
    const first = lines.slice(a.span.line - 1, a.span.endLine);
    const second = lines.slice(b.span.line - 1, b.span.endLine);
    const between = lines.slice(a.span.endLine, b.span.line - 1);
    lines.splice(a.span.line - 1, b.span.endLine - a.span.line + 1, ...second, ...between, ...first);
    return `${a.keyword}/${b.keyword}`;
  },
};

/** Applies one to three random edits; returns the edited text and what was done. */
export function edited(
  text: string,
  pick: Pick,
  names = Object.keys(EDITS),
): { text: string; what: string } | null {
  let current = text;
  const done: string[] = [];
  const count = 1 + Math.floor(pick() * 3);
  for (let i = 0; i < count; i++) {
    const name = choose(names, pick);
    const lines = current.split('\n');
    const detail = EDITS[name](lines, parseDockerfile(current), pick);
    if (detail === null) continue;
    current = lines.join('\n');
    done.push(`${name} (${detail.slice(0, 40)})`);
  }
  return done.length > 0 && current !== text ? { text: current, what: done.join(', ') } : null;
}
