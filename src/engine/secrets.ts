// "Does this Dockerfile hold a secret?" — the one detector, used by the engine's findings (the
// secrets-in-arg-env rule asks `secretInValue`) and, through the secrets worker, by the page before
// a text goes into a link or the address bar. Heuristics, tuned to warn rather than to miss: known
// token formats, private key blocks, credentials in URLs (user:password@, token@, ?access_token=),
// Authorization headers, .npmrc auth lines, passwords on command lines (docker login -p, mysql -p,
// curl -u, aws configure set), connection strings (Azure AccountKey=), and literal values of
// ENV/ARG/export whose name says password/secret/token/key. Values that only reference a variable
// (`$TOKEN`, `${TOKEN}`) or a secrets file are not secrets.
//
// Pure and linear: every pattern has bounded repetitions and no nested quantifiers, lines are cut at
// MAX_LINE_SCAN characters and the whole scan at MAX_SCAN_CHARS, so no input can stall the caller.

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
  | 'api-secret-key'
  | 'jwt'
  | 'azure-key'
  | 'url-credentials'
  | 'url-token'
  | 'authorization-header'
  | 'npmrc-auth'
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
  /** Kind and a 32-bit hash of the value: tells two secrets apart without holding either. */
  id: string;
}

export interface SecretScan {
  hits: SecretHit[];
  /** False when the text was longer than MAX_SCAN_CHARS and only its start was checked. */
  complete: boolean;
}

/** Longest line part that is scanned (a secret sits near the start of a line in practice). */
export const MAX_LINE_SCAN = 4000;
/** Longest text that is scanned: the engine analyzes at most 256 K characters, links hold 1 M. */
export const MAX_SCAN_CHARS = 1_000_000;
const MAX_HITS = 50;

interface Pattern {
  kind: SecretKind;
  label: string;
  re: RegExp;
  /** Which capture group is the secret (0 = the whole match). */
  group?: number;
}

/** Token formats recognisable on their own, wherever they appear. */
const TOKEN_PATTERNS: Pattern[] = [
  { kind: 'aws-access-key', label: 'an AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  {
    kind: 'github-token',
    label: 'a GitHub token',
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{20,255})\b/g,
  },
  { kind: 'gitlab-token', label: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,64}/g },
  { kind: 'slack-token', label: 'a Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,200}/g },
  { kind: 'stripe-key', label: 'a Stripe secret key', re: /\b[rs]k_live_[A-Za-z0-9]{16,128}\b/g },
  { kind: 'google-api-key', label: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: 'npm-token', label: 'an npm access token', re: /\bnpm_[A-Za-z0-9]{30,255}\b/g },
  // OpenAI (sk-…, sk-proj-…, sk-svcacct-…), Anthropic (sk-ant-…) and other "sk-" API keys.
  { kind: 'api-secret-key', label: 'an API secret key (sk-…)', re: /\bsk-[A-Za-z0-9_-]{20,400}/g },
  {
    kind: 'jwt',
    label: 'a JSON Web Token',
    re: /\beyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{8,2000}/g,
  },
  {
    kind: 'azure-key',
    label: 'an Azure account or shared access key',
    re: /\b(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{20,200}={0,2})/gi,
    group: 1,
  },
];

