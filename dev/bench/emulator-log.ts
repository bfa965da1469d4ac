/** The emulator's request log (`/__emulator/requests`), read over HTTP like any client would. */
import { request } from "undici";
import type { RequestLogEntry } from "../../emulator";

export class EmulatorLog {
  constructor(private readonly url: string) {}

  async requests(): Promise<RequestLogEntry[]> {
    const res = await request(`${this.url}/__emulator/requests`);
    return ((await res.body.json()) as { requests: RequestLogEntry[] }).requests;
  }

  async clear(): Promise<void> {
    await (await request(`${this.url}/__emulator/requests`, { method: "DELETE" })).body.dump();
  }
}

/** `GET 3, PUT 1`-style counts of requests, by method and path shape. */
export function countByRoute(requests: readonly RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) {
    const route = `${r.method} ${r.path.replace(/\/[0-9a-f]{24}(?=\/|$)/, "/:id")}`;
    counts[route] = (counts[route] ?? 0) + 1;
  }
  return counts;
}
