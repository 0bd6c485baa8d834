// The import graph's rules, checked in CI (`node --import tsx .ci/check-imports.ts`):
// 1. No package reaches into another's files: a relative import stays inside its own package, and a
//    `@pitchside/<name>/<subpath>` import names a subpath that package's `exports` lists.
// 2. No file of an app's `src` is there only for tests: one that tests import and nothing else
//    does belongs in the test harness (apps/api/testing) or nowhere.
// 3. No two folders of a package's `src` import each other, directly or through others: a cycle between
//    folders means neither can be understood, moved or tested without the other.
// It prints each broken rule with the files involved and exits 1 when there is any.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const sourceExtensions = [".ts", ".tsx", ".mts"];
const skippedFolders = new Set(["node_modules", "dist", "build", ".plasmo", "data", "test-artifacts"]);

interface WorkspacePackage {
  name: string;
  dir: string;
  exports: Set<string>;
}

function readPackages(): WorkspacePackage[] {
  const dirs = ["apps", "packages"].flatMap((group) =>
    readdirSync(path.join(root, group)).map((name) => path.join(root, group, name)),
  );
  dirs.push(path.join(root, "bench"));
  return dirs
    .filter((dir) => existsSync(path.join(dir, "package.json")))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name: string;
        exports?: Record<string, string>;
      };
      return { name: manifest.name, dir, exports: new Set(Object.keys(manifest.exports ?? {})) };
    });
}

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skippedFolders.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(full));
    else if (sourceExtensions.some((ext) => entry.name.endsWith(ext))) found.push(full);
  }
  return found;
}

const specifierPattern =
  /(?:\b(import|export)\s+(type\s+)?(\{[^}]*\}|[\w*$\s,{}]+?)?\s*from\s*|\bimport\s*\(\s*|\bimport\s+|\bvi\.mock\(\s*|\brequire\(\s*)["']([^"'\n]+)["']/g;

export interface ImportRef {
  specifier: string;
  /** `import type …` or `import { type A, type B }`: erased at build time, so no run-time dependency. */
  typeOnly: boolean;
}

/** Every module a file names: static and dynamic imports, re-exports and vi.mock. */
export function importsOf(text: string): ImportRef[] {
  // Comments name paths in prose; drop them before matching.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
  return [...code.matchAll(specifierPattern)].map((match) => {
    const names = match[3]?.trim() ?? "";
    const members = names.startsWith("{")
      ? names
          .slice(1, -1)
          .split(",")
          .map((name) => name.trim())
      : [];
    const allTypes = members.length > 0 && members.every((name) => name === "" || name.startsWith("type "));
    return { specifier: match[4] as string, typeOnly: Boolean(match[2]) || allTypes };
  });
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ""));
  const candidates = [
    base,
    ...sourceExtensions.map((ext) => base + ext),
    ...sourceExtensions.map((ext) => path.join(base, `index${ext}`)),
    `${base}.d.ts`,
  ];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

function owner(packages: WorkspacePackage[], file: string): WorkspacePackage | undefined {
  return packages
    .filter((pkg) => file.startsWith(pkg.dir + path.sep))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
}

/** Tests sit above every folder: they may import any of them without making a cycle. */
const isTest = (file: string): boolean => /\.test\.tsx?$/.test(file);

/** Test harness files: apps/api/testing, and the test helpers in a package's test folders. */
const isHarness = (file: string): boolean =>
  /[/\\](testing|test)[/\\]/.test(path.relative(root, file)) || /\.browser\.test\.tsx?$/.test(file);

/** The node a file stands for in the folder graph: its first folder under src, or the file itself at src's top. */
function folderOf(srcDir: string, file: string): string {
  const relative = path.relative(srcDir, file);
  const [first] = relative.split(path.sep);
  return relative.includes(path.sep) ? `${first}/` : relative;
}

/** Strongly connected components of more than one node (Tarjan). */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, indices.get(next) as number));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

function main(): void {
  const packages = readPackages();
  const problems: string[] = [];
  const folderGraphs = new Map<string, Map<string, Set<string>>>();
  const edgeWitness = new Map<string, string>();
  const importers = new Map<string, string[]>();

  for (const pkg of packages) {
    const srcDir = path.join(pkg.dir, "src");
    for (const file of sourceFiles(pkg.dir)) {
      const shown = path.relative(root, file);
      for (const { specifier, typeOnly } of importsOf(readFileSync(file, "utf8"))) {
        if (specifier.startsWith("@pitchside/")) {
          const [, name, ...rest] = specifier.split("/");
          const target = packages.find((candidate) => candidate.name === `@pitchside/${name}`);
          const subpath = rest.length > 0 ? `./${rest.join("/")}` : ".";
          if (target && !target.exports.has(subpath)) {
            problems.push(`${shown}: "${specifier}" is not among ${target.name}'s exports`);
          }
          continue;
        }
        if (!specifier.startsWith(".")) continue;
        const resolved = resolveRelative(file, specifier);
        if (!resolved) continue;
        const targetPkg = owner(packages, resolved);
        if (targetPkg !== pkg) {
          const into = targetPkg ? targetPkg.name : "outside any package";
          problems.push(
            `${shown}: "${specifier}" reaches into ${into}; import it through the package's exports`,
          );
          continue;
        }
        if (!typeOnly) importers.set(resolved, [...(importers.get(resolved) ?? []), file]);
        const inSrc = (candidate: string) => candidate.startsWith(srcDir + path.sep);
        if (!inSrc(file) || !inSrc(resolved) || isTest(file) || typeOnly) continue;
        const from = folderOf(srcDir, file);
        const to = folderOf(srcDir, resolved);
        if (from === to || !from.endsWith("/") || !to.endsWith("/")) continue;
        const graph = folderGraphs.get(pkg.name) ?? new Map<string, Set<string>>();
        folderGraphs.set(pkg.name, graph);
        const edges = graph.get(from) ?? new Set<string>();
        graph.set(from, edges);
        edges.add(to);
        const key = `${pkg.name} ${from} ${to}`;
        if (!edgeWitness.has(key)) edgeWitness.set(key, `${shown} → ${path.relative(root, resolved)}`);
      }
    }
  }

  const appSources = packages
    .filter((pkg) => pkg.dir.startsWith(path.join(root, "apps") + path.sep))
    .map((pkg) => path.join(pkg.dir, "src") + path.sep);
  for (const [file, by] of importers) {
    if (!appSources.some((src) => file.startsWith(src)) || isTest(file)) continue;
    if (by.every((importer) => isTest(importer) || isHarness(importer))) {
      const shown = by.map((importer) => path.relative(root, importer)).join(", ");
      problems.push(
        `${path.relative(root, file)} is imported only by tests (${shown}): move it to the test harness or delete it`,
      );
    }
  }

  for (const [name, graph] of folderGraphs) {
    for (const component of cycles(graph)) {
      const edges = component.flatMap((from) =>
        [...(graph.get(from) ?? [])]
          .filter((to) => component.includes(to))
          .map((to) => `    ${from} → ${to} (${edgeWitness.get(`${name} ${from} ${to}`)})`),
      );
      problems.push(`${name}: these folders import each other: ${component.join(", ")}\n${edges.join("\n")}`);
    }
  }

  if (problems.length > 0) {
    console.error(`Import rules broken (${problems.length}):\n${problems.join("\n")}`);
    process.exit(1);
  }
  const folders = [...folderGraphs.values()].reduce((sum, graph) => sum + graph.size, 0);
  console.log(`Imports: no package reaches into another, and none of ${folders} folders import each other.`);
}

main();
