// multi-stage: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('multi-stage', {
  valid: [
    {
      name: 'an SDK image that only runs the app is slim-base-image’s business',
      code: df('FROM golang:1.23', 'COPY app /app', 'CMD ["/app"]'),
    },
    {
      name: 'already multi-stage',
      code: df('FROM golang:1.23 AS b', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=b /app /app'),
    },
    {
      name: 'interpreted app on a slim image',
      code: df('FROM python:3.12-slim', 'COPY app.py .', 'CMD ["python", "app.py"]'),
    },
  ],
  invalid: [
    {
      name: 'npm run build in a single stage',
      code: df(
        'FROM node:22',
        'WORKDIR /app',
        'COPY . .',
        'RUN npm ci && npm run build',
        'CMD ["node", "dist/index.js"]',
      ),
    },
    {
      name: 'dotnet publish',
      code: df(
        'FROM mcr.microsoft.com/dotnet/sdk:8.0',
        'WORKDIR /src',
        'COPY . .',
        'RUN dotnet publish -c Release -o /out',
        'ENTRYPOINT ["dotnet", "/out/app.dll"]',
      ),
    },
    {
      name: 'build in the final stage of a multi-stage file: reported, not fixed',
      code: df('FROM node:22 AS deps', 'RUN echo', 'FROM node:22', 'RUN npm run build'),
      output: null,
    },
  ],
});
