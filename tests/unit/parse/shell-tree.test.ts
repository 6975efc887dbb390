// parse/shell-tree.ts copies tree-sitter's tree into plain objects for the shell walker. The copy
// must answer every question the walker asks exactly as the web-tree-sitter Node does: checked
// node by node on every RUN of the corpus and the peer suites, and on scripts with syntax errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { readShellTree } from '../../../src/engine/parse/shell';
import { plainTree, type ShellNode } from '../../../src/engine/parse/shell-tree';
import { loadShellParser, runSources } from './helpers';

beforeAll(loadShellParser);

/** The field names the walker asks for by name. */
const FIELDS = ['name', 'value', 'body', 'argument', 'descriptor', 'destination'];

const BROKEN = [
  'if a; then b',
  'a &&',
  'echo "unterminated',
  'case $x in a) b;; esac; (',
  'cat <<EOF\nbody\n',
  'a $(b',
  'f() { a; }; x=${y:-z} && [[ -n $v ]] && echo `date` > /dev/null 2>&1',
];

function range(n: { type: string; startIndex: number; endIndex: number } | null) {
  return n && [n.type, n.startIndex, n.endIndex];
}

/** Compares the copy with the tree-sitter node, recursively; returns the number of nodes seen. */
function same(copy: ShellNode, node: Node, source: string): number {
  expect([copy.type, copy.isNamed, copy.startIndex, copy.endIndex], source).toEqual([
    node.type,
    node.isNamed,
    node.startIndex,
    node.endIndex,
  ]);
  expect(copy.childCount, source).toBe(node.childCount);
  expect(copy.namedChildCount, source).toBe(node.namedChildCount);
  for (const field of FIELDS)
    expect(range(copy.childForFieldName(field)), source).toEqual(range(node.childForFieldName(field)));
  let seen = 1;
  for (let i = 0; i < node.childCount; i++) {
    expect(copy.fieldNameForChild(i), source).toBe(node.fieldNameForChild(i));
    seen += same(copy.child(i)!, node.child(i)!, source);
  }
  node.namedChildren.forEach((n, i) => expect(range(copy.namedChild(i)), source).toEqual(range(n)));
  return seen;
}

describe('the plain copy of the shell parse tree', () => {
  it('answers as the tree-sitter nodes do, node by node', () => {
    const sources = [...BROKEN, ...runSources('shell tree copy test')];
    let nodes = 0;
    for (const source of sources)
      nodes += readShellTree(source, (t) => same(plainTree(t), t.rootNode, source)) ?? 0;
    expect(nodes).toBeGreaterThan(100);
  });

  it('keeps the error nodes of a broken script', () => {
    const types = readShellTree('if a; then b', (t) => {
      const all: string[] = [];
      const walk = (n: ShellNode) => {
        all.push(n.type);
        n.children.forEach(walk);
      };
      walk(plainTree(t));
      return all;
    });
    expect(types).toContain('ERROR');
  });
});
