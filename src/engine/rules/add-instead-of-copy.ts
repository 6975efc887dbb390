// correctness: ADD for plain local files (DL3020).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { isCopy, keywordAsWritten, makeFix, perInstruction } from './util';

const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const rule: Rule = {
  meta: {
    id: 'add-instead-of-copy',
    technique: 'correctness',
    severity: 'warning',
    title: 'Use COPY for local files',
    hadolint: ['DL3020'],
    buildChecks: [],
    references: [DOCS.copy, DOCS.add, hadolintRule('DL3020')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports ADD whose sources are local files or folders — no URL, git repository or archive to extract.',
    whyItMatters:
      'ADD does more than copy: it downloads URLs and unpacks local tar archives. Using it for plain files hides that behaviour from the reader and can surprise when a `.tar.gz` shows up in the sources. COPY does exactly one thing.',
    before: String.raw`FROM alpine:3.20
ADD app.sh /usr/local/bin/app.sh
`,
    after: String.raw`FROM alpine:3.20
COPY app.sh /usr/local/bin/app.sh
`,
    fixSafety:
      'Safe: for local, non-archive sources ADD and COPY behave the same, flags included. Not offered when ADD-only flags are used.',
    whenNotToUse:
      'Extracting a local archive (`ADD rootfs.tar.gz /`) and fetching a URL with `--checksum` are what ADD is for; they are not reported.',
  },
  check({ model }) {
    return perInstruction(model, ['ADD'], (ins) => {
      if (!isCopy(ins)) return;
      if (ins.remoteSources.length || ins.archiveSources.length) return;
      if (
        ins.sources.some(
          (s) =>
            /^(https?|git|ssh):|\.git$|^git@|\$/.test(s) ||
            /\.(tar|tgz|tar\.\w+|txz|tbz2?|gz|bz2|xz)$/.test(s),
        )
      )
        return;
      if (ins.heredocs.length) return;
      const written = keywordAsWritten(model, ins);
      const fix = ins.flags.some((f) => ADD_ONLY_FLAGS.has(f.name))
        ? null
        : makeFix('Use COPY', 'safe', [
            {
              start: ins.keywordSpan.start,
              end: ins.keywordSpan.end,
              text: written === written.toLowerCase() ? 'copy' : 'COPY',
            },
          ]);
      return {
        span: ins.span,
        message: `ADD ${ins.sources.join(' ')} copies local files; COPY says so and does nothing else.`,
        fix,
      };
    });
  },
};
