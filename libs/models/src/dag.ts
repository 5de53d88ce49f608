import { DataTestDefinition, ModelDefinition, ModelProjectError } from './types';

export interface ModelProject {
  /** Models in topological order (dependencies first; ties by name). */
  models: ModelDefinition[];
  byName: Map<string, ModelDefinition>;
  /** Every data test, generic and singular, attached to the model it guards. */
  tests: DataTestDefinition[];
  dependsOn(name: string): string[];
  /** Direct dependents. */
  dependents(name: string): string[];
  descendants(name: string): string[];
  ancestors(name: string): string[];
}

/**
 * Builds the DAG from ref() calls: rejects duplicate names, unknown refs and cycles
 * (each error names the file), orders models topologically and attaches singular
 * tests to the last model (in that order) they read.
 */
export function buildProject(models: ModelDefinition[], singularTests: DataTestDefinition[] = []): ModelProject {
  const byName = new Map<string, ModelDefinition>();
  for (const model of models) {
    const existing = byName.get(model.name);
    if (existing) throw new ModelProjectError(`${model.file}: model "${model.name}" is also defined in ${existing.file}`, model.file);
    byName.set(model.name, model);
  }
  for (const model of models) {
    for (const ref of model.refs) {
      if (!byName.has(ref)) throw new ModelProjectError(`${model.file}: ref('${ref}') names no model`, model.file);
      if (ref === model.name) throw new ModelProjectError(`${model.file}: model "${model.name}" refs itself (use {{ this }})`, model.file);
    }
  }

  // Kahn's algorithm; the lexical tie-break keeps the order stable across runs. A relationships
  // test's target is built before the model it guards (an ordering edge, not a ref).
  const orderDeps = new Map<string, string[]>();
  for (const model of models) {
    const targets = model.tests.flatMap((t) => (t.to && byName.has(t.to.model) && t.to.model !== model.name ? [t.to.model] : []));
    orderDeps.set(model.name, [...new Set([...model.refs, ...targets])]);
  }
  const indegree = new Map(models.map((m) => [m.name, orderDeps.get(m.name)!.length]));
  const after = new Map<string, string[]>(models.map((m) => [m.name, []]));
  const dependents = new Map<string, string[]>(models.map((m) => [m.name, []]));
  for (const model of models) for (const ref of model.refs) dependents.get(ref)!.push(model.name);
  for (const model of models) for (const dep of orderDeps.get(model.name)!) after.get(dep)!.push(model.name);
  const ready = models
    .filter((m) => orderDeps.get(m.name)!.length === 0)
    .map((m) => m.name)
    .sort();
  const order: string[] = [];
  while (ready.length) {
    const name = ready.shift()!;
    order.push(name);
    for (const next of after.get(name)!) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) {
        ready.push(next);
        ready.sort();
      }
    }
  }
  if (order.length !== models.length) {
    const cycle = findCycle(
      models.filter((m) => !order.includes(m.name)),
      orderDeps,
    );
    const first = byName.get(cycle[0])!;
    throw new ModelProjectError(
      `${first.file}: dependency cycle (each refs the next) ${cycle.join(' -> ')} (files: ${cycle
        .slice(0, -1)
        .map((n) => byName.get(n)!.file)
        .join(', ')})`,
      first.file,
    );
  }
  const position = new Map(order.map((n, i) => [n, i]));

  const tests: DataTestDefinition[] = [];
  for (const model of models) {
    for (const test of model.tests) {
      if (test.to) {
        if (!byName.has(test.to.model))
          throw new ModelProjectError(`${model.file}: relationships test refers to unknown model "${test.to.model}"`, model.file);
        if (test.to.model === model.name)
          throw new ModelProjectError(`${model.file}: relationships test must refer to another model`, model.file);
      }
      tests.push(test);
    }
  }
  for (const test of singularTests) {
    for (const ref of test.refs ?? [])
      if (!byName.has(ref)) throw new ModelProjectError(`${test.file}: ref('${ref}') names no model`, test.file);
    const last = [...(test.refs ?? [])].sort((a, b) => position.get(b)! - position.get(a)!)[0];
    tests.push({ ...test, model: last });
  }
  const names = new Set<string>();
  for (const test of tests) {
    if (names.has(test.name)) throw new ModelProjectError(`${test.file}: test "${test.name}" is declared twice`, test.file);
    names.add(test.name);
  }

  const walk = (start: string, next: (n: string) => string[]): string[] => {
    const seen = new Set<string>();
    const stack = [...next(start)];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...next(n));
    }
    return order.filter((n) => seen.has(n));
  };

  return {
    models: order.map((n) => byName.get(n)!),
    byName,
    tests,
    dependsOn: (name) => [...(byName.get(name)?.refs ?? [])].sort(),
    dependents: (name) => [...(dependents.get(name) ?? [])].sort(),
    descendants: (name) => walk(name, (n) => dependents.get(n) ?? []),
    ancestors: (name) => walk(name, (n) => byName.get(n)?.refs ?? []),
  };
}

function findCycle(remaining: ModelDefinition[], deps: Map<string, string[]>): string[] {
  const inRemaining = new Set(remaining.map((m) => m.name));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | null => {
    state.set(name, 'visiting');
    path.push(name);
    for (const ref of [...deps.get(name)!].sort()) {
      if (!inRemaining.has(ref)) continue;
      if (state.get(ref) === 'visiting') return [...path.slice(path.indexOf(ref)), ref];
      if (!state.has(ref)) {
        const found = visit(ref);
        if (found) return found;
      }
    }
    path.pop();
    state.set(name, 'done');
    return null;
  };
  for (const model of [...remaining].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!state.has(model.name)) {
      const cycle = visit(model.name);
      if (cycle) return cycle;
    }
  }
  return remaining.map((m) => m.name);
}

/**
 * dbt-style selection: `name`, `name+` (and descendants), `+name` (and ancestors), `+name+`;
 * several selectors separated by commas or spaces. Returns names in topological order.
 */
export function selectModels(project: ModelProject, selector?: string | null): string[] {
  if (!selector || selector.trim() === '' || selector.trim() === '*') return project.models.map((m) => m.name);
  const chosen = new Set<string>();
  for (const raw of selector.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\+?)([a-z][a-z0-9_]*)(\+?)$/.exec(raw);
    if (!m) throw new ModelProjectError(`select: "${raw}" is not a selector (use name, name+, +name)`);
    const [, up, name, down] = m;
    if (!project.byName.has(name)) throw new ModelProjectError(`select: no model named "${name}"`);
    chosen.add(name);
    if (up) project.ancestors(name).forEach((n) => chosen.add(n));
    if (down) project.descendants(name).forEach((n) => chosen.add(n));
  }
  return project.models.map((m) => m.name).filter((n) => chosen.has(n));
}
