// `npm run fuzz`: mutated corpus files and noise through the whole engine. Counts exceptions (an
// "Internal error" result is an exception analyze() caught) and inputs over the 250 ms goal, timed
// in CPU time of this process so that a loaded machine does not inflate them, phase by phase
// (parse, size, rules, rewrite) so that the report says where a slow input spent its time.
// Exits 1 on any exception; time is reported (a goal, like every speed target), never a reason
// to fail.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureShellParser } from '../src/engine/node';
import { DEFAULT_MAX_INPUT_CHARS } from '../src/engine/options';
import { analyzeInPhases, PHASES, type PhaseTimes } from './fuzz-phases';
import { CORPUS_DIR, loadCorpus } from './bench/corpus';

const LIMIT_MS = 250;
const inputs = Number(process.argv.find((a) => a.startsWith('--inputs='))?.slice(9) ?? 3000);
const seed = Number(process.argv.find((a) => a.startsWith('--seed='))?.slice(7) ?? 20261123);

// A small deterministic generator (mulberry32) so a failure can be replayed with --seed.
let state = seed >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const int = (max: number) => Math.floor(random() * max);

const TOKENS = [
  'FROM',
  'RUN',
  'COPY',
  'ADD',
  'ENV',
  'ARG',
  'WORKDIR',
  'USER',
  'CMD',
  'ENTRYPOINT',
  'ONBUILD',
  'HEALTHCHECK',
  'SHELL',
  '\\\n',
  '`\n',
  '\n',
  ' ',
  '\t',
  '$',
  '${',
  '}',
  '${A:-',
  '${B:+x}',
  '<<EOF',
  '<<-EOT',
  'EOF',
  '&&',
  '||',
  ';',
  '|',
  '"',
  "'",
  '[',
  ']',
  '["sh", "-c", "',
  '--mount=type=cache,target=/root/.npm',
  '--from=0',
  '--from=build',
  'AS build',
  '# escape=`',
  '# syntax=docker/dockerfile:1',
  '# hadolint ignore=DL3008',
  'apt-get install -y',
  'rm -rf /var/lib/apt/lists/*',
  'npm ci',
  'pip install',
  'apk add',
  '\u0000',
  '\r\n',
  '\uFEFF',
  'é',
  '😀',
  'node:${V}-alpine',
  ' RUN $B',
  '$(',
  ')',
  '(',
];

function mutate(text: string): string {
  const lines = text.split('\n');
  const ops = 1 + int(6);
  for (let i = 0; i < ops; i++) {
    const at = int(lines.length + 1);
    switch (int(7)) {
      case 0:
        lines.splice(at, 1);
        break; // delete a line
      case 1:
        lines.splice(at, 0, pick(lines) ?? '');
        break; // duplicate a line
      case 2:
        lines.splice(at, 0, Array.from({ length: 1 + int(8) }, () => pick(TOKENS)).join(' '));
        break;
      case 3: {
        const l = lines[at] ?? '';
        const c = int(l.length + 1);
        lines[at] = l.slice(0, c) + pick(TOKENS) + l.slice(c);
        break;
      }
      case 4: {
        const l = lines[at] ?? '';
        lines[at] = l.slice(0, int(l.length + 1));
        break;
      } // truncate
      case 5:
        lines.splice(at, 0, ' '.repeat(int(4)) + pick(['RUN $B', 'ARG V=${X:-1}', 'ENV A=$A$A']));
        break;
      default:
        lines.reverse();
        break;
    }
  }
  return lines.join(pick(['\n', '\n', '\r\n']));
}

function noise(): string {
  switch (int(6)) {
    case 0:
      return Array.from({ length: int(4000) }, () => String.fromCharCode(int(0x3000))).join('');
    case 1:
      return Array.from({ length: int(3000) }, () => pick(TOKENS)).join(pick([' ', '\n', '']));
    case 2:
      return `FROM alpine\nRUN ${'a'.repeat(50_000 + int(50_000))}`; // 100k-character lines
    case 3:
      return `${Array.from({ length: 2000 + int(3000) }, (_, i) => `ARG A${i}=$A${i - 1}`).join('\n')}\nFROM alpine:$A1\nRUN echo $A4000`;
    case 4:
      return `FROM alpine\nRUN <<EOF\n${'echo hi\n'.repeat(int(5000))}`; // unterminated heredoc
    default:
      return `# escape=\`\nFROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN ${'Write-Host x `\n  ; '.repeat(int(2000))}`;
  }
}

await ensureShellParser();
const corpus = loadCorpus();
if (!corpus) console.log(`corpus folder ${CORPUS_DIR} is absent: fuzzing with generated noise only.`);
let exceptions = 0;
let slow = 0;
let slowest = { ms: 0, chars: 0, kind: '', text: '', phases: {} as PhaseTimes };
const slowPhases = Object.fromEntries(PHASES.map((p) => [p, 0])) as PhaseTimes;
// `--save-slowest=<file>` writes the slowest input out, to replay or profile it;
// `--save-slow=<folder>` writes every input over the limit.
const saveSlowest = process.argv.find((a) => a.startsWith('--save-slowest='))?.slice(15);
const saveSlow = process.argv.find((a) => a.startsWith('--save-slow='))?.slice(12);
if (saveSlow) mkdirSync(saveSlow, { recursive: true });
// Warm-up, untimed: the first analyses of a process pay for compiling the engine (a cold parse
// of a 34,000-character heredoc took 250 ms, warm 20 ms); the goal is about the input's own cost.
for (let pass = 0; pass < 3; pass++) for (const f of (corpus ?? []).slice(0, 10)) analyzeInPhases(f.text);
const started = performance.now();
for (let i = 0; i < inputs; i++) {
  const fromCorpus = corpus && random() < 0.75;
  let text = fromCorpus ? mutate(pick(corpus).text) : noise();
  if (text.length > DEFAULT_MAX_INPUT_CHARS) text = text.slice(0, DEFAULT_MAX_INPUT_CHARS);
  const { phases, error, internal } = analyzeInPhases(text);
  if (error && exceptions < 5) console.log(`exception on input ${i}: ${error.stack}`);
  const ms = PHASES.reduce((sum, p) => sum + phases[p], 0);
  if (error || internal) exceptions++;
  if (ms > LIMIT_MS) {
    slow++;
    for (const p of PHASES) slowPhases[p] += phases[p];
    if (saveSlow) writeFileSync(join(saveSlow, `input-${i}.Dockerfile`), text);
  }
  if (ms > slowest.ms)
    slowest = { ms, chars: text.length, kind: fromCorpus ? 'mutated corpus file' : 'noise', text, phases };
}
const breakdown = (t: PhaseTimes) => PHASES.map((p) => `${p} ${t[p].toFixed(0)}`).join(', ');
const topPhase = (t: PhaseTimes) => PHASES.reduce((a, b) => (t[b] > t[a] ? b : a));
console.log(
  `fuzz: ${inputs} inputs (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
console.log(
  `exceptions: ${exceptions}; inputs over ${LIMIT_MS} ms CPU: ${slow}; slowest ${slowest.ms.toFixed(1)} ms CPU (${slowest.chars} chars, ${slowest.kind}), mostly in ${topPhase(slowest.phases)} (ms CPU: ${breakdown(slowest.phases)})`,
);
if (slow > 0) console.log(`inputs over ${LIMIT_MS} ms, CPU by phase (ms): ${breakdown(slowPhases)}`);
if (saveSlowest) writeFileSync(saveSlowest, slowest.text);
process.exit(exceptions > 0 ? 1 : 0);
