// "Does this Dockerfile look like it holds a secret?" — asked before sharing, because a link carries
// the whole file. Heuristics, tuned to warn rather than to miss: known token formats (AWS, GitHub,
// GitLab, Slack, Stripe, Google, npm, JWT), private key blocks, credentials in URLs, and literal
// values of ENV/ARG whose name says password/secret/token/key. Values that only reference a
// variable (`$TOKEN`, `${TOKEN}`) or a secrets file are not secrets.
//
// Every pattern is linear (no nested quantifiers) and lines are scanned one at a time with a length
// cap, so a hostile paste cannot stall the page.

export type SecretKind =
  | 'private-key'
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'stripe-key'
  | 'google-api-key'
  | 'npm-token'
  | 'jwt'
  | 'url-credentials'
  | 'password-flag'
  | 'secret-variable';

export interface SecretHit {
  kind: SecretKind;
  /** 1-based line. */
  line: number;
  /** What was found, in words, with the value masked. */
  message: string;
  /** The value with all but its first characters masked, safe to show. */
  masked: string;
}

const MAX_LINE_SCAN = 4000;
const MAX_HITS = 50;

interface TokenPattern {
  kind: SecretKind;
  label: string;
  re: RegExp;
}

const TOKEN_PATTERNS: TokenPattern[] = [
  { kind: 'aws-access-key', label: 'an AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  {
    kind: 'aws-secret-key',
    label: 'an AWS secret access key',
    re: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
  },
  {
    kind: 'github-token',
    label: 'a GitHub token',
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/g,
  },
  { kind: 'gitlab-token', label: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,64}\b/g },
  { kind: 'slack-token', label: 'a Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,200}\b/g },
  { kind: 'stripe-key', label: 'a Stripe secret key', re: /\b[rs]k_live_[A-Za-z0-9]{16,128}\b/g },
  { kind: 'google-api-key', label: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: 'npm-token', label: 'an npm access token', re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  {
    kind: 'jwt',
    label: 'a JSON Web Token',
    re: /\beyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{8,2000}/g,
  },
];

/** Credentials written into a URL: scheme://user:password@host. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:/@'"]{1,200}):([^\s@/'"]{1,200})@[^\s/'"]/gi;

/** Passwords given on a command line: --password=x, --password x, -p<x> (mysql), curl -u user:pass. */
const PASSWORD_FLAGS: RegExp[] = [
  /(?:^|\s)--?(?:password|passwd|pass|token|api-key|secret)(?:=|\s+)(["']?)([^\s"'$][^\s"']{2,200})\1/gi,
  /(?:^|\s)(?:mysql|mysqladmin|mysqldump)\b[^\n]{0,200}?\s-p([^\s$'"-][^\s'"]{2,200})/gi,
  /(?:^|\s)curl\b[^\n]{0,300}?\s(?:-u|--user)(?:=|\s+)(["']?)([^\s:$'"]{1,100}):([^\s"'$][^\s"']{2,200})\1/gi,
];

/** Variable names that say their value is secret. */
const SECRET_NAME =
  /(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth(?:[_-]?token)?|_pat$|^pat$|licen[cs]e[_-]?key)/i;
/** Names that mention a secret but hold something else (a path to it, a user name, a length). */
const NOT_SECRET_NAME =
  /(?:_file|_path|_dir|_url_file|_user(?:name)?|_length|_len|_min|_max|_policy|_type|_hint|_id)$/i;
/** Values that are not secrets even under a secret-looking name. */
const NOT_SECRET_VALUE =
  /^(?:|true|false|yes|no|on|off|none|null|nil|0|1|\*+|x+|<[^>]*>|\.\.\.|changeme-in-runtime|\/[^\s]*|\$\{?[A-Za-z_][A-Za-z0-9_]*(?:[:?+-][^}]*)?\}?)$/i;

/** Looks at a Dockerfile's text and lists what looks like a secret. */
export function findSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let inKey = false;
  for (let i = 0; i < lines.length && hits.length < MAX_HITS; i++) {
    const raw = lines[i];
    const line = raw.length > MAX_LINE_SCAN ? raw.slice(0, MAX_LINE_SCAN) : raw;
    const lineNo = i + 1;
    const seen = new Set<string>();
    const add = (kind: SecretKind, message: string, value: string) => {
      const key = `${kind}:${value}`;
      if (seen.has(key)) return;
      seen.add(key);
      hits.push({ kind, line: lineNo, message, masked: mask(value) });
    };

    const keyBlock = /-----BEGIN ((?:[A-Z0-9]+ ){0,4})?PRIVATE KEY(?: BLOCK)?-----/.exec(line);
    if (keyBlock && !inKey) {
      add(
        'private-key',
        `Line ${lineNo} starts a private key (${(keyBlock[1] ?? '').trim() || 'PEM'} block).`,
        keyBlock[0],
      );
      inKey = true;
    }
    if (inKey && /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/.test(line)) inKey = false;

    for (const p of TOKEN_PATTERNS) {
      p.re.lastIndex = 0;
      for (const m of line.matchAll(p.re)) {
        const value = m[1] ?? m[0];
        add(p.kind, `Line ${lineNo} contains what looks like ${p.label}.`, value);
      }
    }

    URL_CREDENTIALS.lastIndex = 0;
    for (const m of line.matchAll(URL_CREDENTIALS)) {
      const password = m[2];
      if (isReference(password) || NOT_SECRET_VALUE.test(password)) continue;
      add('url-credentials', `Line ${lineNo} has a user name and password written into a URL.`, password);
    }

    for (const re of PASSWORD_FLAGS) {
      re.lastIndex = 0;
      for (const m of line.matchAll(re)) {
        const value = m[m.length - 1];
        if (!value || isReference(value) || NOT_SECRET_VALUE.test(value)) continue;
        add('password-flag', `Line ${lineNo} passes a password or token on a command line.`, value);
      }
    }

    for (const { name, value } of variableAssignments(line)) {
      if (!SECRET_NAME.test(name) || NOT_SECRET_NAME.test(name)) continue;
      const v = unquote(value);
      if (NOT_SECRET_VALUE.test(v) || isReference(v) || v.length < 4) continue;
      add(
        'secret-variable',
        `Line ${lineNo} sets ${name} to a literal value; anyone with the link (or the image) can read it.`,
        v,
      );
    }
  }
  return hits;
}

/** True when the Dockerfile looks like it holds at least one secret. */
export function looksLikeItHoldsSecrets(text: string): boolean {
  return findSecrets(text).length > 0;
}

/** NAME=value pairs of an ENV or ARG instruction on this line (also the legacy `ENV NAME value`),
 *  and `export NAME=value` inside RUN. */
function variableAssignments(line: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const instr = /^\s*(ENV|ARG)\s+(.*)$/i.exec(line);
  const body = instr ? instr[2] : line;
  if (instr && /^[A-Za-z_][A-Za-z0-9_]*\s+[^=\s]/.test(body) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(body)) {
    // legacy form: ENV NAME the value
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.+?)\s*\\?$/.exec(body);
    if (m) out.push({ name: m[1], value: m[2] });
    return out;
  }
  // NAME=value, NAME="value with spaces", NAME='value'; also on continuation lines and in `export`.
  const re =
    /(?:^|\s)(?:export\s+)?([A-Za-z_][A-Za-z0-9_]{0,100})=("(?:[^"\\]|\\.){0,500}"|'[^']{0,500}'|[^\s"'\\]{0,500})/g;
  for (const m of body.matchAll(re)) out.push({ name: m[1], value: m[2] });
  return out;
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    return value.slice(1, -1);
  }
  return value;
}

function isReference(value: string): boolean {
  return /^\$\{?[A-Za-z_][A-Za-z0-9_]*/.test(value) || /^\$\(/.test(value);
}

/** Keeps the first characters (enough to recognise the value) and hides the rest. */
export function mask(value: string): string {
  if (value.startsWith('-----BEGIN')) return value;
  const keep = value.length > 12 ? 4 : value.length > 6 ? 2 : 1;
  return `${value.slice(0, keep)}${'•'.repeat(Math.min(8, Math.max(3, value.length - keep)))}`;
}
