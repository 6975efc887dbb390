// A tree-sitter-bash tree copied into plain objects in one cursor walk. The shell walker reads a
// node's type, range, children and field names several times each, and on a web-tree-sitter Node
// every such read is a call into wasm (a node handle marshalled, the answer unmarshalled): reading
// each once here made parseShell about a quarter cheaper. The copy answers the same questions, with
// the same names, as the web-tree-sitter Node API the walker used (tests/unit/parse/shell-tree.test.ts
// compares the two on every RUN of the corpus and the peer suites).
import type { Language, Tree } from 'web-tree-sitter';

export class ShellNode {
  readonly children: ShellNode[] = [];
  /** The field name each child has in this node (null when none), by child index. */
  readonly fields: (string | null)[] = [];
  private named: ShellNode[] | null = null;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {}

  get childCount(): number {
    return this.children.length;
  }

  child(index: number): ShellNode | null {
    return this.children[index] ?? null;
  }

  get namedChildren(): ShellNode[] {
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  namedChild(index: number): ShellNode | null {
    return this.namedChildren[index] ?? null;
  }

  fieldNameForChild(index: number): string | null {
    return this.fields[index] ?? null;
  }

  /** The first child with that field name. */
  childForFieldName(name: string): ShellNode | null {
    const i = this.fields.indexOf(name);
    return i < 0 ? null : this.children[i];
  }
}

/** Whether a node type is named, by type id (a property of the grammar's symbol: asked once each). */
const namedTypes = new WeakMap<Language, Map<number, boolean>>();

function namedness(language: Language): Map<number, boolean> {
  let map = namedTypes.get(language);
  if (!map) namedTypes.set(language, (map = new Map()));
  return map;
}

/** The tree's root and everything below it, as ShellNodes (the tree itself is not kept). */
export function plainTree(tree: Tree): ShellNode {
  const language = tree.language;
  const named = namedness(language);
  const cursor = tree.walk();
  try {
    const parents: ShellNode[] = [];
    let root: ShellNode | null = null;
    for (;;) {
      const typeId = cursor.nodeTypeId;
      let isNamed = named.get(typeId);
      if (isNamed === undefined) named.set(typeId, (isNamed = language.nodeTypeIsNamed(typeId)));
      const node = new ShellNode(
        language.types[typeId] || 'ERROR',
        isNamed,
        cursor.startIndex,
        cursor.endIndex,
      );
      const parent = parents[parents.length - 1];
      if (parent) {
        parent.children.push(node);
        parent.fields.push(cursor.currentFieldName ?? null);
      } else root = node;
      if (cursor.gotoFirstChild()) {
        parents.push(node);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return root!;
        parents.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}
