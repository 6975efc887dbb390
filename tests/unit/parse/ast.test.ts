// parse/ast.ts builds some keywords as dockerfile-ast's plain Instruction to skip their eager
// argument parsing. What the parser reads from the AST (instruction ranges, keywords, directives,
// ONBUILD triggers) must be exactly what the library's own parse gives, on the corpus, the peer
// suites' cases and hand-made edge cases (heredocs included: the library's heredoc scan decides
// where the next instruction starts, so equal ranges mean it saw the same heredocs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DockerfileParser } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast';
import { parseAst } from '../../../src/engine/parse/ast';
import { corpusDir, corpusFiles, repoRoot } from './helpers';

const peerDir = path.resolve(repoRoot, '../shared/peer-suites/files');

/** Everything read.ts and dockerfile.ts take from the AST, as plain data. */
function readable(ast: Dockerfile) {
  return {
    escape: ast.getEscapeCharacter(),
    directives: ast.getDirectives().map((d) => [d.getName(), d.getValue(), d.getRange()]),
    instructions: ast.getInstructions().map((node) => {
      const trigger =
        node.getKeyword() === 'ONBUILD'
          ? (node as unknown as { getTriggerInstruction(): typeof node | null }).getTriggerInstruction()
          : null;
      return {
        keyword: node.getKeyword(),
        instruction: node.getInstruction(),
        keywordRange: node.getInstructionRange(),
        range: node.getRange(),
        trigger: trigger && [trigger.getKeyword(), trigger.getRange(), trigger.getInstructionRange()],
      };
    }),
  };
}

const EDGE_CASES = [
  'FROM alpine\nRUN --mount=type=cache,target=/root/.cache pip install x <<EOF\nbody\nEOF\n',
  'FROM alpine\nCOPY <<-EOT /app/a.txt\n\thello\n\tEOT\nRUN ["sh", "-c", "echo <<EOF"]\n',
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN echo a `\n  b\nCOPY ["a b", "c"]\n',
  'FROM node\nONBUILD RUN npm ci && \\\n  npm run build\nONBUILD COPY . .\nSHELL ["/bin/bash", "-c"]\n',
  'FROM x\nVOLUME ["/data", "/logs"]\nVOLUME /a /b\nCMD ["a"\nENTRYPOINT [ ]\nADD --chmod=644 \\\n  a b /c/\n',
  'FROM x\nRUN <<A <<B\na\nA\nb\nB\nRUN echo \\\n# comment inside\n  done\n',
  'run echo lower-case\ncopy . .\nRUN\nCOPY\n',
  // The heredoc search is skipped for instructions without a `<`: one before, inside and after.
  'FROM x\nRUN a < /dev/null\nARG A=1\nCOPY <<EOF /a\nEOF\nRUN b\nRUN c \\\n  <<EOF\nRUN d\nEOF\nRUN e',
  'FROM x\nRUN <\\\n<EOF\nRUN inside\nEOF\nRUN after <',
];

function texts(): { name: string; text: string }[] {
  const out = EDGE_CASES.map((text, i) => ({ name: `edge case ${i + 1}`, text }));
  for (const f of corpusFiles('AST equivalence test'))
    out.push({ name: f, text: readFileSync(path.join(corpusDir, f), 'utf8') });
  if (existsSync(peerDir))
    for (const f of readdirSync(peerDir).sort())
      out.push({ name: f, text: readFileSync(path.join(peerDir, f), 'utf8') });
  return out;
}

describe('the lean dockerfile-ast parse', () => {
  it('reads the same ranges, keywords, directives and triggers as the library parse', () => {
    const all = texts();
    for (const { name, text } of all)
      expect(readable(parseAst(text)), name).toEqual(readable(DockerfileParser.parse(text)));
    expect(all.length).toBeGreaterThan(EDGE_CASES.length);
  });

  it('builds the eager keywords as plain instructions and leaves the others as they were', () => {
    const ast = parseAst('FROM a\nRUN x\nCOPY a b\nENV A=1\nONBUILD RUN y\n');
    const names = ast.getInstructions().map((i) => i.constructor.name);
    expect(names).toEqual(['From', 'Instruction', 'Instruction', 'Env', 'Onbuild']);
  });
});
