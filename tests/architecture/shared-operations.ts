// One operation, one place: the GraphQL documents the apps send are read from their sources
// (every `graphql(`…`)` / gql`…` literal) and reduced to a canonical body — fragments inlined,
// names of the operation dropped, selections sorted — so that two documents asking the server
// the same thing under different names (Login vs SignIn) are found as one written twice.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";

export interface SourceFile {
  path: string;
  text: string;
}

export interface Definition {
  app: string;
  path: string;
  name: string;
  body: string;
}

const literal = /(?:\bgraphql\(\s*|\bgql\s*)`([^`]*)`/g;

/** Every GraphQL definition written in one app's sources. */
export function definitionsOf(files: readonly SourceFile[]): { path: string; node: DefinitionNode }[] {
  const found: { path: string; node: DefinitionNode }[] = [];
  for (const file of files)
    for (const match of file.text.matchAll(literal)) for (const node of parse(match[1]!).definitions) found.push({ path: file.path, node });
  return found;
}

function sortedSelections(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen: ReadonlySet<string>): SelectionSetNode {
  const flat: SelectionNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      // A fragment of another package (or a cycle) stays a spread: nothing to inline it from.
      if (!fragment || seen.has(fragment.name.value)) flat.push(selection);
      else flat.push(...sortedSelections(fragment.selectionSet, fragments, new Set([...seen, fragment.name.value])).selections);
    } else if (selection.kind === Kind.FIELD && selection.name.value === "__typename" && !selection.alias) {
      continue;
    } else if (selection.selectionSet) {
      flat.push({ ...selection, selectionSet: sortedSelections(selection.selectionSet, fragments, seen) });
    } else flat.push(selection);
  }
  const keyed = new Map(flat.map((s) => [print(s), s]));
  return { kind: Kind.SELECTION_SET, selections: [...keyed.keys()].sort().map((k) => keyed.get(k)!) };
}

/** What a definition asks, whatever it is called: the printed body with fragments inlined and the operation's name gone. */
export function canonicalBody(node: OperationDefinitionNode | FragmentDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): string {
  const selectionSet = sortedSelections(node.selectionSet, fragments, new Set(node.kind === Kind.FRAGMENT_DEFINITION ? [node.name.value] : []));
  if (node.kind === Kind.FRAGMENT_DEFINITION) return `fragment on ${node.typeCondition.name.value} ${print(selectionSet)}`;
  // Variables are known by their type, not their name ($input and $credentials ask the same).
  const typeOf = new Map((node.variableDefinitions ?? []).map((v) => [v.variable.name.value, print(v.type).replace(/\W/g, "_")]));
  const renamed = visit(selectionSet, { Variable: (v) => ({ ...v, name: { ...v.name, value: typeOf.get(v.name.value) ?? v.name.value } }) });
  const variables = [...typeOf.values()].sort();
  return `${node.operation}(${variables.join(",")}) ${print(sortedSelections(renamed, fragments, new Set()))}`;
}

/** Every operation and fragment of every app, by its canonical body. */
export function definitionsByApp(apps: Readonly<Record<string, readonly SourceFile[]>>): Definition[] {
  const result: Definition[] = [];
  for (const [app, files] of Object.entries(apps)) {
    const nodes = definitionsOf(files);
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const { node } of nodes) if (node.kind === Kind.FRAGMENT_DEFINITION) fragments.set(node.name.value, node);
    for (const { path, node } of nodes) {
      if (node.kind !== Kind.OPERATION_DEFINITION && node.kind !== Kind.FRAGMENT_DEFINITION) continue;
      result.push({ app, path, name: node.name?.value ?? "(anonymous)", body: canonicalBody(node, fragments) });
    }
  }
  return result;
}

/** Groups of definitions that ask the same thing (two or more each). */
export function duplicates(definitions: readonly Definition[]): Definition[][] {
  const byBody = new Map<string, Definition[]>();
  for (const d of definitions) byBody.set(d.body, [...(byBody.get(d.body) ?? []), d]);
  return [...byBody.values()].filter((group) => group.length > 1);
}

function sourcesUnder(root: string, dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (entry === "node_modules" || entry === "generated") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) files.push({ path: relative(root, path), text: readFileSync(path, "utf8") });
    }
  };
  walk(join(root, dir));
  return files;
}

/** The three apps' and the shared package's sources. */
export function clientSources(root: string): Record<string, SourceFile[]> {
  return {
    shared: sourcesUnder(root, "clients/shared/src"),
    management: sourcesUnder(root, "clients/management/src"),
    portal: [...sourcesUnder(root, "clients/portal/src"), ...sourcesUnder(root, "clients/portal/server")],
    mobile: sourcesUnder(root, "clients/mobile/src"),
  };
}
