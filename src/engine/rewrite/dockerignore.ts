// A suggested .dockerignore for the ecosystem the Dockerfile reveals: version control, local
// dependencies and build outputs (rebuilt inside the image), tests and docs, secrets (.env),
// editor folders and logs. Nothing the Dockerfile itself copies or uses is excluded.
import type { CopyInstruction, DockerfileModel } from '../model';
import { detectEcosystems, ecosystem, type DetectedEcosystem as Ecosystem } from '../ecosystems';
import { excludes } from './verify/dockerignore';

/** The first ecosystem the Dockerfile reveals. */
export function detectEcosystem(model: DockerfileModel): Ecosystem {
  return detectEcosystems(model)[0];
}

const COMMON = [
  '# Version control',
  '.git',
  '.gitignore',
  '.gitattributes',
  '',
  '# Docker files themselves',
  'Dockerfile*',
  '*.Dockerfile',
  '.dockerignore',
  'docker-compose*.yml',
  'compose*.yaml',
  '',
  '# Secrets and local settings',
  '.env',
  '.env.*',
  '*.pem',
  '*.key',
  '',
  '# Editors, OS files, logs',
  '.vscode',
  '.idea',
  '*.swp',
  '.DS_Store',
  '*.log',
  '',
  '# CI, docs and tests (not needed to build or run the app)',
  '.github',
  '.gitlab-ci.yml',
  'docs',
  'tests',
  'test',
  '__tests__',
  'coverage',
];

/** The entries each ecosystem module lists (ecosystems/<name>.ts: dockerignore). */
function perEcosystem(eco: Ecosystem): readonly string[] {
  return eco === 'other' ? [] : ecosystem(eco).dockerignore;
}

function contextCopies(model: DockerfileModel): CopyInstruction[] {
  return model.instructions.filter(
    (i): i is CopyInstruction =>
      (i.keyword === 'COPY' || i.keyword === 'ADD') &&
      (i as CopyInstruction).from === null &&
      (i as CopyInstruction).sources.some((s) => !(i as CopyInstruction).remoteSources.includes(s)),
  );
}

/** Names the Dockerfile uses itself (copied sources, words of its commands): never ignored. */
function usedNames(model: DockerfileModel): Set<string> {
  const used = new Set<string>();
  for (const c of contextCopies(model)) {
    for (const s of c.sources) {
      const clean = s.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '');
      if (!clean || clean === '.') continue;
      used.add(clean.split('/')[0]);
      used.add(clean);
    }
  }
  return used;
}

function mentioned(model: DockerfileModel, entry: string): boolean {
  const bare = entry.replace(/\*[\s\S]*$/, '').replace(/^\./, '\\.');
  if (!bare || bare.length < 3) return false;
  // `npm test`, `pytest tests/`, `COPY docs ...`: the build uses it.
  return new RegExp(`(^|[\\s/"'=])${bare}([\\s/"':]|$)`, 'm').test(
    model.instructions
      .filter((i) => i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD')
      .map((i) => i.argsText)
      .join('\n'),
  );
}

export function suggestDockerignore(model: DockerfileModel): string | null {
  if (!model.stages.length || !contextCopies(model).length) return null;
  // A multi-ecosystem file (a Node front-end and a Rust helper) gets the union of the lists.
  const ecosystems = detectEcosystems(model);
  const used = usedNames(model);
  const usesTests = model.instructions.some(
    (i) =>
      i.keyword === 'RUN' &&
      /\b(npm (run )?test|yarn test|pnpm test|pytest|go test|cargo test|mvn .*\b(test|verify)\b|gradle.* test|dotnet test|phpunit|rspec|ctest)\b/.test(
        i.argsText,
      ),
  );
  const lines: string[] = [];
  const keep = (entry: string): boolean => {
    if (entry === '' || entry.startsWith('#')) return true;
    // `**/node_modules` (a folder that never holds sources, excluded at any depth: a monorepo's
    // packages, a `COPY web/ .`) must not exclude anything the Dockerfile names either.
    if (entry.startsWith('**/') && [...used].some((u) => excludes(entry, u))) return false;
    const base = entry.replace(/^\*\*\//, '').replace(/\/\*\*$/, '');
    if (used.has(base) || used.has(base.replace(/\*[\s\S]*$/, ''))) return false;
    if (/^(tests|test|__tests__|coverage|\*\.(test|spec)\.(js|ts))$/.test(entry) && usesTests) return false;
    if (/^(dist|build|out|target|bin|obj|vendor|\.next|\.output)$/.test(entry) && mentioned(model, entry)) {
      // The Dockerfile copies a prebuilt folder from the context: it must stay.
      const copiesIt = contextCopies(model).some((c) =>
        c.sources.some((s) => s.replace(/^\.\//, '').startsWith(entry)),
      );
      if (copiesIt) return false;
    }
    if (entry === 'docs' && mentioned(model, 'docs')) return false;
    return true;
  };
  const entries = [...COMMON];
  for (const eco of ecosystems)
    for (const e of ['', ...perEcosystem(eco)])
      if (e === '' || e.startsWith('#') || !entries.includes(e)) entries.push(e);
  for (const e of entries) if (keep(e)) lines.push(e);
  // README files are kept: package builds (pyproject readme, npm pack) often read them.
  const text = lines
    .join('\n')
    .replace(/(^|\n)#[^\n]*\n(?=#|\n|$)/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text + '\n';
}
