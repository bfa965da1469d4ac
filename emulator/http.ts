/**
 * Wire helpers: read a request body (Express's JSON body-parser rules), and write a JSON response.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Bodies above this answer 413. Integrations are small; the limit only guards the emulator. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export type BodyResult =
  | { readonly kind: "none" }
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "invalid-json"; readonly message: string }
  | { readonly kind: "too-large" };

/** A response about to be written. */
export interface JsonResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export function readRawBody(request: IncomingMessage): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? "too-large" : Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/**
 * Like `express.json()`: only JSON content types are parsed; any other body is ignored, so the
 * handler sees no body (and, e.g., a PUT answers `No properties found for update`).
 */
export function parseBody(raw: Buffer | "too-large", contentType: string | undefined): BodyResult {
  if (raw === "too-large") return { kind: "too-large" };
  if (!contentType || !/\bjson\b/i.test(contentType) || raw.length === 0) return { kind: "none" };
  try {
    return { kind: "json", value: JSON.parse(raw.toString("utf8")) };
  } catch (error) {
    return { kind: "invalid-json", message: (error as Error).message };
  }
}

export function writeJson(response: ServerResponse, { status, headers, body }: JsonResponse): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
  });
  response.end(text);
}
