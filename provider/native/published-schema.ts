/**
 * The package schema as committed in `schema.json` (written by `npm run schema`): what the plugin
 * derives from the zod schemas (schema.ts), plus what only SDK generators and plugin installation
 * read: each language's package names and import paths, where the plugin will be downloaded from,
 * and `supportPack` (each SDK is a package of its own: the Go SDK gets its own go.mod, versions come
 * from the schema).
 *
 * The repository has no public home yet, so every address below uses one placeholder owner,
 * PUBLISHER (`github.com/pulumi-novu/pulumi-novu`): the day it is published, change it here and run
 * `npm run schema && npm run sdkgen`. `pluginDownloadURL` is not live until a GitHub release of that
 * repository carries the `pulumi plugin install --file` tarballs `pulumi-novu plugin-pack` writes
 * (named `pulumi-resource-novu-v<version>-<os>-<arch>.tar.gz`, as the `github://` scheme expects).
 */
import { SUPPORTED_PULUMI } from "../sdk-version";
import { packageSchema, type PulumiPackageSchema } from "./schema";

/** The placeholder GitHub owner of the repository (see above). */
export const PUBLISHER = "pulumi-novu";
export const REPOSITORY = `https://github.com/${PUBLISHER}/pulumi-novu`;
/** Pulumi's scheme for plugins attached to GitHub releases of `<owner>/<repo>`. */
export const PLUGIN_DOWNLOAD_URL = `github://api.github.com/${PUBLISHER}/pulumi-novu`;
/** The Go module of the generated Go SDK is `sdk/go` of the repository; the package is `…/novu`. */
export const GO_IMPORT_BASE_PATH = `github.com/${PUBLISHER}/pulumi-novu/sdk/go/novu`;

/** Each generated SDK requires the oldest Pulumi SDK the provider supports. */
const PULUMI_MIN = SUPPORTED_PULUMI.minimum;

export interface PublishedPackageSchema extends PulumiPackageSchema {
  readonly publisher: string;
  readonly repository: string;
  readonly pluginDownloadURL: string;
  readonly meta: { readonly supportPack: boolean };
  readonly language: Readonly<Record<"nodejs" | "python" | "go" | "csharp", Readonly<Record<string, unknown>>>>;
}

/**
 * Each language's package names and import paths, which SDK generators read. The plugin's
 * GetSchema answers them too (pluginSchema), so an SDK generated from the plugin (`pulumi package
 * add`, `pulumi package gen-sdk`) is named as the ones generated from schema.json.
 */
function languageSections(): PublishedPackageSchema["language"] {
  return {
    nodejs: {
      // Not `pulumi-novu`: that npm package is the provider itself (dynamic front-end, plugin, tools).
      packageName: `@${PUBLISHER}/novu`,
      packageDescription: "A Pulumi package for Novu integrations (the native `novu` provider).",
      dependencies: { "@pulumi/pulumi": `^${PULUMI_MIN}` },
      respectSchemaVersion: true,
    },
    python: {
      packageName: "pulumi_novu",
      pyproject: { enabled: true },
      requires: { pulumi: `>=${PULUMI_MIN},<4.0.0` },
      respectSchemaVersion: true,
    },
    go: {
      importBasePath: GO_IMPORT_BASE_PATH,
      generateResourceContainerTypes: true,
      respectSchemaVersion: true,
    },
    csharp: {
      rootNamespace: "PulumiNovu",
      packageReferences: { Pulumi: "3.*" },
      respectSchemaVersion: true,
    },
  };
}

export function publishedSchema(): PublishedPackageSchema {
  return {
    ...packageSchema(),
    publisher: PUBLISHER,
    repository: REPOSITORY,
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    meta: { supportPack: true },
    language: languageSections(),
  };
}

/**
 * What the plugin's GetSchema answers: the schema derived from the zod schemas plus the language
 * sections, and not `pluginDownloadURL`: it is not live, and the engine would put it on every
 * resource a program registers through an SDK generated from the plugin, whose plugin comes from
 * the project (`pulumi package add`), never from a download.
 */
export function pluginSchema(): PulumiPackageSchema & Pick<PublishedPackageSchema, "language"> {
  return { ...packageSchema(), language: languageSections() };
}

/** The text of `schema.json`: stable key order (the objects' own), two-space indent, final newline. */
export function schemaFileText(): string {
  return JSON.stringify(publishedSchema(), null, 2) + "\n";
}

/** Where `schema.json` lives: at the repository root, beside the `sdk/` it generates (see DESIGN.md). */
export const SCHEMA_FILE = "schema.json";
