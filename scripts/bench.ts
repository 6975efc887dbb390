// `npm run bench`: speed, weight and accuracy side by side with peers, printed and written to
// bench-results/bench.json. Budgets are reported here, never asserted by timed tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CORPUS_DIR, loadCorpus } from './bench/corpus';
import { measureEngineSpeed } from './bench/engine-speed';
import { budgetViolations, measureWeight } from './bench/weight';
import { measureBrowser } from './bench/browser';
import { printConformance } from './bench/conformance';

const args = new Set(process.argv.slice(2));
const only = (part: string) =>
  !['--engine', '--weight', '--browser', '--accuracy'].some((a) => args.has(a)) || args.has(`--${part}`);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
};

if (only('engine')) {
  const corpus = loadCorpus();
  if (!corpus) {
    console.log(`engine speed: skipped — the corpus folder ${CORPUS_DIR} is absent.`);
  } else {
    const speed = await measureEngineSpeed(corpus);
    report.engine = speed;
    console.log(
      `\n# Engine speed (${speed.files} corpus files, ${speed.rounds} interleaved rounds, median per-file mean)`,
    );
    console.log(`ours (full analyze)        ${speed.perFileMs.ours} ms/file`);
    console.log(
      `dockerfile-utils validate  ${speed.perFileMs.dockerfileUtils} ms/file   ratio ours/peer ${speed.ratio.oursVsDockerfileUtils} (budget ≤ 1.0)`,
    );
    console.log(
      `dockerfilelint run         ${speed.perFileMs.dockerfilelint} ms/file   ratio ours/peer ${speed.ratio.oursVsDockerfilelint}`,
    );
    console.log(
      `ours, parse only           ${speed.perFileMs.oursParseOnly} ms/file   ratio to dockerfile-utils ${speed.ratio.parseOnlyVsDockerfileUtils} (dockerfile-ast + shell parsing, no analysis)`,
    );
    console.log(
      `largest file ${speed.largest.file} (${speed.largest.lines} lines): p50 ${speed.largest.p50Ms} ms, p95 ${speed.largest.p95Ms} ms over ${speed.largest.runs} runs (budget p95 ≤ 16 ms)`,
    );
    console.log(`heap used ${speed.heapUsedMB} MB`);
    console.log(
      `files that threw: ours ${speed.crashes.ours}, dockerfile-utils ${speed.crashes.dockerfileUtils}, dockerfilelint ${speed.crashes.dockerfilelint}`,
    );
  }
}

if (only('weight') || only('browser')) {
  const weight = measureWeight();
  report.weight = weight;
  console.log('\n# Weight (gzip, kB = 1000 bytes)');
  for (const page of weight.pages)
    console.log(
      `${page.page}: first-visit JS ${kB(page.jsGzipBytes)} in ${page.js.length} file(s), CSS ${kB(page.cssGzipBytes)}`,
    );
  const sum = (list: { gzipBytes: number }[]) => kB(list.reduce((s, a) => s + a.gzipBytes, 0));
  console.log(
    `Monaco (lazy): ${sum(weight.monaco)} — ${weight.monaco.map((a) => `${a.file} ${kB(a.gzipBytes)}`).join(', ')}`,
  );
  console.log(
    `analysis worker: ${sum(weight.worker)} (of which the data tables: ${sum(weight.data)}); wasm: ${sum(weight.wasm)}`,
  );
  const violations = budgetViolations(weight);
  console.log(
    violations.length
      ? `budgets missed:\n- ${violations.join('\n- ')}`
      : 'first-visit budgets hold (index ≤ 80 kB, embed ≤ 40 kB)',
  );
}

if (only('browser')) {
  const browser = await measureBrowser();
  report.browser = browser;
  console.log(`\n# Browser (Chromium, median of ${browser.loads} cold loads)`);
  console.log(
    `first paint ${browser.firstPaintMs} ms; Monaco interactive ${browser.monacoReadyMs} ms; first analysis on screen ${browser.firstAnalysisMs} ms (budget ≤ 700 ms)`,
  );
  console.log(
    `keystroke → updated panels, debounce excluded: p50 ${browser.keystrokeP50Ms} ms, p95 ${browser.keystrokeP95Ms} ms over ${browser.keystrokes} edits (budget p95 ≤ 100 ms)`,
  );
}

if (only('accuracy')) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'bench-accuracy.ts'), '--json'],
    { encoding: 'utf8' },
  );
  if (run.status === 0) {
    const lines = run.stdout.trim().split('\n');
    try {
      report.accuracy = JSON.parse(lines[lines.length - 1]);
    } catch {
      report.accuracy = { output: run.stdout };
    }
    console.log('\n# Accuracy (npm run bench:accuracy)');
    console.log(lines.slice(0, -1).join('\n'));
  } else {
    console.log(`\n# Accuracy: bench:accuracy failed (exit ${run.status}):\n${run.stderr}`);
  }
}

if (only('conformance')) report.conformance = (await printConformance())?.totals ?? null;

const out = resolve(import.meta.dirname, '../bench-results');
mkdirSync(out, { recursive: true });
writeFileSync(resolve(out, 'bench.json'), JSON.stringify(report, null, 2));
console.log(`\nreport written to bench-results/bench.json`);
