// The rule shapes own the loops of the rules: which stages, RUNs and commands they visit, with which
// stage, and what state a fold hands a `FROM <stage>` child.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/engine/node';
import type { Span } from '../../../src/engine/model';
import { foldStages, perCommand, perRun, perStage } from '../../../src/engine/rules/helpers/shapes';
import { stageLabel } from '../../../src/engine/rules/helpers/stages';
import { ready } from './helpers';

beforeAll(ready);

const say = (span: Span, message: string) => ({ span, message });
const messages = (reports: { message: string }[]) => reports.map((r) => r.message);

// `tools` only feeds a COPY --from: its layers do not ship. `app` is built FROM `base`.
const DOCKERFILE = `FROM alpine AS tools
RUN apk add curl
FROM alpine AS base
RUN echo base && true
ONBUILD RUN echo trigger
ENV A=1
FROM base AS app
COPY --from=tools /usr/bin/curl /usr/bin/curl
RUN echo app
ENV B=2
`;

describe('rule shapes', () => {
  it('perRun visits every RUN with its stage, ONBUILD triggers under the stage of their ONBUILD', () => {
    const model = parseDockerfile(DOCKERFILE);
    const seen = perRun(model, (run, stage) => say(run.span, `${run.shell.source.trim()} @ ${stage?.name}`));
    expect(messages(seen)).toEqual([
      'apk add curl @ tools',
      'echo base && true @ base',
      'echo trigger @ base',
      'echo app @ app',
    ]);
  });

  it('perRun and perStage visit only the stages that ship when asked', () => {
    const model = parseDockerfile(DOCKERFILE);
    const runs = perRun(model, (run, stage) => say(run.span, stageLabel(stage)), { shipped: true });
    expect(messages(runs)).toEqual(["stage 'base'", "stage 'base'", "the final stage 'app'"]);
    const stages = perStage(model, (stage) => say(stage.span, stage.name ?? ''), { shipped: true });
    expect(messages(stages)).toEqual(['base', 'app']);
    expect(perStage(model, (stage) => say(stage.span, stage.name ?? ''))).toHaveLength(3);
  });

  it('perCommand visits each command of each RUN, and lists may hold nulls that are dropped', () => {
    const model = parseDockerfile(DOCKERFILE);
    const seen = perCommand(model, (cmd, run) => (cmd.name === 'true' ? null : say(run.span, cmd.name)));
    expect(messages(seen)).toEqual(['apk', 'echo', 'echo', 'echo']);
    const some = perStage(model, (stage) => [null, say(stage.span, String(stage.index)), null]);
    expect(messages(some)).toEqual(['0', '1', '2']);
  });

  it('foldStages starts a FROM <stage> child from its parent’s final state, other stages fresh', () => {
    const model = parseDockerfile(DOCKERFILE);
    const reports = foldStages<string[]>(model, {
      start: (_stage, parent) => [...(parent ?? [])],
      step(keys, ins) {
        if (ins.keyword === 'ENV') keys.push(...('pairs' in ins ? ins.pairs.map((p) => p.key) : []));
        return null;
      },
      end: (keys, stage) => say(stage.span, `${stage.name}: ${keys.join(',')}`),
    });
    expect(messages(reports)).toEqual(['tools: ', 'base: A', 'app: A,B']);
  });
});
