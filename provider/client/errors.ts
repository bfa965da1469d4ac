/**
 * The client's own error: retrying stopped before a success. The other errors (NovuApiError,
 * NovuNetworkError, NovuResponseError) are in ../errors.ts; a failure that is not worth retrying
 * is thrown as it came, so callers can still tell a 404 or a 409 by its class and status.
 */
import { NovuApiError, NovuProviderError } from "../errors";
import type { GiveUpReason } from "./retry-policy";

/**
 * Retries ran out (`novu:maxRetries`) or the operation's deadline (`novu:operationTimeoutMs`) came
 * first. The message starts with the last failure's (operation, status, Novu's message) and says
 * why retrying stopped; `lastError` is that failure, if an attempt was made at all.
 */
export class NovuGaveUpError extends NovuProviderError {
  override readonly name = "NovuGaveUpError";
  constructor(
    readonly operation: string,
    readonly reason: Exclude<GiveUpReason, "not-retryable">,
    readonly attempts: number,
    readonly elapsedMs: number,
    readonly lastError: Error | undefined,
    detail: string,
    /** Appended when the operation's outcome is unknown (a create may have happened). */
    hint?: string,
  ) {
    const last = lastError ? lastError.message : `${operation}: no request was sent`;
    const tried = `${attempts} attempt${attempts === 1 ? "" : "s"} in ${(elapsedMs / 1000).toFixed(1)} s`;
    super(`${last} (gave up after ${tried}: ${detail})${hint ? `. ${hint}` : ""}`);
  }

  /** Novu's status in the last answer, if there was one. */
  get status(): number | undefined {
    return this.lastError instanceof NovuApiError ? this.lastError.status : undefined;
  }
}

/**
 * A create failed after an attempt whose outcome is unknown (the connection broke after the request
 * left, or a 500/502/504), and looking the identifier up could not settle whether it happened.
 */
export class NovuCreateOutcomeUnknownError extends NovuProviderError {
  override readonly name = "NovuCreateOutcomeUnknownError";
  constructor(
    readonly operation: string,
    readonly identifier: string,
    readonly lastError: Error,
  ) {
    const last = lastError.message.startsWith(operation) ? lastError.message : `${operation}: ${lastError.message}`;
    super(
      `${last}. The create may have happened in Novu although no answer said so: ` +
        `run \`pulumi up\` again: it finds an integration with identifier "${identifier}" that this stack made and continues with it ` +
        "(docs/reliability.md, Interrupted deployments)",
    );
  }
}
