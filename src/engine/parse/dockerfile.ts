// Dockerfile text → DockerfileModel. dockerfile-ast finds the instructions, their keywords and the
// parser directives; everything else (argument text, flags, heredocs, variables, spans) is computed
// from the original text (read.ts, interpret.ts and the handlers in instructions/), so offsets are
// exact and the work stays linear.
import type { Dockerfile as AstDockerfile } from 'dockerfile-ast';
import type { ArgInstruction, DockerfileModel, Instruction } from '../model';
import { LineTable } from './text';
import { finishStages } from './stages';
import { looksBinary, tooManyInstructions } from './input-checks';
import { commentsAbove, readComments, readDirectives, readInstructions } from './read';
import { at, startWalk, stateReader, stageStateToStage, startImplicitStage } from './walk';
import type { RawInstruction, SyntaxErr, WalkState } from './walk';
import { interpret } from './interpret';
import { parseAst } from './ast';
import { memoizedInstruction } from './instruction-memo';
import { shellParserReady } from './shell';

export { MAX_INSTRUCTIONS } from './input-checks';

export function emptyModel(text: string, lineStarts: number[]): DockerfileModel {
  return {
    text,
    lineStarts,
    directives: { syntax: null, escape: '\\', check: null, all: [] },
    globalArgs: [],
    instructions: [],
    stages: [],
    syntaxErrors: [],
    globalIgnores: [],
    comments: [],
  };
}

export function buildModel(text: string): DockerfileModel {
  const lines = new LineTable(text);
  const model = emptyModel(text, lines.starts);
  const garbage = looksBinary(text) ?? tooManyInstructions(lines);
  if (garbage) {
    model.syntaxErrors.push({ line: garbage.line, column: garbage.column, message: garbage.message });
    return model;
  }
  let ast: AstDockerfile;
  try {
    ast = parseAst(text);
  } catch (error) {
    model.syntaxErrors.push({
      line: 1,
      column: 1,
      message: `The Dockerfile could not be read: ${String(error)}`,
    });
    return model;
  }
  model.directives = readDirectives(ast, lines);
  const escape = model.directives.escape;
  const errors: SyntaxErr[] = [];
  const raws = readInstructions(ast, lines, escape, errors);
  const state = startWalk(raws, escape);
  const { sawFrom, beforeFrom } = walkInstructions(model, raws, lines, escape, state, errors);
  checkFromOrder(model, sawFrom, beforeFrom, lines, errors);
  for (const s of state.stages) stageStateToStage(s);
  model.stages = state.stages.map((s) => s.stage);
  finishStages(model);
  const { comments, globalIgnores } = readComments(lines, raws);
  model.comments = comments;
  model.globalIgnores = globalIgnores;
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  model.syntaxErrors = errors;
  return model;
}

/**
 * Interprets the instructions in order, filing each under its stage (and global ARGs apart).
 * Returns whether a FROM was seen and the instructions other than ARG that came before it.
 */
function walkInstructions(
  model: DockerfileModel,
  raws: RawInstruction[],
  lines: LineTable,
  escape: string,
  state: WalkState,
  errors: SyntaxErr[],
): { sawFrom: boolean; beforeFrom: Instruction[] } {
  let sawFrom = false;
  const beforeFrom: Instruction[] = [];
  let previousEnd = -1;
  const hasFrom = raws.some((r) => r.keyword === 'FROM');
  const keyOptions = { escape, parser: shellParserReady() ? 'tree-sitter' : 'fallback' };
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    // A snippet without any FROM is linted as one stage with no base image, as hadolint does.
    if (!hasFrom && !state.stage && raw.keyword !== 'ARG') startImplicitStage(raw, lines, state);
    const instruction = memoizedInstruction(
      raw,
      i,
      lines,
      keyOptions,
      stateReader(state),
      errors,
      (reader, out) => interpret(raw, i, lines, escape, state, out, true, reader),
    );
    instruction.commentsAbove = commentsAbove(lines, raw.firstLine, previousEnd);
    previousEnd = raw.lastLine;
    model.instructions.push(instruction);
    if (instruction.stage >= 0) state.stages[instruction.stage]?.stage.instructions.push(instruction);
    if (instruction.keyword === 'FROM') sawFrom = true;
    else if (!sawFrom && instruction.keyword === 'ARG') model.globalArgs.push(instruction as ArgInstruction);
    else if (!sawFrom && instruction.known) beforeFrom.push(instruction);
  }
  return { sawFrom, beforeFrom };
}

/** An empty file, instructions before the first FROM, or no FROM at all. */
function checkFromOrder(
  model: DockerfileModel,
  sawFrom: boolean,
  beforeFrom: Instruction[],
  lines: LineTable,
  errors: SyntaxErr[],
): void {
  if (model.instructions.length === 0) {
    errors.push({
      line: 1,
      column: 1,
      message:
        'The Dockerfile is empty: it needs at least a FROM instruction (for example `FROM alpine:3.20`).',
    });
  } else if (sawFrom) {
    for (const instruction of beforeFrom) {
      errors.push(
        at(
          instruction.keywordSpan,
          lines,
          `${instruction.keyword} comes before the first FROM; only ARG may appear there (and parser directives or comments).`,
        ),
      );
    }
  } else {
    const first = model.instructions[0];
    errors.push(
      at(
        first.keywordSpan,
        lines,
        'There is no FROM instruction: a Dockerfile must start from a base image (FROM).',
      ),
    );
  }
}
