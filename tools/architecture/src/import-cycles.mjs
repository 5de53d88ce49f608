// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Source files whose imports are followed: TypeScript and JavaScript of apps/, libs/, tools/. */
const SOURCE = /^(apps|libs|tools)\/.+\.(ts|mts|cts|js|mjs|cjs)$/;

/**
 * The import graph of the repository's sources: file → files it imports (static and type-only
 * imports, re-exports, `import()` and `require()`), resolved the way TypeScript resolves them
 * (tsconfig.base.json: `@rewind/*` paths, Node resolution). Imports of packages are left out.
 * @param {string} root
 * @param {string[]} files repository files (see repoFiles)
 * @returns {Map<string, string[]>} relative paths
 */
export function importGraph(root, files) {
  const sources = files.filter((f) => SOURCE.test(f) && !f.endsWith('.d.ts'));
  const config = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const options = { ...ts.parseJsonConfigFileContent(config.config, ts.sys, root).options, allowJs: true };
  const host = ts.createCompilerHost(options);
  const known = new Set(sources);
  /** @type {Map<string, string[]>} */
  const graph = new Map();
  for (const file of sources) {
    const absolute = path.join(root, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(absolute, 'utf8'), true, true);
    /** @type {Set<string>} */
    const targets = new Set();
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, absolute, options, host).resolvedModule;
      if (!resolved) continue;
      const target = path.relative(root, resolved.resolvedFileName).split(path.sep).join('/');
      if (known.has(target)) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/**
 * The import cycles of a graph: one per strongly connected component of more than one file (or a
 * file importing itself), shown as the shortest cycle through its first file, e.g.
 * `['a.ts', 'b.ts', 'a.ts']`. Sorted, so the output is stable.
 * @param {Map<string, string[]>} graph
 * @returns {string[][]}
 */
export function findCycles(graph) {
  // Tarjan's algorithm, iterative (no recursion limit on long import chains).
  let next = 0;
  /** @type {Map<string, number>} */
  const index = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */
  const components = [];
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    /** @type {[string, number][]} */
    const work = [[start, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      if (i === 0) {
        index.set(node, next);
        low.set(node, next);
        next++;
        stack.push(node);
        onStack.add(node);
      }
      const edges = graph.get(node) ?? [];
      if (i < edges.length) {
        frame[1]++;
        const target = edges[i];
        if (!index.has(target)) work.push([target, 0]);
        else if (onStack.has(target))
          low.set(node, Math.min(/** @type {number} */ (low.get(node)), /** @type {number} */ (index.get(target))));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(/** @type {number} */ (low.get(parent)), /** @type {number} */ (low.get(node))));
      }
      if (low.get(node) === index.get(node)) {
        /** @type {string[]} */
        const component = [];
        let member;
        do {
          member = /** @type {string} */ (stack.pop());
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || edges.includes(node)) components.push(component.sort());
      }
    }
  }
  return components.map((component) => shortestCycle(graph, component)).sort((a, b) => a[0].localeCompare(b[0]));
}

/** The shortest path from a component's first file back to itself, inside the component. */
function shortestCycle(/** @type {Map<string, string[]>} */ graph, /** @type {string[]} */ component) {
  const members = new Set(component);
  const start = component[0];
  /** @type {Map<string, string>} */
  const cameFrom = new Map();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const cycle = [start];
        for (let at = node; at !== start; at = /** @type {string} */ (cameFrom.get(at))) cycle.splice(1, 0, at);
        return [...cycle, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return [...component, start];
}

/**
 * @param {string} root
 * @param {string[]} files repository files (see repoFiles)
 * @returns {{ key: string, message: string }[]} one problem per cycle, keyed by the cycle
 */
export function checkImportCycles(root, files) {
  return findCycles(importGraph(root, files)).map((cycle) => {
    const key = cycle.join(' -> ');
    return { key, message: `import cycle: ${key}` };
  });
}
