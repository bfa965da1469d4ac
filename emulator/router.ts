/**
 * Express-style route matching: `:name` captures one (URL-decoded) segment, and a single trailing
 * slash is ignored (Express's non-strict routing).
 */

export interface Route<H> {
  readonly method: string;
  readonly pattern: string;
  readonly handler: H;
}

export interface RouteMatch<H> {
  readonly route: Route<H>;
  readonly params: Readonly<Record<string, string>>;
}

export function matchRoute<H>(routes: readonly Route<H>[], method: string, pathname: string): RouteMatch<H> | undefined {
  const segments = splitPath(pathname);
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchSegments(splitPath(route.pattern), segments);
    if (params) return { route, params };
  }
  return undefined;
}

function matchSegments(pattern: readonly string[], path: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index++) {
    const want = pattern[index];
    const got = path[index];
    if (want.startsWith(":")) {
      if (got === "") return undefined;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

function splitPath(pathname: string): string[] {
  const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  return trimmed.split("/");
}
