// Every Dockerfile of the shared corpus parses without throwing, and analyze() returns a
// schema-valid Analysis for it. Per-file parse times are measured and printed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/node';
import { parseDockerfile } from '../../../src/engine/parse/index';
import { validateAnalysis } from '../cli/schema';
import { corpusDir, corpusFiles, loadShellParser } from './helpers';

const files = corpusFiles('corpus test');
const present = files.length > 0;

beforeAll(loadShellParser);

describe.skipIf(!present)('corpus', () => {
  it('has Dockerfiles', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('parses every file without throwing, with consistent spans', () => {
    // Wall time and CPU time per file (CPU time is steadier on a shared machine).
    const times: { file: string; ms: number; cpu: number; bytes: number }[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(corpusDir, file), 'utf8');
      parseDockerfile(text); // warm-up for this file's code paths
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      const model = parseDockerfile(text);
      const cpu = process.cpuUsage(cpuStart);
      times.push({
        file,
        ms: performance.now() - started,
        cpu: (cpu.user + cpu.system) / 1000,
        bytes: text.length,
      });
      for (const i of model.instructions) {
        expect(i.span.start, file).toBeLessThanOrEqual(i.span.end);
        expect(text.slice(i.keywordSpan.start, i.keywordSpan.end).toUpperCase(), file).toBe(i.keyword);
      }
      for (const s of model.stages) expect(s.instructions[0], file).toBe(s.from);
    }
    const stats = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))].toFixed(2);
      return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms, total ${values.reduce((a, b) => a + b, 0).toFixed(0)} ms`;
    };
    const largest = [...times].sort((a, b) => b.bytes - a.bytes)[0];
    console.log(
      `corpus parse (${times.length} files): wall ${stats(times.map((t) => t.ms))}; cpu ${stats(times.map((t) => t.cpu))}; ` +
        `largest ${largest.file} (${largest.bytes} chars): wall ${largest.ms.toFixed(2)} ms, cpu ${largest.cpu.toFixed(2)} ms`,
    );
  });

  it('analyze() returns a schema-valid result for every file', async () => {
    for (const file of files) {
      const text = readFileSync(path.join(corpusDir, file), 'utf8');
      const analysis = await analyze(text);
      expect(validateAnalysis(analysis), file).toEqual([]);
      expect(
        analysis.syntaxErrors.filter((e) => /Internal error|parser failed/.test(e.message)),
        file,
      ).toEqual([]);
    }
  });
});
