// `npx tsx scripts/scan-regex.ts`: every regular-expression literal in src/engine, run against
// pumped adversarial strings (prefix + pump × n + a character that makes the match fail) at two
// lengths. A regex whose time grows much faster than the length (backtracking) is listed with its
// file and line, the pump and the times. Exits 1 when one is found (a check, not a benchmark).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');
const SHORT = 2000;
const LONG = 8000; // 4× longer: linear time grows 4×, quadratic 16×
const FLAG_MS = 15;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

interface Found {
  where: string;
  re: RegExp;
}

function literals(path: string): Found[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const text = node.text;
      const slash = text.lastIndexOf('/');
      try {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        out.push({
          where: `${relative(ROOT, path)}:${line}`,
          re: new RegExp(text.slice(1, slash), text.slice(slash + 1)),
        });
      } catch {
        // not constructible here (a flag this runtime lacks): skipped
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const BASE = [
  ' ',
  '\t',
  '\n',
  'a',
  'A',
  '0',
  '_',
  '-',
  '.',
  '/',
  ':',
  '=',
  '$',
  '{',
  '}',
  '\\',
  '"',
  "'",
  ',',
  '@',
  '*',
  '#',
  '(',
  ')',
  '[',
  '&',
  '|',
  ';',
];

function pumps(re: RegExp): string[] {
  const literalChars = [...new Set(re.source.replace(/\\[dswbDSWB]/g, '').split(''))].filter((c) =>
    /[ -~]/.test(c),
  );
  const singles = [...new Set([...BASE, ...literalChars])];
  const pairs = [
    'a ',
    ' a',
    'a=',
    'a/',
    'a-',
    'a.',
    '$a',
    '${a',
    'a,',
    'a:',
    '\\\n',
    ' \\',
    'a\t',
    '=a',
    '- ',
    '--a',
    'a b',
  ];
  return [...singles, ...pairs];
}

function prefixes(re: RegExp): string[] {
  const m = /^\^?((?:[A-Za-z0-9 _\-=:/]|\\[./-])*)/.exec(re.source);
  const literal = (m?.[1] ?? '').replace(/\\(.)/g, '$1');
  return literal ? ['', literal] : [''];
}

/** The least of three runs: a busy machine only ever adds time. */
function timeOf(re: RegExp, s: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    re.lastIndex = 0;
    re.test(s);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

let flagged = 0;
let total = 0;
for (const path of files(join(ROOT, 'src/engine'))) {
  for (const { where, re } of literals(path)) {
    total++;
    let worst: { pump: string; prefix: string; short: number; long: number } | null = null;
    for (const prefix of prefixes(re))
      for (const pump of pumps(re))
        for (const end of ['\u0000', '!', '\n']) {
          const reps = (n: number) => prefix + pump.repeat(Math.ceil(n / pump.length)) + end;
          const long = timeOf(re, reps(LONG));
          if (long < FLAG_MS) continue;
          const short = timeOf(re, reps(SHORT));
          if (long / Math.max(short, 0.05) > 8 && (!worst || long > worst.long))
            worst = { pump, prefix, short, long };
        }
    if (worst) {
      flagged++;
      console.log(
        `${where}  ${re}  pump ${JSON.stringify(worst.prefix)} + ${JSON.stringify(worst.pump)}×n: ${worst.short.toFixed(1)} ms at ${SHORT}, ${worst.long.toFixed(1)} ms at ${LONG}`,
      );
    }
  }
}
console.log(
  `${total} regular expressions in src/engine; ${flagged} grow faster than linearly on pumped input`,
);
process.exit(flagged > 0 ? 1 : 0);
