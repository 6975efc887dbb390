// Peer cases where a rule of ours deliberately differs from the peer (stricter or kinder). Each
// entry names the case file and the reason; the rule's docs (whenNotToUse) say the same in words.
// The conformance test counts these as documented, not as failures.
export interface DocumentedDifference {
  file: string;
  rule: string;
  reason: string;
}

export const DOCUMENTED_DIFFERENCES: readonly DocumentedDifference[] = [
  {
    file: 'hadolint-DL3002-5.Dockerfile',
    rule: 'DL3002',
    reason:
      'Differs from hadolint DL3002: only the final image’s user counts (a root USER in a builder stage is not reported), and an ignore pragma keeps its valid ids even when it also lists an unknown one (hadolint then drops the whole pragma).',
  },
  {
    file: 'hadolint-DL3002-16.Dockerfile',
    rule: 'DL3002',
    reason:
      'Differs from hadolint DL3002: only the final image’s user counts (a root USER in a builder stage is not reported), and an ignore pragma keeps its valid ids even when it also lists an unknown one (hadolint then drops the whole pragma).',
  },
  {
    file: 'hadolint-DL3009-4.Dockerfile',
    rule: 'DL3009',
    reason:
      'Differs from hadolint DL3009: stages that do not ship (builder stages, ONBUILD in them) are not reported.',
  },
  {
    file: 'hadolint-DL3009-12.Dockerfile',
    rule: 'DL3009',
    reason:
      'Differs from hadolint DL3009: stages that do not ship (builder stages, ONBUILD in them) are not reported.',
  },
  {
    file: 'hadolint-DL3010-4.Dockerfile',
    rule: 'DL3010',
    reason:
      'Differs from hadolint DL3010: Windows paths with backslashes in the tar command are not matched to the copied archive.',
  },
  {
    file: 'hadolint-DL3033-21.Dockerfile',
    rule: 'DL3033',
    reason:
      'Differs from hadolint DL3033 and DL3041: a package version from a variable that is not set in the stage is not reported (hadolint reports it as empty).',
  },
  {
    file: 'hadolint-DL3041-45.Dockerfile',
    rule: 'DL3041',
    reason:
      'Differs from hadolint DL3033 and DL3041: a package version from a variable that is not set in the stage is not reported (hadolint reports it as empty).',
  },
  {
    file: 'hadolint-DL3040-6.Dockerfile',
    rule: 'DL3040',
    reason:
      'Differs from hadolint DL3040: a clean by microdnf after a dnf install counts as clean (both empty the same cache).',
  },
  {
    file: 'hadolint-DL3060-23.Dockerfile',
    rule: 'DL3060',
    reason:
      'Differs from hadolint DL3060: ONBUILD triggers are not checked for a yarn cache (they run in the images built from this one, which this file does not show); hadolint reports them.',
  },
];

/** Peer rules deliberately not covered, with the reason (the bench prints them next to the table). */
export const NOT_COVERED: readonly { rule: string; reason: string }[] = [
  {
    rule: 'DL1001',
    reason:
      'Off by default in hadolint (severity "ignore"): it reports the use of ignore pragmas, for organisations that forbid them. Not offered until the configuration can switch rules on.',
  },
  {
    rule: 'DL3057',
    reason:
      'Reports every stage without HEALTHCHECK, builder stages and scratch included; our healthcheck-missing reports only a final image that serves something and has a shell, so it does not claim the id.',
  },
  {
    rule: 'DL3066',
    reason:
      'Reports every non-numeric USER, including `USER node` and `USER nonroot`, which the non-root-user rule recommends; the two pieces of advice would contradict each other.',
  },
  {
    rule: 'UndefinedVar',
    reason:
      'Needs the full variable scope of every instruction (ARG, ENV, the base image’s ENV, BuildKit’s automatic arguments); the base image’s environment is not known without pulling it, so the rule would report false alarms.',
  },
];
