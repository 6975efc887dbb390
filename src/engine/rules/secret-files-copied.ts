// secrets: COPY / ADD of private keys, .env files and credential files.
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { isCopy } from './util';

const PATTERNS: [RegExp, string][] = [
  [/^\.env(\.(?!example$|sample$|template$|dist$|defaults?$)[\w.-]+)?$/i, 'an environment file'],
  [/^id_(rsa|dsa|ecdsa|ed25519)$/i, 'an SSH private key'],
  [/\.(pem|key|p12|pfx)$/i, 'a private key or certificate bundle'],
  [/^\.(npmrc|pypirc|netrc|git-credentials)$/i, 'a credentials file'],
  [/^credentials(\.json)?$/i, 'a credentials file'],
  [/^(service-account|serviceaccount)[\w-]*\.json$/i, 'a cloud service-account key'],
  [/^\.?(htpasswd)$/i, 'a password file'],
];

export const rule: Rule = {
  meta: {
    id: 'secret-files-copied',
    technique: 'secrets',
    severity: 'warning',
    title: 'Do not copy secret files into the image',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.secrets, DOCS.dockerignore],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports COPY or ADD of files that usually hold secrets: `.env`, SSH private keys (`id_rsa`, ...), `*.pem` / `*.key`, `.npmrc`, `.pypirc`, `.netrc`, cloud credential files.',
    whyItMatters:
      'A file copied into a layer stays there for anyone who pulls the image, even if a later RUN deletes it. Registry scans find such keys within hours of a push to a public registry. Build-time secrets belong in secret mounts, runtime secrets in the orchestrator.',
    before: String.raw`FROM python:3.12-slim
WORKDIR /app
COPY .env app.py ./
CMD ["python", "app.py"]
`,
    after: String.raw`FROM python:3.12-slim
WORKDIR /app
COPY app.py ./
CMD ["python", "app.py"]
`,
    fixSafety:
      'Reported, not fixed: the application must then receive its configuration another way (environment at run time, a mounted secret).',
    whenNotToUse:
      'Public certificates (a CA bundle named `*.pem`) are not secrets: ignore the finding on that line. Example files such as `.env.example` are not reported.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      if (!isCopy(ins) || ins.from !== null) continue;
      for (const src of ins.sources) {
        const base =
          src
            .replace(/(?<!\/)\/+$/, '')
            .split('/')
            .pop() ?? src;
        const hit = PATTERNS.find(([re]) => re.test(base));
        if (!hit) continue;
        out.push({
          span: ins.span,
          message: `${ins.keyword} ${src} puts ${hit[1]} into a layer, readable by anyone who pulls the image.`,
        });
        break;
      }
    }
    return out;
  },
};
