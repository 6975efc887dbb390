// The size model through the engine's entry point: analyze() carries the estimate, the stage
// summaries (resolved bases) and the base alternatives.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/node';

describe('analyze() with the size model', () => {
  it('fills estimate, stages and alternatives', async () => {
    const a = await analyze(
      [
        'FROM node:22 AS build',
        'WORKDIR /app',
        'RUN npm ci',
        'FROM node:22-slim',
        'COPY --from=build /app/node_modules ./node_modules',
      ].join('\n'),
    );
    expect(a.syntaxErrors).toEqual([]);
    expect(a.estimate.uncompressedBytes).toBeGreaterThan(200e6);
    expect(a.estimate.layers[0].kind).toBe('base');
    expect(a.estimate.stages!.map((s) => s.discarded)).toEqual([true, false]);
    expect(a.stages.map((s) => s.resolvedBase)).toEqual(['node:22', 'node:22-slim']);
    expect(a.stages.every((s) => s.known)).toBe(true);
    expect(a.baseAlternatives!.some((b) => b.reference.includes('alpine') && b.deltaBytes < 0)).toBe(true);
  });

  it('never throws on odd input and estimates nothing for an empty file', async () => {
    const a = await analyze('');
    expect(a.estimate.uncompressedBytes).toBe(0);
    const b = await analyze(
      'FROM ${NOPE}\nRUN curl -o /x https://example.org/a.bin && tar -xf /x -C /opt\nCOPY --from=nowhere /a /b',
    );
    expect(b.estimate.layers.length).toBeGreaterThan(0);
    expect(b.estimate.confidence).toBe('low');
  });
});
