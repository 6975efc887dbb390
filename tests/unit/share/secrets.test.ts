import { describe, expect, it } from 'vitest';
import {
  MAX_SCAN_CHARS,
  findSecrets,
  looksLikeItHoldsSecrets,
  mask,
  scanSecrets,
  secretInValue,
} from '../../../src/engine/secrets';
import { BLOW_UP_CPU_MS, withCpuTime } from '../cpu-time';

const kinds = (text: string) => findSecrets(text).map((h) => h.kind);

describe('secret detection', () => {
  it('AWS keys', () => {
    expect(kinds('ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE')).toContain('aws-access-key');
    expect(kinds('ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toContain(
      'aws-secret-key',
    );
  });
  it('private key blocks', () => {
    const text =
      'RUN echo "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----" > /root/.ssh/id';
    const hits = findSecrets(text);
    expect(hits.map((h) => h.kind)).toEqual(['private-key']);
    expect(hits[0].line).toBe(1);
    expect(
      kinds('COPY <<EOF /k\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nEOF'),
    ).toEqual(['private-key']);
  });
  it('tokens of known formats', () => {
    expect(kinds('ARG GH=ghp_' + 'a'.repeat(36))).toContain('github-token');
    expect(kinds('RUN git clone https://oauth2:glpat-abcdefghij0123456789@gitlab.com/x.git')).toContain(
      'gitlab-token',
    );
    expect(kinds('ENV SLACK=xoxb-1234567890-abcdefghij')).toContain('slack-token');
    expect(kinds('ENV STRIPE=sk_live_' + '4'.repeat(24))).toContain('stripe-key');
    expect(kinds('ENV G=AIza' + 'B'.repeat(35))).toContain('google-api-key');
    expect(kinds('RUN echo "//registry/:_authToken=npm_' + 'x'.repeat(36) + '" > .npmrc')).toContain(
      'npm-token',
    );
    expect(
      kinds(
        'ENV T=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      ),
    ).toContain('jwt');
  });
  it('passwords and tokens in ENV and ARG values', () => {
    expect(kinds('ENV DB_PASSWORD=hunter2')).toEqual(['secret-variable']);
    expect(kinds('ENV DB_PASSWORD="correct horse battery"')).toEqual(['secret-variable']);
    expect(kinds('ARG NPM_TOKEN=abcd1234efgh')).toEqual(['secret-variable']);
    expect(kinds('ENV API_KEY s3cr3tvalue')).toEqual(['secret-variable']); // legacy form
    expect(kinds('ENV A=1 \\\n    CLIENT_SECRET=abcdef123')).toEqual(['secret-variable']);
    expect(kinds('RUN export GITHUB_TOKEN=abcdef123 && make')).toEqual(['secret-variable']);
  });
  it('credentials in URLs and on command lines', () => {
    expect(kinds('RUN pip install --index-url https://user:pa55word@pypi.example.org/simple x')).toContain(
      'url-credentials',
    );
    expect(kinds('RUN mysql -uroot -pS3cret! -e "select 1"')).toContain('password-flag');
    expect(kinds('RUN docker login --password hunter22 registry')).toContain('password-flag');
    expect(kinds('RUN curl -u admin:hunter22 https://x/y')).toContain('password-flag');
  });
  it('what the adversarial review found missing (issue 20)', () => {
    const found: [string, string][] = [
      ['RUN git clone https://ghp_' + 'A1b2'.repeat(9) + '@github.com/o/r.git', 'url-token'],
      ['RUN git clone https://0123456789abcdef0123@gitlab.example.com/o/r.git', 'url-token'],
      [
        'RUN curl -H "Authorization: Bearer abcDEF0123456789xyz" https://api.example.com',
        'authorization-header',
      ],
      ["RUN curl -H 'Authorization: Basic dXNlcjpwYXNzd29yZA==' https://x", 'authorization-header'],
      ['RUN curl "https://api.example.com/v1/items?access_token=abcdef123456&x=1"', 'url-token'],
      ['RUN echo "//registry.npmjs.org/:_authToken=abcdef0123456789" > .npmrc', 'npmrc-auth'],
      ['RUN echo "_auth=dXNlcjpwYXNz" >> /root/.npmrc', 'npmrc-auth'],
      ['RUN docker login -u me -p Sup3rSecret registry.example.com', 'password-flag'],
      [
        'RUN aws configure set aws_secret_access_key wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY',
        'aws-secret-key',
      ],
      [
        'ENV AZ=DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=' + 'Zm9vYmFy'.repeat(8) + '==;',
        'azure-key',
      ],
      ['RUN OPENAI=sk-proj-' + 'Ab3_'.repeat(12) + ' python app.py', 'api-secret-key'],
    ];
    for (const [text, kind] of found) expect(kinds(text), text).toContain(kind);
  });
  it('the engine rule uses the same detector for values', () => {
    expect(secretInValue('sk-proj-' + 'x'.repeat(40))).toMatch(/API secret key/);
    expect(secretInValue('https://0123456789abcdef0123@host/x')).toMatch(/token/);
    expect(secretInValue('AKIAIOSFODNN7EXAMPLE')).toMatch(/AWS/);
    expect(secretInValue('-----BEGIN RSA PRIVATE KEY-----')).toMatch(/private key/);
    expect(secretInValue('production')).toBeNull();
    expect(secretInValue('$API_TOKEN')).toBeNull();
  });
  it('caps the scan and says so', () => {
    const big =
      'RUN echo hi\n'.repeat(Math.ceil(MAX_SCAN_CHARS / 12) + 10) +
      'ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n';
    const scan = scanSecrets(big);
    expect(scan.complete).toBe(false);
    expect(scanSecrets('ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE').complete).toBe(true);
  });
  it('does not flag references, files, placeholders or ordinary Dockerfiles', () => {
    const clean = [
      'ARG NPM_TOKEN',
      'ENV DB_PASSWORD=$DB_PASSWORD',
      'ENV DB_PASSWORD=${DB_PASSWORD:-}',
      'ENV POSTGRES_PASSWORD_FILE=/run/secrets/db',
      'ENV PASSWORD_LENGTH=16',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
      'RUN echo "$TOKEN" | docker login --password-stdin',
      'ENV TOKEN=',
      'ENV AUTH_USER=admin',
      'RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -',
      'FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]',
      'RUN git clone https://github.com/user/repo.git',
      'ENV KEYBOARD=us',
      'RUN curl -H "Authorization: Bearer $GITHUB_TOKEN" https://api.github.com',
      'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc',
      'RUN docker login -u "$USER" -p "$PASS" registry.example.com',
      'RUN git clone git@github.com:o/r.git && git clone ssh://git@github.com/o/r.git',
      'RUN aws configure set region eu-west-1',
      'RUN curl "https://example.com/download?version=1.2.3&arch=amd64"',
    ];
    for (const text of clean) expect(findSecrets(text), text).toEqual([]);
  });
  it('reports lines and masks values', () => {
    const hits = findSecrets('FROM a\n\nENV DB_PASSWORD=hunter2222\n');
    expect(hits).toHaveLength(1);
    expect(hits[0].line).toBe(3);
    expect(hits[0].masked).not.toContain('hunter2222');
    expect(hits[0].message).not.toContain('hunter2222');
    expect(mask('abcdefghijklmnop')).toBe('abcd••••••••');
    expect(looksLikeItHoldsSecrets('FROM a')).toBe(false);
  });
  it('stays linear on hostile input (no backtracking blow-up)', () => {
    const { cpuMs } = withCpuTime(() =>
      findSecrets(
        'ENV A=' + '"'.repeat(200_000) + '\n' + 'eyJ'.repeat(100_000) + '\n' + 'x://a:'.repeat(50_000),
      ),
    );
    expect(cpuMs).toBeLessThan(BLOW_UP_CPU_MS);
  });
});
