// The walk of a tree-sitter-bash tree into the script's commands: the command list and its
// connectors, nesting (bodies that may not run), redirects and heredocs, the script's own
// variables, and the branch of an architecture `case` that runs on linux/amd64.
import type { ShellNode as Node } from './shell-tree';
import type { Connector, ShellCommand } from '../model';
import type { Lookup, WordResult } from './variables';
import { wordFields, wordValue } from './shell-words';

const OPERATORS: Record<string, Connector> = {
  '&&': '&&',
  '||': '||',
  ';': ';',
  '|': '|',
  '|&': '|',
  '&': '&',
};

/** Constructs whose bodies may not run unconditionally (or run in a separate process). */
const NESTING = new Set([
  'subshell',
  'if_statement',
  'elif_clause',
  'else_clause',
  'for_statement',
  'c_style_for_statement',
  'while_statement',
  'case_statement',
  'case_item',
  'function_definition',
  'command_substitution',
  'process_substitution',
]);

/** Commands that print the architecture, inside $( ) or backquotes. */
const ARCH_PROBE = /(\$\(|`)\s*(dpkg --print-architecture|uname -m|apk --print-arch|arch)\s*(\)|`)/;
/** How linux/amd64 is spelled by those commands (Debian, uname, Alpine, Go/Docker). */
const AMD64_NAMES = ['amd64', 'x86_64', 'x86-64'];

/** A case pattern (`amd64|x86_64` is split by the parser; `*`, `?` and [..] are globs). */
function globMatches(pattern: string, word: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  try {
    return new RegExp(`^${re}$`).test(word);
  } catch {
    return false;
  }
}

/** Collects the commands of one parsed script in source order, each with its connector and nesting. */
export class Walker {
  readonly commands: ShellCommand[] = [];
  private pending: Connector = null;
  /** Variables assigned by the script itself (`V=1; curl .../$V`, `export V=1`). */
  private readonly local = new Map<string, string | null>();
  /** Of those, the ones with an unknown part, as written (`PKGS="nginx=${VERSION} curl"`). */
  private readonly partial = new Map<string, string>();
  private readonly partialOf = (name: string) => this.partial.get(name);
  private readonly lookup: Lookup;
  /** Variables holding the architecture (`arch="$(dpkg --print-architecture)"`). */
  private readonly archVars = new Set<string>();
  private depth = 0;

  constructor(
    private readonly source: string,
    outer: Lookup,
  ) {
    this.lookup = (name) => (this.local.has(name) ? this.local.get(name) : outer(name));
  }

  visit(node: Node, nested: boolean): void {
    if (this.depth > 400) return; // pathological nesting: stop descending
    this.depth++;
    try {
      this.visitInner(node, nested);
    } finally {
      this.depth--;
    }
  }

  private visitInner(node: Node, nested: boolean): void {
    const type = node.type;
    if (!node.isNamed) {
      const op = OPERATORS[type];
      if (op !== undefined) this.pending = op;
      return;
    }
    switch (type) {
      case 'comment':
        return;
      case 'command':
        this.command(node, nested, []);
        return;
      case 'redirected_statement':
        this.redirected(node, nested);
        return;
      case 'variable_assignment':
        this.assignment(node, nested);
        return;
      case 'variable_assignments':
        for (const child of node.namedChildren) if (child) this.assignment(child, nested);
        return;
      case 'declaration_command':
      case 'unset_command':
        this.declaration(node, nested);
        return;
      case 'test_command':
        this.substitutionsIn(node);
        return;
      case 'case_statement':
        if (this.archCase(node, nested)) return;
        for (const child of node.children) if (child) this.visit(child, true);
        return;
      case 'list': {
        // `a && b && c` nests to the left; walk the chain without recursion (long && chains).
        const tails: Node[][] = [];
        let current: Node = node;
        while (current.type === 'list' && current.childCount > 0) {
          const children = current.children.filter((c): c is Node => c !== null);
          tails.push(children.slice(1));
          current = children[0];
        }
        this.visit(current, nested);
        for (let i = tails.length - 1; i >= 0; i--) for (const child of tails[i]) this.visit(child, nested);
        return;
      }
      default: {
        const inner = nested || NESTING.has(type);
        for (const child of node.children) if (child) this.visit(child, inner);
      }
    }
  }

  private newCommand(node: Node, name: string, args: string[], nested: boolean): ShellCommand {
    const cmd: ShellCommand = {
      name,
      args,
      text: this.source.slice(node.startIndex, node.endIndex),
      start: node.startIndex,
      end: node.endIndex,
      connector: this.commands.length === 0 ? null : (this.pending ?? ';'),
      env: {},
      nested,
      redirects: [],
      heredocs: [],
    };
    this.pending = null;
    this.commands.push(cmd);
    return cmd;
  }

  private command(node: Node, nested: boolean, extraRedirects: Node[]): ShellCommand | null {
    let nameNode: Node | null = null;
    const argNodes: Node[] = [];
    const envNodes: Node[] = [];
    const redirects: Node[] = [...extraRedirects];
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (!child) continue;
      const field = node.fieldNameForChild(i);
      if (field === 'name') nameNode = child;
      else if (field === 'argument') argNodes.push(child);
      else if (child.type === 'variable_assignment') envNodes.push(child);
      else if (child.type.endsWith('_redirect')) redirects.push(child);
    }
    const name = nameNode ? this.word(nameNode.namedChild(0) ?? nameNode).value : '';
    const args = argNodes.flatMap((a) => wordFields(a, this.source, this.lookup, this.partialOf));
    const cmd = this.newCommand(node, name, args, nested);
    for (const e of envNodes) {
      const { key, value } = this.assignmentParts(e);
      if (key) cmd.env[key] = value ?? '';
    }
    this.addRedirects(cmd, redirects);
    // Commands inside $( ) and <( ) of the name, the arguments and the assignments.
    for (const n of [...envNodes, ...(nameNode ? [nameNode] : []), ...argNodes]) this.substitutionsIn(n);
    return cmd;
  }

  private addRedirects(cmd: ShellCommand, redirects: Node[]): void {
    for (const r of redirects) {
      if (r.type === 'heredoc_redirect') {
        let strip = false;
        for (const child of r.children) {
          if (!child) continue;
          if (child.type === '<<-') strip = true;
          else if (child.type === 'heredoc_body') {
            const body = this.source.slice(child.startIndex, child.endIndex);
            cmd.heredocs.push(strip ? body.replace(/^\t+/gm, '') : body);
          } else if (child.type === 'file_redirect') this.addRedirects(cmd, [child]);
          else if (!child.isNamed) {
            const op = OPERATORS[child.type];
            if (op !== undefined) this.pending = op;
          } else if (child.type !== 'heredoc_start' && child.type !== 'heredoc_end') {
            this.visit(child, cmd.nested);
          }
        }
        continue;
      }
      let op = '';
      let target = '';
      for (let i = 0; i < r.childCount; i++) {
        const child = r.child(i);
        if (!child) continue;
        const field = r.fieldNameForChild(i);
        if (field === 'descriptor') op += this.source.slice(child.startIndex, child.endIndex);
        else if (field === 'destination') target = this.word(child).value;
        else if (!child.isNamed) op += child.type;
      }
      cmd.redirects.push({ op, target });
    }
  }

  private redirected(node: Node, nested: boolean): void {
    const body = node.childForFieldName('body');
    const redirects: Node[] = [];
    for (const child of node.children) {
      if (child && child !== body && child.type.endsWith('_redirect')) redirects.push(child);
    }
    if (body && body.type === 'command') {
      this.command(body, nested, redirects);
      return;
    }
    const before = this.commands.length;
    if (body) this.visit(body, nested);
    // tree-sitter-bash hangs redirects after `a && b > f` on the whole list: they belong to the last command.
    const owner = this.commands.length > before ? this.commands[this.commands.length - 1] : undefined;
    if (owner) this.addRedirects(owner, redirects);
    else {
      // Only redirects (e.g. `> file`): nothing to attach to; still walk heredoc pipelines.
      for (const r of redirects)
        for (const c of r.namedChildren) if (c && c.type !== 'heredoc_body') this.substitutionsIn(c);
    }
  }

  private assignmentParts(node: Node): { key: string; value: string | null; partial?: string } {
    const nameNode = node.childForFieldName('name');
    const valueNode = node.childForFieldName('value');
    const key = nameNode ? this.source.slice(nameNode.startIndex, nameNode.endIndex) : '';
    if (!valueNode) return { key, value: '' };
    const w = this.word(valueNode);
    if (!w.unresolved) return { key, value: w.value };
    // Unknown variables only (no command's output): the words are still known.
    return /\$\(|`/.test(w.value) ? { key, value: null } : { key, value: null, partial: w.value };
  }

  /** Records a variable the script sets (a partly unknown value kept as written). */
  private setLocal(key: string, parts: { value: string | null; partial?: string }): void {
    this.local.set(key, parts.value);
    if (parts.partial !== undefined) this.partial.set(key, parts.partial);
    else this.partial.delete(key);
  }

  private assignment(node: Node, _nested: boolean): void {
    const parts = this.assignmentParts(node);
    const { key } = parts;
    if (key) this.setLocal(key, parts);
    if (key && ARCH_PROBE.test(this.source.slice(node.startIndex, node.endIndex))) this.archVars.add(key);
    this.substitutionsIn(node);
  }

  private declaration(node: Node, nested: boolean): void {
    const keyword = node.child(0)?.type ?? '';
    const args: string[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'variable_assignment') {
        const parts = this.assignmentParts(child);
        const { key, value } = parts;
        if (key && keyword !== 'local') this.setLocal(key, parts);
        args.push(
          `${key}=${value ?? this.source.slice(child.startIndex, child.endIndex).slice(key.length + 1)}`,
        );
      } else {
        args.push(this.word(child).value);
        if (keyword === 'unset') {
          const name = this.source.slice(child.startIndex, child.endIndex);
          this.local.set(name, undefined as unknown as null);
          this.partial.delete(name);
        }
      }
    }
    this.newCommand(node, keyword, args, nested);
    this.substitutionsIn(node);
  }

  /** Visits commands inside $( ), ` `, <( ) and >( ) found within a word. */
  private substitutionsIn(node: Node): void {
    if (node.type === 'command_substitution' || node.type === 'process_substitution') {
      const saved = this.pending;
      this.pending = null;
      for (const child of node.children) if (child) this.visit(child, true);
      this.pending = saved;
      return;
    }
    if (node.childCount === 0) return;
    for (const child of node.namedChildren) if (child) this.substitutionsIn(child);
  }

  /**
   * `case "$(dpkg --print-architecture)" in amd64) ...;; arm64) ...;; esac`: on linux/amd64 only
   * the matching branch runs, so only its commands are walked. Returns false when the case is not
   * about the architecture (or no branch decides), and the caller walks every branch.
   */
  private archCase(node: Node, nested: boolean): boolean {
    const value = node.childForFieldName('value');
    if (!value || !this.isArchWord(value)) return false;
    for (const item of node.namedChildren) {
      if (!item || item.type !== 'case_item') continue;
      const patterns: string[] = [];
      const body: Node[] = [];
      for (let i = 0; i < item.childCount; i++) {
        const child = item.child(i);
        if (!child) continue;
        if (item.fieldNameForChild(i) === 'value') patterns.push(this.word(child).value);
        else body.push(child);
      }
      if (!patterns.some((p) => AMD64_NAMES.some((a) => globMatches(p, a)))) continue;
      for (const child of body) this.visit(child, true);
      return true;
    }
    return false;
  }

  /** The word names the build's architecture: `$(dpkg --print-architecture)`, `$(uname -m)`, $TARGETARCH. */
  private isArchWord(node: Node): boolean {
    const text = this.source.slice(node.startIndex, node.endIndex);
    if (ARCH_PROBE.test(text)) return true;
    const m = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(text);
    return !!m && (m[1] === 'TARGETARCH' || this.archVars.has(m[1]));
  }

  /** The value of a shell word with quotes removed and known variables substituted. */
  private word(node: Node): WordResult {
    return wordValue(node, this.source, this.lookup);
  }
}
