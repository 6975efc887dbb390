// Variable resolution done by the parser itself: global ARGs, stage ARGs, ENV forms, expansion
// modifiers, escapes, ENV inheritance, base images and COPY --from after substitution.
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  ArgInstruction,
  CopyInstruction,
  EnvInstruction,
  FromInstruction,
  OtherInstruction,
} from '../../../src/engine/model';
import { processWord } from '../../../src/engine/parse/variables';
import { MAX_INSTRUCTIONS } from '../../../src/engine/parse/dockerfile';
import { loadShellParser, parse, runs } from './helpers';
import { BLOW_UP_CPU_MS, withCpuTime } from '../cpu-time';

beforeAll(loadShellParser);

const lookup = (vars: Record<string, string | null>) => (name: string) =>
  name in vars ? vars[name] : undefined;

describe('processWord', () => {
  const vars = lookup({ A: 'a', EMPTY: '', NOVALUE: null });
  const cases: [string, string, boolean][] = [
    ['$A', 'a', false],
    ['${A}', 'a', false],
    ['x${A}y', 'xay', false],
    ['${MISSING:-dflt}', 'dflt', false],
    ['${MISSING-dflt}', 'dflt', false],
    ['${EMPTY:-dflt}', 'dflt', false],
    ['${EMPTY-dflt}', '', false],
    ['${A:-dflt}', 'a', false],
    ['${A:+alt}', 'alt', false],
    ['${A+alt}', 'alt', false],
    ['${EMPTY:+alt}', '', false],
    ['${EMPTY+alt}', 'alt', false],
    ['${MISSING:+alt}', '', false],
    ['${NOVALUE:-from-default}', 'from-default', false],
    ['${MISSING:-${A}-nested}', 'a-nested', false],
    ['\\$A', '$A', false],
    ["'$A'", '$A', false],
    ['"$A b"', 'a b', false],
    ['$MISSING', '$MISSING', true],
    ['${NOVALUE}', '${NOVALUE}', true],
    ['${A%.*}', '${A%.*}', true],
  ];
  it.each(cases)('%s → %s', (input, value, unresolved) => {
    expect(processWord(input, '\\', vars)).toEqual({ value, unresolved });
  });

  it('uses a backtick as the escape character when told', () => {
    expect(processWord('`$A', '`', vars).value).toBe('$A');
  });

  it('stays linear on a long chain of variables', () => {
    const many = Array.from({ length: 20000 }, () => '${A}').join('');
    const { result, cpuMs } = withCpuTime(() => processWord(many, '\\', vars));
    expect(result.value).toBe('a'.repeat(20000));
    // Quadratic in the 80,000 characters would take tens of seconds; linear takes milliseconds.
    expect(cpuMs).toBeLessThan(BLOW_UP_CPU_MS / 4);
  });
});

