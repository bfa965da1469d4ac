/**
 * Pure: what the language host's Link does to a Node.js project for `pulumi package add`, as
 * Pulumi's own host (`pulumi-language-nodejs`, its Link with npm) does it: the generated SDK becomes
 * a `file:` dependency in the program's package.json (`npm pkg set dependencies.<name>=file:<path>`),
 * and the answer tells the user how to import it.
 */
import * as path from "node:path";

/**
 * `packageJson` (the text of a package.json) with `dependencies[name] = spec`, everything else as
 * it was: key order, the file's indentation and its final newline. Dependencies are kept sorted by
 * name, as npm writes them.
 */
export function withDependency(packageJson: string, name: string, spec: string): string {
  const manifest = JSON.parse(packageJson) as Record<string, unknown>;
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) throw new Error("package.json is not a JSON object");
  const dependencies = { ...((manifest.dependencies as Record<string, string> | undefined) ?? {}), [name]: spec };
  manifest.dependencies = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const indent = /^[ \t]+(?=")/m.exec(packageJson)?.[0] ?? "  ";
  const newline = packageJson.includes("\r\n") ? "\r\n" : "\n";
  const text = JSON.stringify(manifest, null, indent).replace(/\n/g, newline);
  return /\r?\n$/.test(packageJson) || packageJson.trim() === "" ? text + newline : text;
}

/** `file:<path>` from the package.json in `manifestDir` to the SDK in `sdkDir`, with `/` separators. */
export function fileSpec(manifestDir: string, sdkDir: string): string {
  const relative = path.relative(manifestDir, sdkDir).split(path.sep).join("/");
  return `file:${relative || "."}`;
}

/** The name a program imports a package by: Pulumi's `cgstrings.Camel` of the schema's package name. */
export function importName(packageName: string): string {
  const unhyphenated = packageName.replace(/-+([^-]?)/g, (_, next: string) => next.toUpperCase());
  const firstLower = unhyphenated.search(/\p{Ll}/u);
  return firstLower < 0 ? unhyphenated.toLowerCase() : unhyphenated.slice(0, firstLower).toLowerCase() + unhyphenated.slice(firstLower);
}

export interface LinkedPackage {
  /** The schema's package name (`novu`). */
  readonly name: string;
  /** The npm package name the generated SDK has (`@pulumi-novu/novu`). */
  readonly npmName: string;
}

/** The text the CLI prints after linking, word for word as Pulumi's Node.js host writes it. */
export function importInstructions(packages: readonly LinkedPackage[], style: { typescript: boolean; moduleSyntax: boolean }): string {
  const lines = packages.map((p) =>
    style.moduleSyntax ? `  import * as ${importName(p.name)} from "${p.npmName}";\n` : `  const ${importName(p.name)} = require("${p.npmName}");\n`,
  );
  return `You can import the SDK in your ${style.typescript ? "TypeScript" : "JavaScript"} code with:\n\n${lines.join("")}`;
}

/**
 * How the instructions import: TypeScript unless the project turned it off (the `typescript`
 * runtime option, on by default) and has no tsconfig; module syntax for TypeScript and for a
 * package.json with `"type": "module"`, `require` otherwise.
 */
export function importStyle(
  options: Readonly<Record<string, unknown>>,
  hasTsconfig: boolean,
  manifest: { readonly type?: unknown },
): { typescript: boolean; moduleSyntax: boolean } {
  const typescript = options.typescript !== false || typeof options.tsconfig === "string" || hasTsconfig;
  return { typescript, moduleSyntax: typescript || manifest.type === "module" };
}
