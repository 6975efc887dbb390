// Shell commands of the parsed model, shared by rules and the synthesizers.
import type { ShellCommand } from '../model';

/** The program's base name ('/usr/local/bin/npm' → 'npm'). */
export function programName(cmd: ShellCommand): string {
  const name = cmd.name || '';
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}
