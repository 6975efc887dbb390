// correctness: FROM --platform with a constant value (FromPlatformFlagConstDisallowed, DL3029).
import type { Rule } from './types';
import { buildCheck, DOCS } from './refs';
import { perStage } from './util';

export const rule: Rule = {
  meta: {
    id: 'from-platform-constant',
    technique: 'correctness',
    severity: 'warning',
    title: 'Do not hard-code `--platform` in FROM',
    hadolint: ['DL3029'],
    buildChecks: ['FromPlatformFlagConstDisallowed'],
    references: [
      DOCS.from,
      'https://docs.docker.com/build/building/multi-platform/',
      buildCheck('FromPlatformFlagConstDisallowed'),
    ],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports `FROM --platform=<constant>` such as `--platform=linux/amd64`.',
    whyItMatters:
      'A fixed platform overrides `docker build --platform` and breaks multi-platform builds: on an arm64 machine the image is built (and later run) under emulation, slowly. Use `$BUILDPLATFORM` for build stages that cross-compile, and leave the final stage to the build’s target platform.',
    before: String.raw`FROM --platform=linux/amd64 node:22-slim
`,
    after: String.raw`FROM node:22-slim
`,
    fixSafety:
      'Reported, not fixed: the constant may be deliberate (a binary-only dependency that exists for amd64 only).',
    whenNotToUse: 'Images that can only ever run on one architecture; ignore the rule on that FROM.',
  },
  check({ model }) {
    return perStage(model, (stage) => {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (!flag || !flag.value || flag.value.includes('$')) return null;
      // BuildKit allows the constant when the stage name says which platform it is for
      // (`AS build_amd64`); hadolint's DL3029 does not.
      const name = stage.name?.toLowerCase() ?? '';
      const named =
        !!name &&
        flag.value
          .toLowerCase()
          .split('/')
          .some((part) => part && name.includes(part));
      return {
        span: stage.from.span,
        message: `FROM --platform=${flag.value} pins the platform, overriding docker build --platform.`,
        aliases: named ? ['DL3029'] : ['DL3029', 'FromPlatformFlagConstDisallowed'],
      };
    });
  },
};
