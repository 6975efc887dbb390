// Reading the text: parser directives, each instruction's raw form (logical line, heredoc bodies)
// and the comments between instructions.
import type { Instruction as AstInstruction, Dockerfile as AstDockerfile } from 'dockerfile-ast';
import type { Directives, Instruction } from '../model';
import { joinLogicalLine, toOriginal } from './text';
import type { LineTable } from './text';
import { HEREDOC_KEYWORDS } from '../primitives/keywords';
import { findHeredocMarkers, scanHeredocBodies } from './heredocs';
import type { HeredocMarker } from './heredocs';
import type { RawInstruction, SyntaxErr } from './walk';

export const DIRECTIVE = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;

/**
 * Parser directives: `# name=value` lines at the very top, before any blank line, other comment
 * or instruction (BuildKit's rule). The escape character is taken from dockerfile-ast so that its
 * instruction boundaries and our reading agree.
 */
export function readDirectives(ast: AstDockerfile, lines: LineTable): Directives {
  const directives: Directives = { syntax: null, escape: '\\', check: null, all: [] };
  for (let l = 0; l < lines.count && l < 100; l++) {
    let content = lines.line(l);
    if (l === 0 && content.charCodeAt(0) === 0xfeff) content = content.slice(1);
    const m = DIRECTIVE.exec(content);
    // Blank lines before the first directive are skipped (BuildKit's own tests start with one).
    if (!m && content.trim() === '' && directives.all.length === 0) continue;
    if (!m) break;
    const name = m[1].toLowerCase();
    if (directives.all.some((d) => d.name === name)) break;
    directives.all.push({ name, value: m[2], line: l + 1 });
    if (name === 'syntax') directives.syntax = m[2];
    if (name === 'check') directives.check = m[2];
  }
  try {
    directives.escape = ast.getEscapeCharacter() === '`' ? '`' : '\\';
  } catch {
    // keep the default
  }
  return directives;
}

export function readInstructions(
  ast: AstDockerfile,
  lines: LineTable,
  escape: string,
  errors: SyntaxErr[],
): RawInstruction[] {
  const raws: RawInstruction[] = [];
  let list: AstInstruction[] = [];
  try {
    list = ast.getInstructions();
  } catch {
    list = [];
  }
  let consumedUntil = -1; // last 0-based line used by the previous instruction
  for (const node of list) {
    try {
      const raw = readInstruction(node, lines, escape, errors, consumedUntil);
      if (!raw) continue;
      raws.push(raw);
      consumedUntil = raw.lastLine;
    } catch {
      // an instruction dockerfile-ast could not describe: skip it
    }
  }
  return raws;
}

export function readInstruction(
  node: AstInstruction,
  lines: LineTable,
  escape: string,
  errors: SyntaxErr[],
  consumedUntil: number,
): RawInstruction | null {
  const kwRange = node.getInstructionRange();
  const range = node.getRange();
  if (kwRange.start.line <= consumedUntil) return null; // inside an earlier heredoc
  const start = lines.offset(kwRange.start.line, kwRange.start.character);
  const kwEnd = lines.offset(kwRange.end.line, kwRange.end.character);
  const keyword = (node.getKeyword() || node.getInstruction() || '').toUpperCase();
  const maxLine = Math.max(range.end.line, kwRange.start.line);
  const logical = joinLogicalLine(lines, kwRange.end.line, kwEnd, escape, maxLine);
  const lead = logical.text.length - logical.text.trimStart().length;
  const args = logical.text.trim();
  let lastLine = logical.lastLine;
  let end = logical.end;
  let heredocMarkers: HeredocMarker[] = [];
  let heredocs: Instruction['heredocs'] = [];
  let heredocRaw = '';
  if (HEREDOC_KEYWORDS.has(keyword) && args.includes('<<')) {
    heredocMarkers = findHeredocMarkers(args, escape);
    if (heredocMarkers.length > 0) {
      const scan = scanHeredocBodies(lines, heredocMarkers, logical.lastLine + 1);
      heredocs = scan.heredocs;
      heredocRaw = scan.rawBodies;
      if (scan.lastLine > lastLine) {
        lastLine = scan.lastLine;
        end = scan.end;
      }
      for (const m of scan.unterminated) {
        const offset = toOriginal(logical, lead + m.start);
        errors.push({
          line: lines.lineOf(offset) + 1,
          column: lines.column(offset),
          message: `The heredoc <<${m.name} is never closed: add a line containing only ${m.name} after its content.`,
        });
      }
    }
  }
  return {
    keyword,
    start,
    end,
    keywordSpan: lines.span(start, kwEnd),
    logical,
    args,
    argsAt: lead,
    heredocMarkers,
    heredocs,
    heredocRaw,
    firstLine: kwRange.start.line,
    lastLine,
    ast: node,
  };
}

export function commentsAbove(lines: LineTable, firstLine: number, previousLastLine: number): string[] {
  const out: string[] = [];
  for (let l = firstLine - 1; l > previousLastLine; l--) {
    const t = lines.line(l).trim();
    if (!t.startsWith('#')) break;
    out.push(t.slice(1).trim());
  }
  return out.reverse();
}

export const GLOBAL_IGNORE = /^#\s*(hadolint|playground)\s+global\s+ignore\s*=\s*(.+)$/i;

export function readComments(
  lines: LineTable,
  raws: RawInstruction[],
): { comments: { line: number; text: string }[]; globalIgnores: string[] } {
  const comments: { line: number; text: string }[] = [];
  const globalIgnores: string[] = [];
  let r = 0;
  for (let l = 0; l < lines.count; l++) {
    while (r < raws.length && raws[r].lastLine < l) r++;
    if (r < raws.length && raws[r].firstLine <= l && l <= raws[r].lastLine) {
      l = raws[r].lastLine;
      continue;
    }
    const t = lines.line(l).trim();
    if (!t.startsWith('#')) continue;
    comments.push({ line: l + 1, text: t.slice(1).trim() });
    const m = GLOBAL_IGNORE.exec(t);
    if (m) {
      for (const id of m[2].split(/[,\s]+/)) if (id && !globalIgnores.includes(id)) globalIgnores.push(id);
    }
  }
  return { comments, globalIgnores };
}
