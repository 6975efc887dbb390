// dockerfile-ast, for what the parser takes from it: where each instruction starts and ends, its
// keyword, and the parser directives. Its RUN, COPY, ADD, CMD, ENTRYPOINT, SHELL and VOLUME
// classes read their JSON arguments and flags as soon as they are built (about a tenth of a
// parse, measured), and read.ts never asks for either: those keywords are built here as the
// library's plain Instruction, which has the same ranges, keyword and arguments (the library's
// heredoc detection reads the arguments, and flags never start with `<<`). ONBUILD keeps its own
// class: onbuild.ts asks it for its trigger.
import { Instruction } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast/lib/dockerfile.js';
import { Parser } from 'dockerfile-ast/lib/parser.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The keywords whose library classes parse their arguments eagerly. */
const EAGER = new Set(['RUN', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME']);

/** The parser's private state and the instance method every instruction goes through. */
interface ParserInternals {
  document: TextDocument;
  escapeChar: string;
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
  internals.createInstruction = function (dockerfile, instruction, start, instructionEnd, end) {
    if (!EAGER.has(instruction.toUpperCase()))
      return inherited.call(this, dockerfile, instruction, start, instructionEnd, end);
    const doc = this.document;
    const startPosition = doc.positionAt(start);
    const instructionRange = { start: startPosition, end: doc.positionAt(instructionEnd) };
    const lineRange = { start: startPosition, end: doc.positionAt(end) };
    return new Instruction(doc, lineRange, dockerfile, this.escapeChar, instruction, instructionRange);
  };
  return parser.parse(text);
}
