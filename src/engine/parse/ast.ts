// dockerfile-ast, for what the parser takes from it: where each instruction starts and ends, its
// keyword, and the parser directives. Its RUN, COPY, ADD, CMD, ENTRYPOINT, SHELL and VOLUME
// classes read their JSON arguments and flags as soon as they are built, ARG its name and value
// (together about a tenth of a parse, measured), and read.ts never asks for any of it: those
// keywords are built here as the library's plain Instruction, which has the same ranges, keyword
// and arguments (the library's heredoc detection reads the arguments, and flags never start with
// `<<`). ONBUILD keeps its own class: onbuild.ts asks it for its trigger.
//
// The library also splits every RUN, COPY and ADD into arguments to look for heredoc words
// (`<<EOF`), a sixth of a parse; an instruction without any `<` in its text has none, so that
// search is skipped for it.
import { Instruction } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast/lib/dockerfile.js';
import { Parser } from 'dockerfile-ast/lib/parser.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The keywords whose library classes parse their arguments eagerly. */
const EAGER = new Set(['RUN', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'ARG']);

/** The parser's private state and the instance method every instruction goes through. */
interface ParserInternals {
  document: TextDocument;
  buffer: string;
  escapeChar: string;
  processHeredocs(instruction: Instruction, offset: number): number;
  createInstruction(
    dockerfile: Dockerfile,
    instruction: string,
    start: number,
    instructionEnd: number,
    end: number,
  ): Instruction;
}

/** DockerfileParser.parse, with plain instructions for the eager keywords. */
export function parseAst(text: string): Dockerfile {
  const parser = new Parser();
  const internals = parser as unknown as ParserInternals;
  const inherited = internals.createInstruction;
  /** Where each instruction built lies in the text, for the heredoc search below. */
  const extents = new WeakMap<Instruction, { start: number; end: number }>();
  internals.createInstruction = function (dockerfile, instruction, start, instructionEnd, end) {
    const keyword = instruction.toUpperCase();
    let built: Instruction;
    if (!EAGER.has(keyword))
      built = inherited.call(this, dockerfile, instruction, start, instructionEnd, end);
    else {
      const doc = this.document;
      const startPosition = doc.positionAt(start);
      const instructionRange = { start: startPosition, end: doc.positionAt(instructionEnd) };
      const lineRange = { start: startPosition, end: doc.positionAt(end) };
      built = new Instruction(doc, lineRange, dockerfile, this.escapeChar, instruction, instructionRange);
    }
    if (keyword !== 'ONBUILD') extents.set(built, { start, end });
    return built;
  };
  const heredocs = internals.processHeredocs;
  // The first `<` at or after `searchedFrom` (-1: none): instructions come in text order, so the
  // text is scanned once, not once per instruction.
  let searchedFrom = Infinity;
  let less = -1;
  internals.processHeredocs = function (instruction, offset) {
    const extent = extents.get(instruction);
    if (extent) {
      if (extent.start < searchedFrom || (less >= 0 && less < extent.start)) {
        searchedFrom = extent.start;
        less = this.buffer.indexOf('<', extent.start);
      }
      if (less < 0 || less >= extent.end) return offset; // no `<<` word: nothing to skip
    }
    return heredocs.call(this, instruction, offset);
  };
  return parser.parse(text);
}
