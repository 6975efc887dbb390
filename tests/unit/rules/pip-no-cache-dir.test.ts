// pip-no-cache-dir: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('pip-no-cache-dir', {
  valid: [
    {
      name: 'pip install --no-cache-dir',
      code: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir flask'),
    },
    {
      name: 'PIP_NO_CACHE_DIR in the environment',
      code: df('FROM python:3.12-slim', 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install flask'),
    },
    {
      name: 'BuildKit cache mount',
      code: df('FROM python:3.12-slim', 'RUN --mount=type=cache,target=/root/.cache/pip pip install flask'),
    },
    {
      name: 'builder stage',
      code: df(
        'FROM python:3.12 AS b',
        'RUN pip install flask',
        'FROM python:3.12-slim',
        'COPY --from=b /x /x',
      ),
    },
  ],
  invalid: [
    {
      name: 'pip install -r requirements.txt',
      code: df('FROM python:3.12-slim', 'RUN pip install -r requirements.txt'),
      output: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir -r requirements.txt'),
    },
    {
      name: 'python -m pip install',
      code: df('FROM python:3.12-slim', 'RUN python -m pip install flask'),
      output: df('FROM python:3.12-slim', 'RUN python -m pip install --no-cache-dir flask'),
    },
  ],
});
