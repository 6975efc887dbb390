// correctness: FROM built from global ARGs whose defaults make an invalid image name (InvalidDefaultArgInFrom).
import type { Rule } from './types';
import { buildCheck } from './refs';
import { perStage } from './util';

/** name[:tag][@digest] with Docker's character rules, after the defaults are substituted. */
const REFERENCE =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$/;

export const rule: Rule = {
  meta: {
    id: 'invalid-default-arg-in-from',
    technique: 'correctness',
    severity: 'warning',
    title: 'Give FROM’s build arguments defaults that make a valid image',
    hadolint: [],
    buildChecks: ['InvalidDefaultArgInFrom'],
    references: [buildCheck('InvalidDefaultArgInFrom')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Substitutes the defaults of the global ARGs (empty when an ARG has none) into each FROM and reports a FROM whose image name is then invalid, such as `busybox:` or an empty name.',
    whyItMatters:
      'Without `--build-arg`, the build uses the defaults: a FROM that only works when the caller passes the argument fails for everyone else, and tools that read the Dockerfile (scanners, this playground) cannot tell which image it means.',
    before: String.raw`ARG VERSION
FROM node:$VERSION
`,
    after: String.raw`ARG VERSION=22-slim
FROM node:$VERSION
`,
    fixSafety: 'Reported, not fixed: the right default is yours to choose.',
    whenNotToUse: 'Never: a default costs nothing and `--build-arg` still overrides it.',
  },
  check({ model }) {
    const defaults = new Map<string, string>();
    for (const arg of model.globalArgs)
      for (const p of arg.pairs) defaults.set(p.key, p.resolved ?? p.value ?? '');
    return perStage(model, (stage) => {
      const image = stage.from.image;
      if (stage.implicit || !image.includes('$')) return null;
      let unknown = false;
      const value = image.replace(/\$\{(\w+)(?::?[-+]([^}]*))?\}|\$(\w+)/g, (_m, a, alt, b) => {
        const name = a ?? b;
        if (!defaults.has(name)) unknown = true;
        const v = defaults.get(name) ?? '';
        return v === '' && alt !== undefined ? alt : v;
      });
      if (unknown || REFERENCE.test(value.replace(/^["']|["']$/g, ''))) return null;
      return {
        span: stage.from.span,
        message: `With the ARG defaults this FROM names "${value}", which is not a valid image; give the ARG a default.`,
      };
    });
  },
};
