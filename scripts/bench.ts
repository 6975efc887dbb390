// `npm run bench`: speed, weight and accuracy side by side with peers, printed and written to
// bench-results/bench.json. Budgets are reported here, never asserted by timed tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CORPUS_DIR, loadCorpus } from './bench/corpus';
import { measureEngineSpeed } from './bench/engine-speed';
import { BUDGETS, budgetViolations, measureWeight } from './bench/weight';
import { measureBrowser, type ColdLoad } from './bench/browser';
import { measureVerifier, printVerifier } from './bench/verifier';
import { printConformance } from './bench/conformance';

const args = new Set(process.argv.slice(2));
const only = (part: string) =>
  !['--engine', '--weight', '--browser', '--accuracy'].some((a) => args.has(a)) || args.has(`--${part}`);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  // Timings on a busy machine are not comparable with idle ones: each run says how busy it was.
  loadAverage: (await import('node:os')).loadavg().map((l) => Number(l.toFixed(2))),
};
console.log(
  `machine: ${report.cpus} CPUs, load average ${(report.loadAverage as number[]).join(' / ')} (1 / 5 / 15 min)`,
);

/** Every budget of issue 16 with its measured figure; printed at the end. */
const budgets: { what: string; budget: number; measured: number | null; unit: string }[] = [];
const budget = (what: string, limit: number, measured: number | null | undefined, unit = 'ms') =>
  budgets.push({ what, budget: limit, measured: measured ?? null, unit });

if (only('engine')) {
  const corpus = loadCorpus();
  if (!corpus) {
    console.log(`engine speed: skipped — the corpus folder ${CORPUS_DIR} is absent.`);
  } else {
    const processes = Number(process.argv.find((a) => a.startsWith('--processes='))?.split('=')[1] ?? 8);
    const speed = measureEngineSpeed(corpus, processes);
    report.engine = speed;
    const ms = (v: number | null) => (v === null ? 'n/a (no phases)' : `${v} ms/file`);
    console.log(
      `\n# Engine speed (${speed.files} corpus files, ${speed.processes} processes; each file timed once per process on a text that process had not seen, after a warm-up on other files)`,
    );
    console.log(`ours, phase 1 (sizes, findings)   ${ms(speed.perFileMs.phase1)}`);
    console.log(`ours, phase 2 (savings, rewrite)  ${ms(speed.perFileMs.phase2)}`);
    console.log(`ours, phases 1+2                  ${ms(speed.perFileMs.full)}`);
    console.log(`ours, parse only                  ${ms(speed.perFileMs.parseOnly)}`);
    console.log(`dockerfile-utils validate         ${ms(speed.perFileMs.dockerfileUtils)}`);
    console.log(`dockerfilelint run                ${ms(speed.perFileMs.dockerfilelint)}`);
    console.log(
      `ratios to dockerfile-utils: phase 1 ${speed.ratio.phase1VsDockerfileUtils ?? 'n/a'}, phases 1+2 ${speed.ratio.fullVsDockerfileUtils}, parse only ${speed.ratio.parseOnlyVsDockerfileUtils}; phases 1+2 to dockerfilelint ${speed.ratio.fullVsDockerfilelint}`,
    );
    const l = speed.largest;
    console.log(
      `largest file ${l.file} (${l.lines} lines), ${l.samples} samples (one per process): phase 1 p50 ${l.phase1P50Ms ?? 'n/a'} / p95 ${l.phase1P95Ms ?? 'n/a'} ms; phases 1+2 p50 ${l.fullP50Ms} / p95 ${l.fullP95Ms} ms`,
    );
    budget(
      'phase 1 per corpus file ÷ dockerfile-utils validate',
      1.0,
      speed.ratio.phase1VsDockerfileUtils,
      '×',
    );
    budget(
      'phases 1+2 per corpus file ÷ dockerfile-utils validate',
      3.0,
      speed.ratio.fullVsDockerfileUtils,
      '×',
    );
    budget(`largest corpus file, phase 1 p95`, 16, l.phase1P95Ms);
    budget(`largest corpus file, phases 1+2 p95`, 50, l.fullP95Ms);
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
    `analysis worker: ${sum(weight.worker)}; package tables read on demand: ${sum(weight.tables)} in ${weight.tables.length} files; wasm: ${sum(weight.wasm)}`,
  );
  for (const page of weight.pages)
    if (BUDGETS[page.page] !== undefined)
      budget(`first-visit JS, ${page.page} (gzip)`, BUDGETS[page.page] / 1000, page.jsGzipBytes / 1000, 'kB');
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
  const line = (label: string, c: ColdLoad) =>
    console.log(
      `${label}: first paint ${c.paint} ms, first findings ${c.findings} ms, full analysis ${c.analysis} ms, Monaco ${c.monaco} ms`,
    );
  console.log(`\n# Browser (Chromium, median of ${browser.loads} cold loads each, a fresh profile per load)`);
  line('plain Chromium, no DevTools connection (idle)', browser.plain);
  line('through DevTools (Playwright), idle          ', browser.devtools);
  line('through DevTools, CPU throttled ×4 (busy)     ', browser.throttled);
  console.log(
    `keystroke → updated phase-1 panels, debounce (${browser.debounceMs} ms) excluded: p50 ${browser.keystrokeP50Ms} ms, p95 ${browser.keystrokeP95Ms} ms over ${browser.keystrokes} edits`,
  );
  budget('cold load → first findings on screen, idle (no DevTools), median', 700, browser.plain.findings);
  budget('cold load → first findings, CPU throttled ×4, median', 2000, browser.throttled.findings);
  budget('keystroke → phase-1 panels, p95, debounce excluded', 50, browser.keystrokeP95Ms);
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

if (only('engine')) printVerifier((report.verifier = await measureVerifier()));

if (budgets.length) {
  console.log('\n# Budgets (issue 16): measured ÷ budget, held when ≤ 1');
  for (const b of budgets) {
    const ratio = b.measured === null ? null : b.measured / b.budget;
    const verdict =
      ratio === null ? 'not measured' : ratio <= 1 ? 'held' : `missed by ${((ratio - 1) * 100).toFixed(0)} %`;
    console.log(
      `${b.what}: ${b.measured === null ? 'n/a' : `${+b.measured.toFixed(2)} ${b.unit}`} (budget ≤ ${b.budget} ${b.unit}) ratio ${ratio === null ? 'n/a' : ratio.toFixed(2)} — ${verdict}`,
    );
  }
  report.budgets = budgets;
}

if (only('conformance')) report.conformance = (await printConformance())?.totals ?? null;

const out = resolve(import.meta.dirname, '../bench-results');
mkdirSync(out, { recursive: true });
writeFileSync(resolve(out, 'bench.json'), JSON.stringify(report, null, 2));
console.log(`\nreport written to bench-results/bench.json`);
