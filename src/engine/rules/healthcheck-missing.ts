// healthcheck: a service image (it EXPOSEs a port) without HEALTHCHECK (info). Does not claim hadolint's DL3057: see whenNotToUse.
import type { Rule } from './types';
import { DOCS } from './refs';
import { baseInfo, finalStage, isShellless, shippedStages } from './util';

export const rule: Rule = {
  meta: {
    id: 'healthcheck-missing',
    technique: 'healthcheck',
    severity: 'info',
    title: 'Add a HEALTHCHECK to long-running services',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.healthcheck],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports a final image that exposes a port (a long-running service) but defines no `HEALTHCHECK`.',
    whyItMatters:
      'Without a health check, Docker and Swarm only know whether the process is alive, not whether it answers. A HEALTHCHECK lets `docker ps`, Compose `depends_on: condition: service_healthy` and Swarm restarts react to a hung server.',
    before: String.raw`FROM nginx:1.27-alpine
EXPOSE 80
`,
    after: String.raw`FROM nginx:1.27-alpine
EXPOSE 80
HEALTHCHECK --interval=30s --timeout=3s CMD wget -q -O /dev/null http://localhost/ || exit 1
`,
    fixSafety:
      'Reported, not fixed: a good check depends on the application (an endpoint, a port, a command), and on a tool present in the image (curl and wget are missing from slim and distroless images).',
    whenNotToUse:
      'Kubernetes ignores HEALTHCHECK and uses its own liveness and readiness probes; if you deploy only there, ignore this rule. Also base images that already define a health check. Not reported on bases without a shell (scratch, distroless), where a check needs a probe binary of your own. Not an equivalent of hadolint DL3057, which reports every stage of every Dockerfile without HEALTHCHECK (a builder stage, scratch, an image that runs no server): this rule reports only a final image that serves something and has a shell, so it does not carry DL3057’s id.',
  },
  check(ctx) {
    const { model } = ctx;
    const stage = finalStage(model);
    if (!stage) return [];
    // Without a shell or curl/wget (scratch, distroless) a check needs a probe binary of the app's
    // own: only suggest one where the base has the tools to write it.
    if (isShellless(baseInfo(ctx, stage))) return [];
    const shipped = shippedStages(model);
    const ins = model.instructions.filter((i) => shipped.has(i.stage));
    if (ins.some((i) => i.keyword === 'HEALTHCHECK')) return [];
    const expose = ins.filter((i) => i.keyword === 'EXPOSE');
    if (expose.length === 0) return [];
    const first = expose[0];
    return [
      {
        span: first.span,
        message: `The image exposes ${first.argsAfterFlags.trim()} — a long-running service — but has no HEALTHCHECK, so Docker cannot tell a hung server from a healthy one.`,
      },
    ];
  },
};
