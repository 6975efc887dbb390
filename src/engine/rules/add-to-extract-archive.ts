// layer-merge: COPY of a local archive that a later RUN unpacks with tar: ADD extracts it in one
// layer, without keeping the archive itself in the image (DL3010).
import type { CopyInstruction, Stage } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { isCopy, perStage, runsOf } from './util';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;

function basename(path: string): string {
  return path.replace(/["']/g, '').split(/[\\/]/).pop() ?? '';
}

export const rule: Rule = {
  meta: {
    id: 'add-to-extract-archive',
    technique: 'layer-merge',
    severity: 'info',
    title: 'Use ADD to extract a local archive',
    hadolint: ['DL3010'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3010')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports a COPY of a local tar archive (`.tar`, `.tar.gz`, `.tgz`, …) that a later RUN of the same stage unpacks with `tar -x`.',
    whyItMatters:
      'The copied archive stays in its own layer even after it is unpacked, so the image carries the files twice. `ADD archive.tar.gz /dest/` unpacks a local archive while copying it: one layer, no archive left behind.',
    before: String.raw`FROM debian:bookworm-slim
COPY app.tar.gz /opt/
RUN tar -xzf /opt/app.tar.gz -C /opt
`,
    after: String.raw`FROM debian:bookworm-slim
ADD app.tar.gz /opt/
`,
    fixSafety:
      'Reported, not fixed: the RUN may do more than unpack, and ADD unpacks into the destination folder.',
    whenNotToUse:
      'When the archive must be unpacked with options ADD does not offer (strip components, a subset). Differs from hadolint DL3010: Windows paths with backslashes in the tar command are not matched to the copied archive.',
  },
  check({ model }) {
    return perStage(model, (stage) =>
      stage.instructions
        .filter((i): i is CopyInstruction => isCopy(i) && i.keyword === 'COPY' && !i.from)
        .map((copy) => unpackedLater(stage, copy)),
    );
  },
};

/** The report for a COPY of archives that a later RUN of the stage unpacks with tar, else null. */
function unpackedLater(stage: Stage, copy: CopyInstruction): RuleReport | null {
  const archives = copy.sources.filter((s) => ARCHIVE.test(s)).map(basename);
  if (archives.length === 0) return null;
  const names = new Set([...archives, ARCHIVE.test(copy.destination) ? basename(copy.destination) : '']);
  const extracted = runsOf(stage).some(
    (run) =>
      run.span.start > copy.span.start &&
      (run.shell?.commands ?? []).some(
        (c) =>
          c.name === 'tar' &&
          c.args.some((a) => /^-?[a-z]*x/i.test(a) || a === '--extract') &&
          c.args.some((a) => names.has(basename(a))),
      ),
  );
  if (!extracted) return null;
  return {
    span: copy.span,
    message: `${archives[0]} is copied and then unpacked by tar: ADD unpacks a local archive in one layer without keeping the archive.`,
  };
}
