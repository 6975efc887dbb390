// correctness: stage names should be lower-case (StageNameCasing).
import type { Rule } from './types';
import type { TextEdit } from './types';
import { buildCheck, DOCS } from './refs';
import { fromAsToken, isCopy, makeFix, perStage } from './util';

export const rule: Rule = {
  meta: {
    id: 'stage-name-casing',
    technique: 'correctness',
    severity: 'info',
    title: 'Write stage names in lower case',
    hadolint: [],
    buildChecks: ['StageNameCasing'],
    references: [DOCS.multiStage, buildCheck('StageNameCasing')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes: 'Reports a stage name with upper-case letters.',
    whyItMatters:
      'Stage names are matched case-insensitively, so `Build` and `build` are the same stage; writing them in lower case everywhere avoids the impression that they differ (and matches image names, which must be lower case).',
    before: String.raw`FROM golang:1.23 AS Build
RUN go build -o /app .

FROM scratch
COPY --from=Build /app /app
`,
    after: String.raw`FROM golang:1.23 AS build
RUN go build -o /app .

FROM scratch
COPY --from=build /app /app
`,
    fixSafety:
      'Safe: the name is lower-cased in the FROM and in every `COPY --from` and `FROM` that refers to it; lookups are case-insensitive.',
    whenNotToUse: 'If you do not care about naming style.',
  },
  check({ model }) {
    return perStage(model, (stage) => {
      const name = stage.name;
      if (!name || name === name.toLowerCase()) return null;
      const tok = fromAsToken(model, stage.from);
      const edits: (TextEdit | null)[] = [
        tok ? { start: tok.name.start, end: tok.name.end, text: name.toLowerCase() } : null,
      ];
      for (const ins of model.instructions) {
        if (isCopy(ins) && ins.fromRaw && ins.fromRaw.toLowerCase() === name.toLowerCase()) {
          const flag = ins.flags.find((f) => f.name === 'from');
          if (!flag) {
            edits.push(null);
            continue;
          }
          const src = model.text.slice(flag.span.start, flag.span.end);
          const at = src.lastIndexOf(ins.fromRaw);
          edits.push(
            at >= 0
              ? {
                  start: flag.span.start + at,
                  end: flag.span.start + at + ins.fromRaw.length,
                  text: name.toLowerCase(),
                }
              : null,
          );
        }
        if (
          ins.keyword === 'FROM' &&
          ins !== stage.from &&
          'image' in ins &&
          (ins.image as string).toLowerCase() === name.toLowerCase()
        ) {
          const src = model.text.slice(ins.span.start, ins.span.end);
          const at = src.indexOf(ins.image as string, ins.keywordSpan.end - ins.span.start);
          edits.push(
            at >= 0
              ? {
                  start: ins.span.start + at,
                  end: ins.span.start + at + (ins.image as string).length,
                  text: name.toLowerCase(),
                }
              : null,
          );
        }
      }
      return {
        span: stage.from.span,
        message: `Stage name '${name}' has upper-case letters; write '${name.toLowerCase()}'.`,
        fix: makeFix(`Rename to ${name.toLowerCase()}`, 'safe', edits),
      };
    });
  },
};
