// The one explicit list of rules, sorted by id (STYLE.md: one registry, no discovery magic).
import type { Rule } from './types';
import { rule as addInsteadOfCopy } from './add-instead-of-copy';
import { rule as addToExtractArchive } from './add-to-extract-archive';
import { rule as apkNoCache } from './apk-no-cache';
import { rule as aptGetNotApt } from './apt-get-not-apt';
import { rule as aptListsNotRemoved } from './apt-lists-not-removed';
import { rule as aptNoInstallRecommends } from './apt-no-install-recommends';
import { rule as aptUpdateAlone } from './apt-update-alone';
import { rule as baseImageLatest } from './base-image-latest';
import { rule as baseImageUntagged } from './base-image-untagged';
import { rule as brokenJsonForm } from './broken-json-form';
import { rule as buildTools } from './build-tools';
import { rule as caCertificatesOnScratch } from './ca-certificates-on-scratch';
import { rule as cgoBinaryOnStaticBase } from './cgo-binary-on-static-base';
import { rule as dockerInRun } from './docker-in-run';
import { rule as cacheMount } from './cache-mount';
import { rule as chownInSeparateRun } from './chown-in-separate-run';
import { rule as cleanupInSeparateRun } from './cleanup-in-separate-run';
import { rule as consecutiveRun } from './consecutive-run';
import { rule as consistentInstructionCasing } from './consistent-instruction-casing';
import { rule as copyBeforeInstall } from './copy-before-install';
import { rule as copyDestSlash } from './copy-dest-slash';
import { rule as copyFromOwnStage } from './copy-from-own-stage';
import { rule as copyFromUndefinedStage } from './copy-from-undefined-stage';
import { rule as copyRelativeNoWorkdir } from './copy-relative-no-workdir';
import { rule as copyWholeStage } from './copy-whole-stage';
import { rule as definitionDescription } from './definition-description';
import { rule as devDependencies } from './dev-dependencies';
import { rule as dnfCleanAll } from './dnf-clean-all';
import { rule as duplicateStageName } from './duplicate-stage-name';
import { rule as emptyContinuation } from './empty-continuation';
import { rule as envSameStatementRef } from './env-same-statement-ref';
import { rule as execFormVariable } from './exec-form-variable';
import { rule as exposeFormat } from './expose-format';
import { rule as firstInstructionFrom } from './first-instruction-from';
import { rule as fromAsCasing } from './from-as-casing';
import { rule as fromPlatformConstant } from './from-platform-constant';
import { rule as healthcheckMissing } from './healthcheck-missing';
import { rule as invalidDefaultArgInFrom } from './invalid-default-arg-in-from';
import { rule as jsonArgs } from './json-args';
import { rule as labelKeyInvalid } from './label-key-invalid';
import { rule as labelNotInSchema } from './label-not-in-schema';
import { rule as labelRequired } from './label-required';
import { rule as labelValueType } from './label-value-type';
import { rule as legacyEnvFormat } from './legacy-env-format';
import { rule as maintainerDeprecated } from './maintainer-deprecated';
import { rule as missingAssumeYes } from './missing-assume-yes';
import { rule as missingDockerignore } from './missing-dockerignore';
import { rule as multiStage } from './multi-stage';
import { rule as multipleInstructions } from './multiple-instructions';
import { rule as noSudo } from './no-sudo';
import { rule as nodePackageCache } from './node-package-cache';
import { rule as nonRootUser } from './non-root-user';
import { rule as onbuildInvalidTrigger } from './onbuild-invalid-trigger';
import { rule as osPackageUpgrade } from './os-package-upgrade';
import { rule as pinLanguagePackages } from './pin-language-packages';
import { rule as pinOsPackages } from './pin-os-packages';
import { rule as pipNoCacheDir } from './pip-no-cache-dir';
import { rule as pipefail } from './pipefail';
import { rule as pointlessCommands } from './pointless-commands';
import { rule as redundantTargetPlatform } from './redundant-target-platform';
import { rule as reservedStageName } from './reserved-stage-name';
import { rule as runCd } from './run-cd';
import { rule as secretFilesCopied } from './secret-files-copied';
import { rule as secretsInArgEnv } from './secrets-in-arg-env';
import { rule as shellSymlink } from './shell-symlink';
import { rule as slimBaseImage } from './slim-base-image';
import { rule as stageNameCasing } from './stage-name-casing';
import { rule as undefinedArgInFrom } from './undefined-arg-in-from';
import { rule as unknownInstruction } from './unknown-instruction';
import { rule as untrustedRegistry } from './untrusted-registry';
import { rule as useraddLastlog } from './useradd-lastlog';
import { rule as wgetAndCurl } from './wget-and-curl';
import { rule as wgetProgress } from './wget-progress';
import { rule as workdirRelative } from './workdir-relative';
import { rule as yumCleanAll } from './yum-clean-all';
import { rule as zypperClean } from './zypper-clean';

export const allRules: readonly Rule[] = [
  addInsteadOfCopy,
  addToExtractArchive,
  apkNoCache,
  aptGetNotApt,
  aptListsNotRemoved,
  aptNoInstallRecommends,
  aptUpdateAlone,
  baseImageLatest,
  baseImageUntagged,
  brokenJsonForm,
  buildTools,
  caCertificatesOnScratch,
  cacheMount,
  cgoBinaryOnStaticBase,
  chownInSeparateRun,
  cleanupInSeparateRun,
  consecutiveRun,
  consistentInstructionCasing,
  copyBeforeInstall,
  copyDestSlash,
  copyFromOwnStage,
  copyFromUndefinedStage,
  copyRelativeNoWorkdir,
  copyWholeStage,
  definitionDescription,
  devDependencies,
  dnfCleanAll,
  dockerInRun,
  duplicateStageName,
  emptyContinuation,
  envSameStatementRef,
  execFormVariable,
  exposeFormat,
  firstInstructionFrom,
  fromAsCasing,
  fromPlatformConstant,
  healthcheckMissing,
  invalidDefaultArgInFrom,
  jsonArgs,
  labelKeyInvalid,
  labelNotInSchema,
  labelRequired,
  labelValueType,
  legacyEnvFormat,
  maintainerDeprecated,
  missingAssumeYes,
  missingDockerignore,
  multiStage,
  multipleInstructions,
  noSudo,
  nodePackageCache,
  nonRootUser,
  onbuildInvalidTrigger,
  osPackageUpgrade,
  pinLanguagePackages,
  pinOsPackages,
  pipNoCacheDir,
  pipefail,
  pointlessCommands,
  redundantTargetPlatform,
  reservedStageName,
  runCd,
  secretFilesCopied,
  secretsInArgEnv,
  shellSymlink,
  slimBaseImage,
  stageNameCasing,
  undefinedArgInFrom,
  unknownInstruction,
  untrustedRegistry,
  useraddLastlog,
  wgetAndCurl,
  wgetProgress,
  workdirRelative,
  yumCleanAll,
  zypperClean,
];
