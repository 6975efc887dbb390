// correctness: FROM uses a variable no global ARG declares (UndefinedArgInFrom).
import type { Rule } from './types';
import { buildCheck, DOCS } from './refs';
import { perStage } from './util';

const PREDEFINED = new Set([
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'TARGETSTAGE',
  'BUILDKIT_SYNTAX',
]);

export const rule: Rule = {
  meta: {
    id: 'undefined-arg-in-from',
    technique: 'correctness',
    severity: 'warning',
    title: 'Declare ARGs used in FROM before the first FROM',
    hadolint: [],
    buildChecks: ['UndefinedArgInFrom'],
    references: [
      DOCS.arg,
      'https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact',
      buildCheck('UndefinedArgInFrom'),
    ],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports a variable in a FROM line (image or `--platform`) that no ARG before the first FROM declares and that is not one of the predefined platform arguments.',
    whyItMatters:
      'Only ARGs declared before the first FROM are visible in FROM lines. An undeclared variable expands to an empty string, so `FROM node:${NODE_VERSION}-alpine` quietly becomes `node:-alpine` and the build fails with an invalid reference — or `FROM ${BASE}` fails with an empty name.',
    before: String.raw`FROM node:${'${'}NODE_VERSION}-alpine
`,
    after: String.raw`ARG NODE_VERSION=22
FROM node:${'${'}NODE_VERSION}-alpine
`,
    fixSafety: 'Reported, not fixed: the default value to declare is yours to choose.',
    whenNotToUse:
      'When the variable is always passed with `--build-arg`, still declare it (without a default) so the intent is visible.',
  },
  check({ model }) {
    const declared = new Set(model.globalArgs.flatMap((a) => a.pairs.map((p) => p.key)));
    return perStage(model, (stage) => {
      const from = stage.from;
      const missing = new Set<string>();
      for (const t of [from.image, from.platform ?? '']) {
        for (const m of t.matchAll(
          /\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
        )) {
          const name = m[1] ?? m[3];
          const hasDefault = !!m[2] && /^:?-/.test(m[2]);
          if (!declared.has(name) && !PREDEFINED.has(name) && !hasDefault) missing.add(name);
        }
      }
      return [...missing].map((name) => ({
        span: from.span,
        message: `FROM uses $${name}, which no ARG before the first FROM declares; it expands to an empty string.`,
      }));
    });
  },
};
