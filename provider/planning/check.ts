/**
 * Preview-time validation of an integration's inputs: shape (zod), Novu's catalogue, and the rules
 * the server would otherwise apply behind our back. No HTTP. Values not yet known during a preview
 * (outputs of other resources) are skipped, never guessed.
 */
import { z } from "zod";
import { findProvider, providerIds } from "../catalogue";
import { InvalidInputsError } from "../errors";
import { CHANNELS_WITH_PRIMARY } from "../schemas/channel";
import { CONFIGURATION_KEYS } from "../schemas/configurations";
import { CREDENTIAL_KEYS } from "../schemas/credentials";
import { type IntegrationInputs, integrationInputsSchema } from "../schemas/integration-inputs";
import { hasRules } from "../schemas/rules";
import { type RulePath, ruleIssues, rulePathText } from "./rules";
import { didYouMean } from "./suggest";

/** The engine's placeholder for a value that is unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

export interface CheckOutcome {
  readonly inputs: Record<string, unknown>;
  readonly failures: CheckFailure[];
}

export interface CheckOptions {
  /**
   * Do not demand the provider's required credentials: for an existing integration whose stack has
   * never declared any (one brought in by `pulumi import`), none declared means Novu keeps the ones
   * it has — no PUT sends credentials until the program declares them.
   */
  readonly credentialsUnmanaged?: boolean;
}

export function checkIntegrationInputs(news: Record<string, unknown>, opts: CheckOptions = {}): CheckOutcome {
  const unknownPaths = findUnknowns(news);
  const isUnknown = (path: readonly PropertyKey[]) =>
    unknownPaths.some((u) => u.length <= path.length && u.every((seg, i) => seg === path[i]));

  const parsed = integrationInputsSchema.safeParse(news);
  if (!parsed.success) {
    const failures = parsed.error.issues.flatMap(issueFailures).filter((f) => !isUnknown(f.path));
    if (failures.length > 0 || unknownPaths.length === 0) return { inputs: news, failures: failures.map(plain) };
    // Only unknowns failed to parse: validate what is known and let the real values be checked at `up`.
    return { inputs: news, failures: semanticFailures(knownFields(news, isUnknown), isUnknown, opts).map(plain) };
  }
  const inputs = normalise(parsed.data);
  const bag: Record<string, unknown> = inputs;
  return { inputs: bag, failures: semanticFailures(inputs, isUnknown, opts).map(plain) };
}

/**
 * The inputs an operation runs on (create, update, a diff's known values). check() has reported
 * every problem with its property path already; this guards against a skipped check.
 */
export function parseInputs(bag: Record<string, unknown>): IntegrationInputs {
  const parsed = integrationInputsSchema.safeParse(bag);
  if (!parsed.success) throw new InvalidInputsError(`invalid inputs: ${parsed.error.issues.map((i) => i.path.join(".") || "(inputs)").join(", ")}`);
  return parsed.data;
}

const plain = ({ property, reason }: CheckFailure): CheckFailure => ({ property, reason });

/**
 * Inputs that failed to parse only where values are unknown: each field that parses on its own.
 * A field whose unknown value its schema refuses (a number or an enum not known yet) is left out,
 * and is checked at `up`, once known.
 */
function knownFields(news: Record<string, unknown>, isUnknown: (p: readonly PropertyKey[]) => boolean): Partial<IntegrationInputs> {
  const fields = Object.entries(integrationInputsSchema.shape).flatMap(([key, schema]) => {
    if (isUnknown([key])) return [];
    const parsed = schema.safeParse(news[key]);
    return parsed.success && parsed.data !== undefined ? [[key, parsed.data] as const] : [];
  });
  return integrationInputsSchema.partial().parse(Object.fromEntries(fields));
}

/** Values the API wants in a shape users should not have to know about. */
function normalise(inputs: IntegrationInputs): IntegrationInputs {
  const credentials = { ...inputs.credentials };
  if (typeof credentials.port === "number") credentials.port = String(credentials.port);
  if (inputs.configurations?.inboxCount === undefined) return { ...inputs, credentials };
  return { ...inputs, credentials, configurations: { ...inputs.configurations, inboxCount: String(inputs.configurations.inboxCount) } };
}

