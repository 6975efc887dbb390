// non-root: the final stage runs as root (no USER, or USER root last) (DL3002).
import type { Instruction, Stage } from '../model';
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { baseInfo, eol, finalStage, makeFix } from './util';

const ROOT = /^(root|0)(:(root|0))?$/;

/** Images that already default to an unprivileged user. */
function nonrootBase(repo: string, tag: string | null): boolean {
  return (
    /nonroot/.test(tag ?? '') ||
    repo.startsWith('cgr.dev/chainguard/') ||
    repo.startsWith('bitnami/') ||
    // nginxinc/nginx-unprivileged and the like run as an unprivileged user by design.
    /unprivileged|rootless/.test(repo) ||
    /(^|\/)(chiseled)/.test(tag ?? '') ||
    /-chiseled/.test(tag ?? '')
  );
}

/**
 * Servers whose default configuration binds a port below 1024, which a plain USER line breaks:
 * the advice names the variant made to run unprivileged instead.
 */
function privilegedPortAdvice(repo: string, tag: string | null): string {
  if (repo === 'nginx')
    return ` nginx binds port 80 as root by default, so a USER line alone stops it from starting: use nginxinc/nginx-unprivileged${tag ? `:${tag}` : ''}, which runs as an unprivileged user and listens on 8080.`;
  if (repo === 'httpd')
    return ' httpd binds port 80 by default: before switching USER, make it listen on a port above 1024 (Listen 8080 in httpd.conf).';
  return '';
}

function chain(stages: Stage[], stage: Stage): Instruction[] {
  const out: Instruction[] = [];
  const seen = new Set<number>();
  let s: Stage | undefined = stage;
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    out.unshift(...s.instructions);
    s = 'stage' in s.base ? stages[s.base.stage] : undefined;
  }
  return out;
}

export const rule: Rule = {
  meta: {
    id: 'non-root-user',
    technique: 'non-root',
    severity: 'warning',
    title: 'Run the final image as an unprivileged user',
    hadolint: ['DL3002'],
    buildChecks: [],
    references: [DOCS.user, DOCS.bestPractices, hadolintRule('DL3002')],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes:
      'Reports a final stage whose last `USER` is root, or that never sets a `USER` on a base image that runs as root.',
    whyItMatters:
      'A process running as root inside the container is root on any volume it mounts, and one kernel or runtime escape away from root on the host. Most applications need no privileges at all: create a user (or use the one the base provides: `node` in Node images, `nonroot` in distroless) and switch to it before `CMD`.',
    before: String.raw`FROM node:22-slim
WORKDIR /app
COPY --chown=node:node . .
CMD ["node", "server.js"]
`,
    after: String.raw`FROM node:22-slim
WORKDIR /app
COPY --chown=node:node . .
USER node
CMD ["node", "server.js"]
`,
    fixSafety:
      'Unsafe: the process can no longer write files owned by root (copy them with `--chown`), bind ports below 1024, or install packages at run time. Offered only where the base image ships an unprivileged user: `USER node` for Node images, the `:nonroot` tag for distroless.',
    whenNotToUse:
      'Images whose job needs root (some init systems, network tools), or when the orchestrator enforces a user (`runAsUser` in Kubernetes) — then the USER line is still a good default. Differs from hadolint DL3002: only the final image’s user counts (a root USER in a builder stage is not reported), and an ignore pragma keeps its valid ids even when it also lists an unknown one (hadolint then drops the whole pragma).',
  },
  check(ctx) {
    const { model } = ctx;
    const stage = finalStage(model);
    if (!stage) return [];
    const users = chain(model.stages, stage).filter((i) => i.keyword === 'USER');
    const last = users[users.length - 1];
    const nl = eol(model);
    if (last) {
      const name = ('args' in last ? last.args[0] : undefined) ?? last.argsAfterFlags.trim();
      if (!ROOT.test(name.trim())) return [];
      return [
        {
          span: last.span,
          message: `The final image runs as ${name.trim()} (the last USER of the final stage); switch to an unprivileged user after the steps that need root.`,
          aliases: ['DL3002'],
        },
      ];
    }
    if (stage.implicit) return []; // a snippet without FROM: no base image to run as root
    const info = baseInfo(ctx, stage);
    if (info && nonrootBase(info.repo, info.tag)) return [];
    if (!('image' in stage.base) && !('scratch' in stage.base) && !info) return [];
    let fix = null;
    if (info && (info.repo === 'node' || info.repo.endsWith('/node'))) {
      const cmd = stage.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
      const at = cmd ? cmd.span.start : model.text.length;
      const prefix = cmd || model.text.endsWith('\n') ? '' : nl;
      fix = makeFix(
        'Switch to the node user',
        'unsafe',
        [{ start: at, end: at, text: `${prefix}USER node${cmd ? nl : ''}` }],
        ['Files the app writes must be owned by node (COPY --chown=node:node).'],
      );
    } else if (info && info.repo.includes('distroless') && !info.digest) {
      const from = stage.from;
      const src = model.text.slice(from.span.start, from.span.end);
      const written = from.image;
      const at = src.indexOf(written);
      if (at >= 0 && !written.includes('$')) {
        const newRef = info.tag
          ? written.replace(
              /:([^:/]+)$/,
              (_m, t: string) => `:${t === 'latest' ? 'nonroot' : t + '-nonroot'}`,
            )
          : `${written}:nonroot`;
        fix = makeFix('Use the distroless :nonroot variant', 'unsafe', [
          { start: from.span.start + at, end: from.span.start + at + written.length, text: newRef },
        ]);
      }
    }
    const what = info ? info.reference : 'scratch';
    return [
      {
        span: stage.from.span,
        message: `The final stage (FROM ${what}) never sets USER, so the container runs as root.${info ? privilegedPortAdvice(info.repo, info.tag) : ''}`,
        fix,
        aliases: [],
      },
    ];
  },
};
