// Before the shell parser loads (this file never loads it), parseDockerfile still works: RUN is
// split by the built-in splitter, marked parser: 'fallback', and effects are derived.
import { describe, expect, it } from 'vitest';
import type { RunInstruction } from '../../../src/engine/model';
import { parseDockerfile, shellParserReady } from '../../../src/engine/parse/index';

describe('without tree-sitter', () => {
  it('uses the fallback splitter and still derives effects', () => {
    expect(shellParserReady()).toBe(false);
    const m = parseDockerfile(
      'FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    );
    const run = m.instructions[1] as RunInstruction;
    expect(run.shell.parser).toBe('fallback');
    expect(run.shell.commands.map((c) => c.name)).toEqual(['apt-get', 'apt-get', 'rm']);
    expect(run.shell.effects.map((e) => e.kind)).toEqual([
      'package-index-update',
      'package-install',
      'cache-clean',
    ]);
  });
});