function semanticFailures(inputs: Partial<IntegrationInputs>, isUnknown: (p: readonly PropertyKey[]) => boolean, opts: CheckOptions): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const known = (key: keyof IntegrationInputs) => !isUnknown([key]) && inputs[key] !== undefined;

  const provider = known("providerId") ? findProvider(inputs.providerId!) : undefined;
  if (known("providerId") && !provider) {
    failures.push(failure(["providerId"], `unknown Novu provider "${inputs.providerId}"${didYouMean(inputs.providerId!, providerIds())}`));
  }
  if (provider && known("channel") && provider.channel !== inputs.channel) {
    failures.push(failure(["channel"], `provider "${provider.id}" sends on the ${provider.channel} channel, not ${inputs.channel}`));
  }

  if (provider && known("credentials")) {
    const allowed = provider.credentials.map((c) => c.key);
    for (const key of Object.keys(inputs.credentials ?? {})) {
      if (isUnknown(["credentials", key]) || allowed.includes(key)) continue;
      failures.push(failure(["credentials", key], `is not a credential of provider "${provider.id}"${didYouMean(key, allowed.length ? allowed : CREDENTIAL_KEYS)}`));
    }
    if (inputs.active !== false && !isUnknown(["active"]) && !opts.credentialsUnmanaged) {
      for (const c of provider.credentials) {
        const value = (inputs.credentials as Record<string, unknown>)[c.key];
        if (!c.required || isUnknown(["credentials", c.key])) continue;
        if (value === undefined) failures.push(failure(["credentials", c.key], `is required by provider "${provider.id}" for an active integration`));
        else if (typeof value === "string" && value.trim() === "") {
          failures.push(failure(["credentials", c.key], `is empty, but provider "${provider.id}" requires it for an active integration`));
        }
      }
    }
  }

  if (provider && known("configurations")) {
    // Novu stores four keys; of those, a provider has the ones its catalogue entry lists.
    const allowed = (provider.configurations ?? []).filter((k) => CONFIGURATION_KEYS.includes(k));
    for (const key of Object.keys(inputs.configurations ?? {})) {
      if (isUnknown(["configurations", key]) || allowed.includes(key)) continue;
      const has = allowed.length > 0 ? `; it has ${allowed.join(", ")}` : "; it has none";
      failures.push(failure(["configurations", key], `is not a configuration of provider "${provider.id}"${has}`));
    }
  }

  if (known("rules")) {
    for (const issue of ruleIssues(inputs.rules)) {
      if (!isUnknown(["rules", ...issue.path])) failures.push(failure(["rules", ...issue.path], issue.reason));
    }
    // Novu ignores conditions once rules are set, and clears them when rules are saved.
    if (hasRules(inputs.rules) && known("conditions") && (inputs.conditions?.length ?? 0) > 0) {
      failures.push(failure(["rules"], "cannot be declared with conditions: Novu ignores conditions once rules are set, and clears them; move the conditions into rules"));
    }
  }

  if (inputs.__plaintextNovuKey !== undefined) failures.push(failure(["novu:secretKey"], inputs.__plaintextNovuKey));
  if (inputs.__primaryClaimConflict !== undefined && !isUnknown(["__primaryClaimConflict"])) {
    failures.push(failure(["primary"], inputs.__primaryClaimConflict));
  }
  if (inputs.primary === true) {
    if (known("channel") && !CHANNELS_WITH_PRIMARY.includes(inputs.channel!)) {
      failures.push(failure(["primary"], `Novu keeps a primary only for email and sms integrations, not ${inputs.channel}`));
    }
    if (inputs.active === false) {
      failures.push(failure(["primary"], "a primary integration must be active (Novu activates it on set-primary, and the next update would deactivate it again)"));
    }
    if (known("conditions") && (inputs.conditions?.length ?? 0) > 0) {
      failures.push(failure(["conditions"], "a primary integration cannot have conditions: Novu clears them when it sets the primary"));
    }
    if (known("rules") && hasRules(inputs.rules)) {
      failures.push(failure(["rules"], "a primary integration cannot have rules: Novu un-sets the primary of an integration given rules"));
    }
  }
  return failures;
}

interface PathFailure extends CheckFailure {
  readonly path: readonly PropertyKey[];
}

/**
 * A failure that names a property makes the engine print `property <p> value {<its value>} has a
 * problem`: the value of a top-level input, even a secret one, and `{<nil>}` for a nested path. So
 * the engine is given no property at all (it then prints `resource '<name>' has a problem: <reason>`)
 * and the reason starts with the property path. Reasons never quote values.
 */
function failure(path: readonly PropertyKey[], reason: string): PathFailure {
  // Inside `rules`, keys are operators such as "==": written as a JSON path (`rules.and[0]["=="]`).
  const named = path[0] === "rules" ? rulePathText(path.slice(1) as unknown as RulePath) : path.length > 0 ? path.map(String).join(".") : "(inputs)";
  return { property: "", reason: `${named}: ${reason}`, path };
}

/** zod issues → failures, one per unknown key, reworded where zod's text would not help. */
function issueFailures(issue: z.core.$ZodIssue): PathFailure[] {
  if (issue.code === "unrecognized_keys") {
    const inCredentials = issue.path.length === 1 && issue.path[0] === "credentials";
    const inConfigurations = issue.path.length === 1 && issue.path[0] === "configurations";
    const candidates = inCredentials ? CREDENTIAL_KEYS : inConfigurations ? CONFIGURATION_KEYS : issue.path.length === 0 ? Object.keys(integrationInputsSchema.shape) : [];
    const what = inCredentials ? "unknown credential key" : inConfigurations ? "unknown configuration key" : "unknown property";
    return issue.keys.map((k) => failure([...issue.path, k], `${what}${didYouMean(k, candidates)}`));
  }
  return [failure(issue.path, issue.message)];
}

function findUnknowns(value: unknown, path: PropertyKey[] = [], out: PropertyKey[][] = []): PropertyKey[][] {
  if (value === UNKNOWN) out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => findUnknowns(v, [...path, i], out));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) findUnknowns(v, [...path, k], out);
  }
  return out;
}
