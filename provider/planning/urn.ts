/**
 * Reading Pulumi URNs (`urn:pulumi:<stack>::<project>::<type chain>::<name>`) and provider
 * references (`<provider urn>::<id>`), once for the native service, the plain-key refusal and
 * `pulumi-novu recover`. Pure.
 */

/** The resource's name: the URN's last part. */
export function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * The resource's type token: the last type of the URN's type chain (`parent$novu:index:Integration`
 * → `novu:index:Integration`); undefined for what is not a URN.
 */
export function typeOfUrn(urn: string): string | undefined {
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0]!.startsWith("urn:pulumi:")) return undefined;
  const chain = parts[2]!;
  return chain.slice(chain.lastIndexOf("$") + 1);
}

/** The stack a URN belongs to. */
export function stackOfUrn(urn: string): string | undefined {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

/** The provider's URN in a provider reference (`<urn>::<id>`). */
export function providerUrnOf(ref: string): string {
  return ref.slice(0, ref.lastIndexOf("::"));
}

/** Whether a provider resource's name is one the engine gives a default provider (`default`, `default_0_1_0`). */
export function isDefaultProviderName(name: string): boolean {
  return name === "default" || name.startsWith("default_");
}

/** Whether the URN is a stack's root resource. */
export function isStackUrn(urn: string): boolean {
  return urn.includes("::pulumi:pulumi:Stack::");
}
