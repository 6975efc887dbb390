// Display helpers: byte sizes (the engine's one formatter), durations, labels.
export { formatBytes } from '../engine/primitives/bytes';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  if (minutes < 60) return `${minutes} min ${rest} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function percent(part: number, whole: number): string {
  if (!whole) return '0 %';
  return `${Math.round((part / whole) * 100)} %`;
}

const TECHNIQUE_LABELS: Record<string, string> = {
  'base-image': 'Base image',
  'multi-stage': 'Multi-stage build',
  'dev-dependencies': 'Dev dependencies',
  'build-tools': 'Build tools',
  'package-cache': 'Package caches',
  'layer-merge': 'Layers',
  'cache-order': 'Build cache order',
  dockerignore: '.dockerignore',
  'buildkit-cache': 'BuildKit cache mounts',
  'pin-version': 'Pinned versions',
  'non-root': 'Non-root user',
  healthcheck: 'Health check',
  secrets: 'Secrets',
  correctness: 'Correctness',
  other: 'Other',
};

/** A technique (the engine's vocabulary) as a heading. */
export function techniqueLabel(technique: string): string {
  return TECHNIQUE_LABELS[technique] ?? technique;
}

/** A stage as people count it: its name, else "stage 1" for the first (the engine counts from 0). */
export function stageLabel(stage: { index: number; name: string | null }): string {
  return stage.name ?? `stage ${stage.index + 1}`;
}
