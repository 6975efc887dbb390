// The label-schema rules (DL3049–DL3056, DL3058): the scenarios of hadolint's specs, with a schema.
import { beforeAll, describe, expect, it } from 'vitest';
import { df, lint, ready, ruleCases } from './helpers';

beforeAll(ready);

const schema = (labelSchema: Record<string, string>, strictLabels = false) => ({
  lint: { labelSchema, strictLabels },
});

ruleCases(
  'label-required',
  {
    valid: [
      { name: 'label present', code: df('FROM a', 'LABEL foo="bar"') },
      { name: 'inherited from the parent stage', code: df('FROM a AS b', 'LABEL foo="bar"', 'FROM b') },
      {
        name: 'a stage only copied from need not carry it',
        code: df('FROM a AS b', 'RUN x', 'FROM c', 'COPY --from=b /x /x', 'LABEL foo="bar"'),
      },
      { name: 'a parent stage need not carry it', code: df('FROM a AS b', 'FROM b', 'LABEL foo="bar"') },
    ],
    invalid: [
      { name: 'single stage, no label', code: df('FROM a'), output: null },
      { name: 'single stage, another label', code: df('FROM a', 'LABEL bar="baz"'), output: null },
      { name: 'two unconnected stages, no labels', code: df('FROM a', 'FROM b'), count: 2 },
      {
        name: 'two unconnected stages, label in the first only',
        code: df('FROM a', 'LABEL foo="x"', 'FROM b'),
      },
      { name: 'two stages built on each other, no labels', code: df('FROM a AS b', 'FROM b') },
    ],
  },
  schema({ foo: 'text' }),
);

ruleCases(
  'label-not-in-schema',
  {
    valid: [
      { name: 'no label', code: df('FROM a') },
      { name: 'only the required label', code: df('FROM a', 'LABEL required="x"') },
    ],
    invalid: [
      { name: 'just another label', code: df('FROM a', 'LABEL other="x"'), output: null },
      { name: 'another label beside the required one', code: df('FROM a', 'LABEL required="x" other="y"') },
    ],
  },
  schema({ required: 'text' }, true),
);

const valueCases = (type: string, good: string[], bad: string[]) =>
  ruleCases(
    'label-value-type',
    {
      valid: [
        ...good.map((v) => ({ name: `${type}: ${v}`, code: df('FROM a', `LABEL l="${v}"`) })),
        { name: `${type}: another label is not checked`, code: df('FROM a', 'LABEL other="?"') },
      ],
      invalid: bad.map((v) => ({ name: `${type}: ${v || 'empty'}`, code: df('FROM a', `LABEL l="${v}"`) })),
    },
    schema({ l: type }),
  );

valueCases('text', ['anything'], ['']);
valueCases('url', ['https://example.com/a', 'git://x.org/r.git'], ['example.com', 'not a url', '']);
valueCases('rfc3339', ['2021-04-20T16:29:30Z', '2021-04-20T16:29:30.5+02:00'], ['2021-04-20', 'yesterday']);
valueCases(
  'spdx',
  ['MIT', 'Apache-2.0 OR MIT', 'GPL-2.0-only WITH Classpath-exception-2.0'],
  ['Apache 2', 'MITX'],
);
valueCases('hash', ['2b0f1e7', '2b0f1e7c1c8e9a1e6f1b2c3d4e5f6a7b8c9d0e1f'], ['2b0f1e', 'zzzzzzz']);
valueCases('semver', ['1.2.3', '1.0.0-rc.1+build.5'], ['1.2', 'v1.2.3']);
valueCases('email', ['dev@example.com'], ['dev', 'dev@', 'a b@example.com']);

describe('label-value-type aliases', () => {
  it('names the hadolint rule of the failed type', () => {
    const found = (type: string, value: string) =>
      lint(df('FROM a', `LABEL l="${value}"`), 'label-value-type', schema({ l: type }))[0]?.finding.aliases;
    expect(found('text', '')).toEqual(['DL3051']);
    expect(found('url', 'x')).toEqual(['DL3052']);
    expect(found('rfc3339', 'x')).toEqual(['DL3053']);
    expect(found('spdx', 'x y')).toEqual(['DL3054']);
    expect(found('hash', 'x')).toEqual(['DL3055']);
    expect(found('semver', 'x')).toEqual(['DL3056']);
    expect(found('email', 'x')).toEqual(['DL3058']);
  });
  it('reports nothing without a schema', () => {
    expect(lint(df('FROM a', 'LABEL l=""'), 'label-value-type')).toEqual([]);
    expect(lint(df('FROM a'), 'label-required')).toEqual([]);
  });
});
