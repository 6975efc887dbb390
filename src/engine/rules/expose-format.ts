// correctness: EXPOSE with host mappings, bad ports or upper-case protocols
// (ExposeInvalidFormat, ExposeProtoCasing, DL3011).
import type { Rule, RuleReport } from './types';
import { buildCheck, DOCS, hadolintRule } from './refs';
import { makeFix, perInstruction } from './util';

export const rule: Rule = {
  meta: {
    id: 'expose-format',
    technique: 'correctness',
    severity: 'warning',
    title: 'EXPOSE takes container ports only',
    hadolint: ['DL3011'],
    buildChecks: ['ExposeInvalidFormat', 'ExposeProtoCasing'],
    references: [
      DOCS.expose,
      buildCheck('ExposeInvalidFormat'),
      buildCheck('ExposeProtoCasing'),
      hadolintRule('DL3011'),
    ],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports EXPOSE arguments with an IP address or a `host:container` mapping, ports outside 0–65535, and protocols not written in lower case.',
    whyItMatters:
      'EXPOSE documents which container ports the app listens on; publishing to the host is decided at `docker run -p`. A host part is ignored today and will be an error in a future Docker release; a port outside the valid range fails the build.',
    before: String.raw`FROM nginx:1.27-alpine
EXPOSE 8080:80
`,
    after: String.raw`FROM nginx:1.27-alpine
EXPOSE 80
`,
    fixSafety:
      'Safe: the host part is dropped (Docker already ignores it) and protocols are lower-cased. Out-of-range ports are reported without a fix.',
    whenNotToUse: 'Never.',
  },
  check({ model }) {
    return perInstruction(model, ['EXPOSE'], (ins) => {
      const out: RuleReport[] = [];
      const src = model.text.slice(ins.span.start, ins.span.end);
      let pos = ins.keywordSpan.end - ins.span.start;
      for (const arg of ins.argsAfterFlags.trim().split(/\s+/).filter(Boolean)) {
        const at = src.indexOf(arg, pos);
        pos = at >= 0 ? at + arg.length : pos;
        if (arg.includes('$')) continue;
        const m = /^(.*?)(?:\/(\w+))?$/.exec(arg)!;
        const port = m[1];
        const proto = m[2];
        const edit = (text: string) =>
          at >= 0 ? [{ start: ins.span.start + at, end: ins.span.start + at + arg.length, text }] : [null];
        if (port.includes(':')) {
          const container = port.split(':').pop()!;
          const text = container + (proto ? '/' + proto.toLowerCase() : '');
          out.push({
            span: ins.span,
            message: `EXPOSE ${arg} maps a host address or port; EXPOSE takes only the container port (${text}). Publish with docker run -p.`,
            fix: /^\d+(-\d+)?$/.test(container) ? makeFix(`Expose ${text}`, 'safe', edit(text)) : null,
            aliases: ['ExposeInvalidFormat'],
          });
          continue;
        }
        const bad = port.split('-').some((p) => !/^\d+$/.test(p) || Number(p) > 65535);
        if (bad) {
          out.push({
            span: ins.span,
            message: `EXPOSE ${arg}: ports must be numbers from 0 to 65535.`,
            aliases: ['DL3011'],
          });
          continue;
        }
        if (proto && proto !== proto.toLowerCase()) {
          out.push({
            span: ins.span,
            message: `EXPOSE ${arg}: write the protocol in lower case (${port}/${proto.toLowerCase()}).`,
            fix: makeFix('Lower-case the protocol', 'safe', edit(`${port}/${proto.toLowerCase()}`)),
            aliases: ['ExposeProtoCasing'],
          });
        }
      }
      return out;
    });
  },
};
