/**
 * Why `pulumi-novu plugin-pack` stopped. Each message says what is wrong and the one thing that
 * fixes it; nothing is written when one is thrown.
 */
export class PluginPackError extends Error {
  override readonly name: string = "PluginPackError";
}

/** The tarball is already there: replacing it silently could lose a tarball someone still installs. */
export class OutputExistsError extends PluginPackError {
  override readonly name = "OutputExistsError";
}

/** The installed package has no compiled code to pack (a checkout before `npm run build`). */
export class PackageNotBuiltError extends PluginPackError {
  override readonly name = "PackageNotBuiltError";
}

/**
 * A production dependency is missing, or sits where a copy of the tree would no longer find it
 * (outside the node_modules folder the package is installed in: pnpm, `npm link`, a global folder).
 */
export class DependencyLayoutError extends PluginPackError {
  override readonly name = "DependencyLayoutError";
}
