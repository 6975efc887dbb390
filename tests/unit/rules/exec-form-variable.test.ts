// exec-form-variable: $VAR in a JSON-form command reaches the program literally.
import { beforeAll, expect, it } from 'vitest';
import { df, lint, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('exec-form-variable', {
  valid: [
    { name: 'no variable', code: df('FROM python:3.12-slim', 'CMD ["gunicorn", "app:app"]') },
    {
      name: 'shell form expands',
      code: df('FROM python:3.12-slim', 'CMD gunicorn --workers $WORKERS app:app'),
    },
    {
      name: 'a shell in JSON form expands',
      code: df('FROM python:3.12-slim', 'CMD ["sh", "-c", "exec gunicorn --workers $WORKERS app:app"]'),
    },
    { name: 'a shell by path', code: df('FROM alpine:3.20', 'ENTRYPOINT ["/bin/bash", "-c", "echo $HOME"]') },
    { name: 'a dollar that is no variable', code: df('FROM alpine:3.20', 'CMD ["echo", "costs $5", "$$"]') },
  ],
  invalid: [
    {
      name: '${VAR} in CMD',
      code: df(
        'FROM python:3.12-slim',
        'ENV WORKERS=4',
        'CMD ["uvicorn", "--workers", "${WORKERS}", "main:app"]',
      ),
      output: null,
    },
    {
      name: '$VAR in ENTRYPOINT',
      code: df('FROM node:22-slim', 'ENTRYPOINT ["node", "$APP_MAIN"]'),
      output: null,
    },
    { name: '$VAR in RUN', code: df('FROM alpine:3.20', 'RUN ["mkdir", "-p", "$HOME/data"]'), output: null },
  ],
});

it('names the variable, the program and the line', () => {
  const [found] = lint(
    df('FROM python:3.12-slim', 'CMD ["uvicorn", "--workers", "${WORKERS}"]'),
    'exec-form-variable',
  );
  expect(found.finding.line).toBe(2);
  expect(found.finding.message).toContain('"${WORKERS}" to uvicorn literally');
});
