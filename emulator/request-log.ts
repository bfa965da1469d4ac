/**
 * The request log of `GET /__emulator/requests`. It records what happened to each API request,
 * never a body value or the `Authorization` header (those carry credentials and keys): of the body
 * only the top-level key names are kept, which is what a test needs to see what a client sent.
 */
import type { FaultType } from "./schemas";

export interface RequestLogEntry {
  readonly method: string;
  /** The path without its query string. */
  readonly path: string;
  /** The status sent, or `null` when the connection was dropped without a response. */
  readonly status: number | null;
  readonly durationMs: number;
  /** Top-level keys of a JSON object body (e.g. `["name"]` for a rename), or `null` without one. */
  readonly bodyKeys: readonly string[] | null;
  /** The injected fault, if any. */
  readonly fault: FaultType | null;
  /** When the request arrived (ISO). */
  readonly at: string;
}

/** Oldest entries are dropped beyond this, so a long-running emulator does not grow without bound. */
export const MAX_LOG_ENTRIES = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_LOG_ENTRIES) this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES);
  }

  list(): readonly RequestLogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
