// correctness: a JSON (exec) form command that names a variable ($VAR, ${VAR}): no shell runs, so
// nothing expands it and the program receives the text "$VAR" literally.
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { CMD_EXE, POSIX_SHELLS, POWERSHELL } from '../primitives/keywords';

/** A shell reference: $NAME or ${NAME...}. `$$`, `$1` and a lone `$` are left alone. */
const VARIABLE = /\$(?:\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/;
/** A shell as the program: `["sh", "-c", "… $VAR …"]` expands inside the shell, as intended. */
function isShell(program: string): boolean {
  return POSIX_SHELLS.test(program) || POWERSHELL.test(program) || CMD_EXE.test(program);
}

export const rule: Rule = {
  meta: {
    id: 'exec-form-variable',
    technique: 'correctness',
    severity: 'warning',
    title: 'Variables are not expanded in the JSON form of CMD, ENTRYPOINT and RUN',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.cmd, DOCS.entrypoint],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports a CMD, ENTRYPOINT or RUN in JSON (exec) form whose arguments contain `$NAME` or `${NAME}`, unless the program is a shell (`["sh", "-c", "…"]`).',
    whyItMatters:
      'The JSON form starts the program directly, without a shell, and Docker does not substitute environment variables in it. `CMD ["gunicorn", "--workers", "${WORKERS}"]` passes the eight characters `${WORKERS}` to gunicorn, which then fails or falls back to a default — the ENV you set has no effect.',
    before: String.raw`FROM python:3.12-slim
ENV WORKERS=4
CMD ["gunicorn", "--workers", "$WORKERS", "app:app"]
`,
    after: String.raw`FROM python:3.12-slim
ENV WORKERS=4
CMD ["sh", "-c", "exec gunicorn --workers \"$WORKERS\" app:app"]
`,
    fixSafety:
      'Reported, not fixed: wrapping the command in `sh -c` changes quoting and needs a shell in the image (distroless and scratch have none). Use `sh -c "exec …"` so the program stays PID 1, read the variable in the program itself, or move the command into an entrypoint script.',
    whenNotToUse:
      'When the program itself reads the literal `$NAME` text on purpose (rare: some tools expand their own arguments).',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT' && ins.keyword !== 'RUN') continue;
      if (ins.form !== 'json' || !ins.json || ins.json.length === 0) continue;
      if (isShell(ins.json[0])) continue;
      const arg = ins.json.find((a) => VARIABLE.test(a));
      if (arg === undefined) continue;
      const name = VARIABLE.exec(arg)![0];
      out.push({
        span: ins.span,
        message: `${ins.keyword} in JSON form passes "${name}" to ${ins.json[0]} literally: without a shell nothing expands variables. Use ["sh", "-c", "exec …"] or let the program read the variable itself.`,
      });
    }
    return out;
  },
};
