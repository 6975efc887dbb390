// correctness: images come only from the registries the lint settings trust (DL3026).
import type { CopyInstruction, RunInstruction, Span } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { isScratch, parseImageRef } from '../parse/images';
import { perInstruction, perStage } from './util';

/** Whether an image reference's registry is trusted: exact host, `*.suffix` wildcard, or `*`. */
export function registryTrusted(image: string, trusted: readonly string[]): boolean {
  const ref = parseImageRef(image);
  const host = ref.dockerHub ? 'docker.io' : (ref.registry ?? '').toLowerCase();
  return trusted.some((entry) => {
    const t = entry.trim().toLowerCase();
    if (t === '*') return true;
    if (t.startsWith('*.')) return host.endsWith(t.slice(1));
    // Docker Hub under any of its names: trusting one trusts them all.
    return ref.dockerHub ? parseImageRef(`${t}/x`).dockerHub : t === host;
  });
}

export const rule: Rule = {
  meta: {
    id: 'untrusted-registry',
    technique: 'correctness',
    severity: 'error',
    title: 'Use images from trusted registries only',
    hadolint: ['DL3026'],
    buildChecks: [],
    references: [DOCS.from, hadolintRule('DL3026')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'With trusted registries in the lint settings (`trustedRegistries` in `.hadolint.yaml`, or the Options panel), reports each image pulled from another registry: in FROM, in `COPY --from=<image>` and in `RUN --mount=from=<image>`. Entries may be `*.example.com` (any subdomain) or `*` (any). Images without a registry count as `docker.io`. Earlier stages and `scratch` are never reported. Without a list it reports nothing.',
    whyItMatters:
      'Organisations mirror and scan the images they allow; a base image from elsewhere skips those checks and may change or vanish without notice.',
    before: String.raw`FROM quay.io/example/app:1.0
CMD ["app"]
`,
    after: String.raw`FROM registry.example.com/example/app:1.0
CMD ["app"]
`,
    fixSafety: 'Reported, not fixed: which mirror holds the image is yours to say.',
    whenNotToUse: 'Personal projects: leave the trusted registries empty.',
    settings: { trustedRegistries: ['registry.example.com'] },
  },
  check({ model, settings }) {
    const trusted = settings?.trustedRegistries ?? [];
    if (trusted.length === 0) return [];
    const untrusted = (image: string, span: Span, where: string): RuleReport | null => {
      if (image.includes('$') || isScratch(image) || registryTrusted(image, trusted)) return null;
      const ref = parseImageRef(image);
      const host = ref.dockerHub ? 'docker.io' : ref.registry;
      return {
        span,
        message: `${where} ${image}: ${host} is not a trusted registry (trusted: ${trusted.join(', ')}).`,
      };
    };
    const isStage = (name: string) =>
      model.stages.some((s) => s.name?.toLowerCase() === name.toLowerCase() || String(s.index) === name);
    return [
      ...perStage(model, (stage) =>
        'image' in stage.base
          ? untrusted(stage.from.resolvedImage ?? stage.from.image, stage.from.span, 'FROM')
          : null,
      ),
      ...perInstruction(model, ['COPY', 'ADD', 'RUN'], (ins) => {
        if (ins.keyword === 'RUN')
          return (ins as RunInstruction).mounts.map((m) =>
            m.from && !isStage(m.from) ? untrusted(m.from, ins.span, 'RUN --mount from') : null,
          );
        const from = (ins as CopyInstruction).from;
        return from && 'image' in from ? untrusted(from.image, ins.span, 'COPY --from') : null;
      }),
    ];
  },
};
