// Shell commands of the parsed model, shared by rules and the synthesizers.
import type { Instruction, ShellCommand } from '../model';
import { basename } from './paths';

/** The program's base name ('/usr/local/bin/npm' → 'npm'). */
export function programName(cmd: ShellCommand): string {
  const name = cmd.name || '';
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

/** Words of CMD/ENTRYPOINT: the JSON array, or a whitespace split of a simple shell form. */
export function commandWords(i: Instruction | null): string[] | null {
  if (!i) return null;
  if (i.form === 'json' && i.json) return i.json;
  const text = i.argsAfterFlags.trim();
  if (!text) return null;
  return text.split(/\s+/);
}

/** The words of the program a command runs, looking through `sh -c "…"` and a leading `exec`
 *  (`["sh", "-c", "exec java $JAVA_OPTS -jar app.jar"]` → java $JAVA_OPTS -jar app.jar). */
export function programWords(words: string[] | null): string[] | null {
  if (!words?.length) return words;
  let w = words;
  if (/^(sh|bash|ash|dash)$/.test(basename(w[0])) && w[1] === '-c' && w.length === 3)
    w = w[2].trim().split(/\s+/);
  if (w[0] === 'exec') w = w.slice(1);
  return w.length ? w : null;
}