/** Secrets recognisable by what surrounds them; the value is checked against references first. */
const CONTEXT_PATTERNS: Pattern[] = [
  {
    kind: 'aws-secret-key',
    label: 'an AWS secret access key',
    re: /aws_?secret_?access_?key["']?\s{0,5}[:=]\s{0,5}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
  },
  {
    kind: 'aws-secret-key',
    label: 'an AWS secret given to aws configure',
    re: /\baws\s{1,5}configure\s{1,5}set\s{1,5}(?:[\w-]{1,40}\.)?(?:aws_secret_access_key|aws_session_token)\s{1,5}["']?([^\s"']{8,500})/gi,
    group: 1,
  },
  {
    kind: 'url-credentials',
    label: 'a user name and password written into a URL',
    re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"]{1,200}:([^\s@/'"]{1,200})@[^\s/'"]/gi,
    group: 1,
  },
  {
    kind: 'url-token',
    label: 'a token written into a URL (https://TOKEN@host)',
    re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/([A-Za-z0-9_.~-]{16,300})@[^\s/'"]/gi,
    group: 1,
  },
  {
    kind: 'url-token',
    label: 'a token in a URL query (access_token=…)',
    re: /[?&](?:access_token|private_token|auth_token|api_key|apikey|client_secret|token|password)=([^\s&"'#]{6,500})/gi,
    group: 1,
  },
  {
    kind: 'authorization-header',
    label: 'an Authorization header with a credential',
    re: /\b(?:Proxy-)?Authorization:\s{0,5}(?:Bearer|Basic|Token|Bot)\s{1,5}([^\s"']{8,2000})/gi,
    group: 1,
  },
  {
    kind: 'authorization-header',
    label: 'a private token header',
    re: /\b(?:PRIVATE-TOKEN|X-API-Key|X-Auth-Token):\s{0,5}([^\s"']{8,2000})/gi,
    group: 1,
  },
  {
    kind: 'npmrc-auth',
    label: 'an .npmrc auth token (_authToken= / _auth= / _password=)',
    re: /(?:^|[\s:"'])_(?:authToken|auth|password)\s{0,5}=\s{0,5}["']?([^\s"']{6,2000})/gi,
    group: 1,
  },
  {
    kind: 'password-flag',
    label: 'a password or token on a command line',
    re: /(?:^|\s)--?(?:password|passwd|pass|token|api-key|secret)(?:=|\s{1,5})["']?([^\s"']{3,200})/gi,
    group: 1,
  },
  {
    kind: 'password-flag',
    label: 'a password given to docker login -p',
    re: /\b(?:docker|podman|buildah|helm\s{1,5}registry)\s{1,5}login\b[^\n]{0,300}?\s-p(?:=|\s{0,5})["']?([^\s"'-][^\s"']{2,200})/gi,
    group: 1,
  },
  {
    kind: 'password-flag',
    label: 'a password given to mysql -p',
    re: /(?:^|\s)(?:mysql|mysqladmin|mysqldump)\b[^\n]{0,200}?\s-p([^\s'"-][^\s'"]{2,200})/gi,
    group: 1,
  },
  {
    kind: 'password-flag',
    label: 'a password given to curl -u',
    re: /(?:^|\s)curl\b[^\n]{0,300}?\s(?:-u|--user)(?:=|\s{1,5})["']?[^\s:$'"]{1,100}:([^\s"']{3,200})/gi,
    group: 1,
  },
];

const PRIVATE_KEY_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ ){0,4})?PRIVATE KEY(?: BLOCK)?-----/;
const PRIVATE_KEY_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;

/** Variable names that say their value is secret. */
const SECRET_NAME =
  /(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth(?:[_-]?token)?|_pat$|^pat$|licen[cs]e[_-]?key)/i;
/** Names that mention a secret but hold something else (a path to it, a user name, a length). */
const NOT_SECRET_NAME =
  /(?:_file|_path|_dir|_url_file|_user(?:name)?|_length|_len|_min|_max|_policy|_type|_hint|_id)$/i;
/** Values that are not secrets even under a secret-looking name. */
const NOT_SECRET_VALUE =
  /^(?:|true|false|yes|no|on|off|none|null|nil|0|1|\*+|x+|<[^>]*>|\.\.\.|changeme-in-runtime|\/[^\s]*|\$\{?[A-Za-z_][A-Za-z0-9_]*(?:[:?+-][^}]*)?\}?)$/i;

/** Looks at a Dockerfile's text and lists what looks like a secret (at most MAX_HITS). */
export function findSecrets(text: string): SecretHit[] {
  return scanSecrets(text).hits;
}

/** findSecrets, and whether the whole text was checked. */
export function scanSecrets(text: string): SecretScan {
  const complete = text.length <= MAX_SCAN_CHARS;
  const hits: SecretHit[] = [];
  const lines = (complete ? text : text.slice(0, MAX_SCAN_CHARS)).split(/\r\n|\r|\n/);
  let inKey = false;
  for (let i = 0; i < lines.length && hits.length < MAX_HITS; i++) {
    const raw = lines[i];
    const line = raw.length > MAX_LINE_SCAN ? raw.slice(0, MAX_LINE_SCAN) : raw;
    const lineNo = i + 1;
    const seen = new Set<string>();
    const add = (kind: SecretKind, message: string, value: string) => {
      const key = `${kind}:${value}`;
      if (seen.has(key) || hits.length >= MAX_HITS) return;
      seen.add(key);
      hits.push({ kind, line: lineNo, message, masked: mask(value), id: `${kind}:${fnv1a(value)}` });
    };

    const keyBlock = PRIVATE_KEY_BEGIN.exec(line);
    if (keyBlock && !inKey) {
      const what = (keyBlock[1] ?? '').trim() || 'PEM';
      add('private-key', `Line ${lineNo} starts a private key (${what} block).`, keyBlock[0]);
      inKey = true;
    }
    if (inKey && PRIVATE_KEY_END.test(line)) inKey = false;

    for (const hit of matchPatterns(line)) {
      add(hit.kind, `Line ${lineNo} contains what looks like ${hit.label}.`, hit.value);
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
  return { hits, complete };
}

/** The label of the first secret found in one value (an ENV/ARG value, say), or null. */
export function secretInValue(value: string): string | null {
  const first = matchPatterns(value.length > MAX_LINE_SCAN ? value.slice(0, MAX_LINE_SCAN) : value).next();
  if (first.done) return PRIVATE_KEY_BEGIN.test(value) ? 'a private key' : null;
  return first.value.label;
}

/** Every token or in-context secret on one line, skipping variable references and placeholders. */
function* matchPatterns(line: string): Generator<{ kind: SecretKind; label: string; value: string }> {
  for (const p of TOKEN_PATTERNS) {
    for (const m of execAll(p.re, line)) yield { kind: p.kind, label: p.label, value: m[p.group ?? 0] };
  }
  for (const p of CONTEXT_PATTERNS) {
    for (const m of execAll(p.re, line)) {
      const value = unquote(m[p.group ?? 0] ?? '');
      if (!value || isReference(value) || NOT_SECRET_VALUE.test(value)) continue;
      yield { kind: p.kind, label: p.label, value };
    }
  }
}

/** The matches of a global regex (String.matchAll clones the regex on every call: slow per line). */
function* execAll(re: RegExp, line: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const next = re.lastIndex;
    yield m;
    if (m[0].length === 0) re.lastIndex++;
    else re.lastIndex = next;
  }
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
  return value.replace(/^["']|["']$/g, '');
}

function isReference(value: string): boolean {
  return /^\$\{?[A-Za-z_][A-Za-z0-9_]*/.test(value) || /^\$\(/.test(value);
}

/** FNV-1a, 32 bits, as hex. */
function fnv1a(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

/** Keeps the first characters (enough to recognise the value) and hides the rest. */
export function mask(value: string): string {
  if (value.startsWith('-----BEGIN')) return value;
  const keep = value.length > 12 ? 4 : value.length > 6 ? 2 : 1;
  return `${value.slice(0, keep)}${'•'.repeat(Math.min(8, Math.max(3, value.length - keep)))}`;
}
