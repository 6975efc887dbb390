// correctness: a comment right above ARG or FROM … AS describes it when it starts with its name
// (InvalidDefinitionDescription, experimental in BuildKit: only with `# check=experimental=…`).
import type { ArgInstruction, DockerfileModel } from '../model';
import type { Rule, RuleReport } from './types';
import { buildCheck } from './refs';

const NAME = 'InvalidDefinitionDescription';

function enabled(model: DockerfileModel): boolean {
  const m = /(?:^|;)\s*experimental\s*=\s*([^;]*)/i.exec(model.directives.check ?? '');
  return !!m && m[1].split(',').some((n) => n.trim() === NAME || n.trim() === 'all');
}

export const rule: Rule = {
  meta: {
    id: 'definition-description',
    technique: 'correctness',
    severity: 'info',
    title: 'Start the comment above ARG or a named stage with its name',
    hadolint: [],
    buildChecks: [NAME],
    references: [buildCheck(NAME)],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'When BuildKit’s experimental check is switched on (`# check=experimental=InvalidDefinitionDescription`), reports a comment directly above `ARG name` or `FROM … AS name` that does not start with that name.',
    whyItMatters:
      'BuildKit shows such comments as the description of the build argument or target (`docker buildx build --call=outline`), but only when they start with the name; otherwise the comment is silently not a description.',
    before: String.raw`# check=experimental=InvalidDefinitionDescription
FROM alpine:3.20
# the version of the tool
ARG VERSION=1.0
`,
    after: String.raw`# check=experimental=InvalidDefinitionDescription
FROM alpine:3.20
# VERSION the version of the tool
ARG VERSION=1.0
`,
    fixSafety:
      'Reported, not fixed: a blank line between comment and instruction also works when it is no description.',
    whenNotToUse: 'Off unless the experimental check is switched on in the Dockerfile, as in BuildKit.',
  },
  check({ model }) {
    if (!enabled(model)) return [];
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      const names =
        ins.keyword === 'ARG'
          ? (ins as ArgInstruction).pairs.map((p) => p.key)
          : ins.keyword === 'FROM' && 'stageName' in ins && ins.stageName
            ? [ins.stageName]
            : [];
      const comment = ins.commentsAbove[ins.commentsAbove.length - 1]?.trim();
      if (!names.length || !comment || /^\s*check\s*=/i.test(comment)) continue;
      const first = comment.split(/\s+/)[0];
      if (names.includes(first)) continue;
      out.push({
        span: ins.span,
        message: `The comment above ${ins.keyword} should start with ${names[0]} to be its description (BuildKit shows it in --call=outline).`,
      });
    }
    return out;
  },
};