describe('ARG and ENV', () => {
  it('resolves global ARGs in FROM and picks up the global default on redeclaration', () => {
    const m = parse(
      'ARG NODE_VERSION=22',
      'FROM node:${NODE_VERSION}-alpine AS build',
      'ARG NODE_VERSION',
      'RUN echo $NODE_VERSION',
    );
    const from = m.instructions[1] as FromInstruction;
    expect(from.image).toBe('node:${NODE_VERSION}-alpine');
    expect(from.resolvedImage).toBe('node:22-alpine');
    expect((m.instructions[2] as ArgInstruction).pairs[0]).toEqual({
      key: 'NODE_VERSION',
      value: null,
      resolved: '22',
    });
    expect(runs(m)[0].shell.commands[0].args).toEqual(['22']);
    expect(m.globalArgs).toHaveLength(1);
    expect(m.stages[0].args).toEqual({ NODE_VERSION: '22' });
  });

  it('does not see a global ARG inside a stage that does not redeclare it', () => {
    const m = parse('ARG V=1', 'FROM alpine', 'RUN echo $V');
    expect(runs(m)[0].shell.commands[0].args).toEqual(['$V']);
  });

  it('leaves FROM unresolved when an ARG has no value', () => {
    const m = parse('ARG TAG', 'FROM alpine:${TAG}');
    const from = m.instructions[1] as FromInstruction;
    expect(from.resolvedImage).toBeNull();
    expect(m.stages[0].base).toEqual({ image: 'alpine:${TAG}', unresolved: true });
  });

  it('uses defaults of ${X:-d} in FROM', () => {
    const m = parse('ARG PY', 'FROM python:${PY:-3.12}-slim');
    expect((m.instructions[1] as FromInstruction).resolvedImage).toBe('python:3.12-slim');
  });

  it('reads ENV a=b c=d, quoted values and the legacy ENV key value form', () => {
    const m = parse(
      'FROM alpine',
      'ENV A=1 B="two words" C=${A}x',
      'ENV OLD value with spaces',
      'ENV D=$A$OLD',
    );
    const [, e1, e2, e3] = m.instructions as EnvInstruction[];
    expect(e1.legacyForm).toBe(false);
    // Values in one ENV see the variables as they were before it (Docker's rule).
    expect(e1.pairs).toEqual([
      { key: 'A', value: '1', resolved: '1' },
      { key: 'B', value: 'two words', resolved: 'two words' },
      { key: 'C', value: '${A}x', resolved: null },
    ]);
    expect(e2.legacyForm).toBe(true);
    expect(e2.pairs).toEqual([{ key: 'OLD', value: 'value with spaces', resolved: 'value with spaces' }]);
    expect(e3.pairs[0].resolved).toBe('1value with spaces');
    expect(m.stages[0].env).toEqual({
      A: '1',
      B: 'two words',
      C: '${A}x',
      OLD: 'value with spaces',
      D: '1value with spaces',
    });
  });

  it('lets ENV win over an ARG of the same name', () => {
    const m = parse('FROM alpine', 'ENV V=env', 'ARG V=arg', 'RUN echo $V');
    expect(runs(m)[0].shell.commands[0].args).toEqual(['env']);
  });

  it('keeps escaped dollars literal', () => {
    const m = parse('FROM alpine', 'ENV A=1', 'ENV B=\\$A C=cost\\$5');
    const env = m.instructions[2] as EnvInstruction;
    expect(env.pairs.map((p) => p.resolved)).toEqual(['$A', 'cost$5']);
  });

  it('inherits ENV, USER and WORKDIR when a stage starts FROM an earlier stage', () => {
    const m = parse(
      'FROM alpine AS base',
      'ENV APP=/srv/app',
      'USER app',
      'WORKDIR /srv',
      'FROM base AS next',
      'RUN echo $APP',
      'WORKDIR app',
    );
    expect(m.stages[1].base).toEqual({ stage: 0 });
    expect(m.stages[1].env).toEqual({ APP: '/srv/app' });
    expect(m.stages[1].user).toBe('app');
    expect(m.stages[1].workdir).toBe('/srv/app');
    expect(runs(m)[0].shell.commands[0].args).toEqual(['/srv/app']);
  });

  it('resolves variables in WORKDIR, USER, COPY and EXPOSE', () => {
    const m = parse(
      'FROM alpine',
      'ARG APP=/app',
      'ARG UID=1000',
      'WORKDIR ${APP}',
      'COPY . ${APP}/',
      'USER ${UID}',
      'EXPOSE ${PORT:-8080}',
    );
    expect((m.instructions[3] as OtherInstruction).args).toEqual(['/app']);
    expect((m.instructions[4] as CopyInstruction).destination).toBe('/app/');
    expect((m.instructions[5] as OtherInstruction).args).toEqual(['1000']);
    expect((m.instructions[6] as OtherInstruction).args).toEqual(['8080']);
    expect(m.stages[0].workdir).toBe('/app');
    expect(m.stages[0].user).toBe('1000');
  });

  it('resolves shell variables assigned earlier in the same RUN', () => {
    const m = parse('FROM alpine', 'RUN V=1.2.3 && curl -o /tmp/x https://example.com/$V/x.tgz');
    expect(runs(m)[0].shell.commands[0].args).toContain('https://example.com/1.2.3/x.tgz');
  });

  it('takes platform ARGs with their linux/amd64 values when declared in a stage', () => {
    const m = parse('FROM alpine', 'ARG TARGETARCH', 'RUN echo $TARGETARCH');
    expect(runs(m)[0].shell.commands[0].args).toEqual(['amd64']);
  });
});

describe('COPY --from', () => {
  it('resolves a stage by name (case-insensitive), by index, or an outside image', () => {
    const m = parse(
      'FROM golang AS Builder',
      'FROM alpine',
      'COPY --from=builder /a /a',
      'COPY --from=0 /b /b',
      'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
    );
    const copies = m.instructions.filter((i) => i.keyword === 'COPY') as CopyInstruction[];
    expect(copies.map((c) => c.from)).toEqual([{ stage: 0 }, { stage: 0 }, { image: 'nginx:1.27' }]);
    expect(copies[2].fromRaw).toBe('nginx:1.27');
  });

  it('resolves a --from naming a later stage (BuildKit builds the graph first)', () => {
    const m = parse('FROM alpine', 'COPY --from=late /a /a', 'FROM busybox AS late');
    expect((m.instructions[1] as CopyInstruction).from).toEqual({ stage: 1 });
    expect(m.stages[0].dependsOn).toEqual([1]);
  });

  it('resolves a --from given by an ARG', () => {
    const m = parse(
      'FROM alpine AS src',
      'FROM alpine',
      'ARG FROM_STAGE=src',
      'COPY --from=${FROM_STAGE} /a /a',
    );
    expect((m.instructions[3] as CopyInstruction).from).toEqual({ stage: 0 });
  });
});

describe('scale', () => {
  it('handles ARGs and RUNs up to the instruction cap; refuses more with a clear error', () => {
    // 600 + 1 + 200 + 199 = 1,000 instructions (MAX_INSTRUCTIONS), each RUN reading an ARG.
    const text = [
      ...Array.from({ length: 600 }, (_, i) => `ARG A${i}=${i}`),
      'FROM alpine',
      ...Array.from({ length: 200 }, (_, i) => `ARG A${i}`),
      ...Array.from({ length: 199 }, (_, i) => `RUN echo $A${i}`),
    ].join('\n');
    const m = parse(text);
    expect(m.instructions).toHaveLength(MAX_INSTRUCTIONS);
    expect(m.globalArgs).toHaveLength(600);
    expect(runs(m)[198].shell.commands[0].args).toEqual(['198']);
    const over = parse(`${text}\nRUN echo one too many\n`);
    expect(over.instructions).toEqual([]);
    expect(over.syntaxErrors[0]).toMatchObject({
      line: 1001,
      message: expect.stringMatching(/more than 1,000 instructions/),
    });
  });
});
