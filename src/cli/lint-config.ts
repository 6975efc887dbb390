// The command line's lint configuration: `--config FILE`, else `.hadolint.yaml` / `.hadolint.yml`
// in the working folder (as hadolint looks for it), parsed by the engine's config module.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHadolintConfig } from '../engine/config/hadolint-config';
import { findingsAtThreshold } from '../engine/config/lint-settings';
import type { Analysis, LintSettings } from '../engine/types';

export const CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

export interface LoadedConfig {
  settings: LintSettings;
  /** The file read, or null when there was none. */
  path: string | null;
  warnings: string[];
}

/** Reads the configuration; a `--config` file that cannot be read is an error (thrown with a message). */
export function loadLintConfig(explicit: string | null, cwd = process.cwd()): LoadedConfig {
  const path = explicit ?? CONFIG_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p)) ?? null;
  if (!path) return { settings: {}, path: null, warnings: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read the configuration ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const { settings, warnings } = parseHadolintConfig(text);
  return { settings, path, warnings: warnings.map((w) => `${path}: ${w}`) };
}

/** True when a finding reaches the configured failure threshold (hadolint's `failure-threshold`). */
export function failsThreshold(analysis: Analysis, threshold: LintSettings['failureThreshold']): boolean {
  return findingsAtThreshold(analysis.findings, threshold).length > 0;
}
