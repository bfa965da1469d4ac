/**
 * Every error the provider raises. Messages name the resource, property or operation and never
 * contain a credential or the Novu key: they reach the CLI output and CI logs verbatim.
 */

export abstract class NovuProviderError extends Error {}

/** Novu answered with an error status. */
export class NovuApiError extends NovuProviderError {
  override readonly name = "NovuApiError";
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly serverMessage: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${operation}: Novu answered ${status}: ${serverMessage}`);
  }
}

/**
 * The request did not get an answer (host not found, connection refused, reset, timeout). Where the
 * code says the request never reached a server, the message says what to check instead.
 */
export class NovuNetworkError extends NovuProviderError {
  override readonly name = "NovuNetworkError";
  constructor(
    readonly operation: string,
    readonly code: string,
    /** The base URL that was called (never secret); names the host in the hint. */
    readonly apiUrl?: string,
    /**
     * Where that URL came from, as the user wrote it (`novu:apiUrl`, `NOVU_API_URL`, `--api-url`, …),
     * so the hint names the setting actually used. Unknown: `novu:apiUrl (or novu:region)`.
     */
    readonly apiUrlSetting?: string,
  ) {
    super(`${operation}: no answer from Novu (${code})${networkHint(code, apiUrl, apiUrlSetting)}`);
  }
}

function networkHint(code: string, apiUrl: string | undefined, setting: string | undefined): string {
  let host = "the Novu host";
  try {
    if (apiUrl) host = new URL(apiUrl).host;
  } catch {
    // keep the generic wording
  }
  if (code === "ENOTFOUND" || code === "EAI_FAIL" || code === "EAI_NONAME") {
    return `: ${host} does not resolve, so nothing was sent; check ${setting ?? "novu:apiUrl (or novu:region)"}`;
  }
  if (code === "ECONNREFUSED") return `: ${host} refused the connection, so nothing was sent; check ${setting ?? "novu:apiUrl"} and that the server is running`;
  return "";
}

/** Novu answered 2xx with a body we cannot read. */
export class NovuResponseError extends NovuProviderError {
  override readonly name = "NovuResponseError";
  constructor(operation: string, detail: string) {
    super(`${operation}: unexpected response from Novu: ${detail}`);
  }
}

/** `novu:*` configuration is missing or invalid. */
export class ProviderConfigError extends NovuProviderError {
  override readonly name = "ProviderConfigError";
}

/** Inputs that do not parse reached an operation (check reports them first, with their paths). */
export class InvalidInputsError extends NovuProviderError {
  override readonly name = "InvalidInputsError";
}

/** An integration's own state makes the requested change impossible (e.g. it vanished). */
export class IntegrationStateError extends NovuProviderError {
  override readonly name = "IntegrationStateError";
}

/**
 * A create or update that half happened: Novu holds the write (the POST or the PUT landed) and a
 * later call failed (set-primary, the rules after a create). The engine must record `resourceId`
 * and `outputs` as the resource's state, or the next `up` would create a second integration or lose
 * what was written; it then shows only the message, so the message is the whole explanation. Each
 * front-end tells the engine in its own way: native/service.ts answers ErrorResourceInitFailed,
 * dynamic/runtime.ts hands Pulumi's dynamic-provider host the fields it turns into that answer.
 */
export class PartialWriteError extends NovuProviderError {
  override readonly name = "PartialWriteError";
  constructor(
    message: string,
    /** Novu's id of the integration, which is the resource's id. */
    readonly resourceId: string,
    /** The resource's state as the engine stores it (planning/state.ts `storedOutputs`). */
    readonly outputs: Readonly<Record<string, unknown>>,
    // ErrorOptions' shape, spelled out: this declaration ships in the package's types, and a project
    // compiling for ES2020 (Pulumi's TypeScript template) has no ErrorOptions (lib es2022.error).
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The configured key or URL reaches another Novu environment or server than the one an
 * integration lives in. Raised before anything is changed, removed or created.
 */
export class PlacementError extends NovuProviderError {
  override readonly name = "PlacementError";
}

/** A request for a resource type the package does not have: `type` is the token asked for, `known` the ones it has. */
export class UnknownResourceTypeError extends NovuProviderError {
  override readonly name = "UnknownResourceTypeError";
  constructor(
    readonly type: string,
    readonly known: readonly string[],
  ) {
    super(`${type || "(no type)"} is not a resource type of the novu package (it has ${known.join(", ")})`);
  }
}

/**
 * A function (invoke) found nothing, or more than one, or was called with arguments it cannot use.
 * `argument` names the one to change (`identifier`, `environmentId`, …), as the message does.
 */
export class LookupError extends NovuProviderError {
  override readonly name = "LookupError";
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}
