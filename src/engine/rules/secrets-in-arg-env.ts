// secrets: ARG / ENV names or values that look like credentials (SecretsUsedInArgOrEnv, DL3064).
import type { ArgInstruction, EnvInstruction } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, buildCheck, hadolintRule } from './refs';
import { secretInValue } from '../secrets';

const WORDS = new Set([
  'password',
  'passwd',
  'pword',
  'pwd',
  'pass',
  'secret',
  'token',
  'apikey',
  'auth',
  'credential',
  'credentials',
  'key',
  'privatekey',
]);
/** Name parts that make a "key"/"token" name harmless: it names a file, a public part, a setting. */
const BENIGN = new Set([
  'public',
  'pub',
  'gpg',
  'file',
  'path',
  'dir',
  'url',
  'host',
  'name',
  'type',
  'id',
  'length',
  'ttl',
  'timeout',
  'enabled',
  'header',
  'server',
  'keyring',
  'keyserver',
  'endpoint',
  'port',
  'size',
  'mode',
  'version',
  'alg',
  'algorithm',
  'format',
  'user',
  'username',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function sensitiveName(name: string): boolean {
  const parts = words(name);
  const joined = parts.join('');
  // A cloud access key id is half of a credential pair (it names the account the secret unlocks):
  // its "id" does not make it harmless the way a key file or key server does.
  if (joined.includes('accesskeyid')) return true;
  if (parts.some((p) => BENIGN.has(p))) return false;
  if (/(apikey|secretkey|privatekey|accesskey|clientsecret|authtoken)/.test(joined)) return true;
  return parts.some((p) => WORDS.has(p));
}

export const rule: Rule = {
  meta: {
    id: 'secrets-in-arg-env',
    technique: 'secrets',
    severity: 'warning',
    title: 'Do not pass secrets through ARG or ENV',
    hadolint: ['DL3064'],
    buildChecks: ['SecretsUsedInArgOrEnv'],
    references: [DOCS.secrets, buildCheck('SecretsUsedInArgOrEnv'), hadolintRule('DL3064')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports ARG and ENV variables whose name looks like a credential (`*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `API_KEY`, ...) or whose value looks like one (an AWS access key id, a GitHub token, a private key).',
    whyItMatters:
      'ENV values are stored in the image configuration and readable by anyone who can pull the image (`docker inspect`). ARG values end up in the build history and in the cache metadata. Either way, the secret outlives the build. BuildKit secret mounts (`RUN --mount=type=secret,id=npm_token ...`) hand a secret to one RUN without writing it anywhere.',
    before: String.raw`FROM node:22-slim
ARG NPM_TOKEN
RUN echo "install with a token"
`,
    after: String.raw`FROM node:22-slim
RUN --mount=type=secret,id=npm_token echo "install with a token"
`,
    fixSafety:
      'Reported, not fixed: moving to a secret mount changes how the build is invoked (`docker build --secret id=npm_token,env=NPM_TOKEN`), which the Dockerfile alone cannot do.',
    whenNotToUse:
      'Names that only look sensitive (a public key, a key id, the path to a mounted secret file): ignore the finding on that line with `# playground ignore=secrets-in-arg-env`. Runtime configuration that is not secret belongs in ENV. An access key id (AWS_ACCESS_KEY_ID) is reported like its secret partner: it names the account a leaked secret unlocks.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
      const kv = ins as ArgInstruction | EnvInstruction;
      for (const pair of kv.pairs) {
        const value = pair.value ?? '';
        // The same detector as the share dialog's (src/engine/secrets.ts).
        const byValue = secretInValue(value);
        if (byValue) {
          out.push({
            span: ins.span,
            message: `${ins.keyword} ${pair.key} holds what looks like ${byValue}: it is stored in the image and its history. Use a secret mount and rotate the credential.`,
          });
          continue;
        }
        if (!sensitiveName(pair.key)) continue;
        out.push({
          span: ins.span,
          message:
            ins.keyword === 'ENV'
              ? `ENV ${pair.key} looks like a credential: ENV values are readable by anyone who pulls the image. Use a BuildKit secret mount for the build, and runtime configuration for the container.`
              : `ARG ${pair.key} looks like a credential: build arguments are kept in the image history. Use a BuildKit secret mount (RUN --mount=type=secret).`,
        });
      }
    }
    return out;
  },
};
