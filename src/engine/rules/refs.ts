// Reference links shared by the rules' metadata (Docker documentation and the linters we map to).

export const DOCS = {
  bestPractices: 'https://docs.docker.com/build/building/best-practices/',
  multiStage: 'https://docs.docker.com/build/building/multi-stage/',
  cacheOptimize: 'https://docs.docker.com/build/cache/optimize/',
  cache: 'https://docs.docker.com/build/cache/',
  reference: 'https://docs.docker.com/reference/dockerfile/',
  run: 'https://docs.docker.com/reference/dockerfile/#run',
  runMountCache: 'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
  copy: 'https://docs.docker.com/reference/dockerfile/#copy',
  add: 'https://docs.docker.com/reference/dockerfile/#add',
  from: 'https://docs.docker.com/reference/dockerfile/#from',
  env: 'https://docs.docker.com/reference/dockerfile/#env',
  arg: 'https://docs.docker.com/reference/dockerfile/#arg',
  cmd: 'https://docs.docker.com/reference/dockerfile/#cmd',
  entrypoint: 'https://docs.docker.com/reference/dockerfile/#entrypoint',
  user: 'https://docs.docker.com/reference/dockerfile/#user',
  workdir: 'https://docs.docker.com/reference/dockerfile/#workdir',
  expose: 'https://docs.docker.com/reference/dockerfile/#expose',
  healthcheck: 'https://docs.docker.com/reference/dockerfile/#healthcheck',
  shell: 'https://docs.docker.com/reference/dockerfile/#shell',
  onbuild: 'https://docs.docker.com/reference/dockerfile/#onbuild',
  label: 'https://docs.docker.com/reference/dockerfile/#label',
  dockerignore: 'https://docs.docker.com/build/concepts/context/#dockerignore-files',
  secrets: 'https://docs.docker.com/build/building/secrets/',
  baseImages: 'https://docs.docker.com/build/building/base-images/',
  buildChecks: 'https://docs.docker.com/reference/build-checks/',
} as const;

/** The page of one Docker build check, e.g. JSONArgsRecommended → .../json-args-recommended/. */
export function buildCheck(name: string): string {
  const slug = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `${DOCS.buildChecks}${slug}/`;
}

/** The hadolint wiki page of one DL rule. */
export function hadolintRule(id: string): string {
  return `https://github.com/hadolint/hadolint/wiki/${id}`;
}
