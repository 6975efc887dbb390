// Python: pip, uv, poetry, pdm, pipenv and conda; site-packages, virtual environments and their caches.
import { defineEcosystem } from './types';

export const python = defineEcosystem({
  id: 'python',
  title: 'Python (pip, uv, poetry, pdm, pipenv, conda)',
  kind: 'language',
  managers: ['pip', 'uv', 'poetry', 'pdm', 'pipenv', 'conda'],
  buildTools: ['python-setup'],
  manifests: ['requirements.txt', 'pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', 'environment.yml'],
  lockfiles: ['poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile.lock'],
  // pip's file is the one the install names (`-r requirements/prod.txt`): copy-before-install reads it.
  copyFirst: {},
  caches: [
    { cache: 'pip', paths: /\/\.cache\/pip(\/|$)/, kinds: ['pip-cache'], what: "pip's cache" },
    { cache: 'uv', paths: /\/\.cache\/uv(\/|$)/, kinds: ['pip-cache'], what: "uv's cache" },
    { cache: 'poetry', paths: /\/\.cache\/pypoetry(\/|$)/, kinds: ['pip-cache'], what: "poetry's cache" },
    { cache: 'pdm', paths: /\/\.cache\/pdm(\/|$)/, kinds: ['pip-cache'], what: "pdm's cache" },
    {
      cache: 'conda',
      paths: /^\/opt\/conda\/pkgs(\/|$)|\/conda\/pkgs(\/|$)/,
      kinds: ['conda-pkgs'],
      what: "conda's package cache",
    },
  ],
  cacheMounts: {
    pip: { target: '/root/.cache/pip', also: ['/root/.cache'], hadolint: null },
    uv: { target: '/root/.cache/uv', also: ['/root/.cache'], hadolint: null },
    poetry: { target: '/root/.cache/pypoetry', also: ['/root/.cache'], hadolint: null },
    pdm: { target: '/root/.cache/pdm', also: ['/root/.cache'], hadolint: null },
  },
  outputs: ['.venv', '__pycache__', 'dist', 'build'],
  dockerignore: [
    '# Virtual environments, caches and build output',
    '**/.venv',
    'venv',
    'env',
    '**/__pycache__',
    '**/*.pyc',
    '**/*.pyo',
    '**/.pytest_cache',
    '**/.mypy_cache',
    '**/.ruff_cache',
    '**/.tox',
    '.coverage',
    'htmlcov',
    '*.egg-info',
    'dist',
    'build',
  ],
  runtimeImages: ['python:3-slim', 'gcr.io/distroless/python3-debian12'],
  signs: {
    programs: ['pip', 'pip3', 'poetry', 'uv', 'pdm', 'pipenv', 'python', 'python3', 'conda'],
    images: /python|conda/,
  },
});
