/**
 * The resource types of the `novu` package, each its handler (resource-handler.ts): the native
 * service dispatches every resource RPC by the request's type token through this table, as Invoke
 * does by function token through runtime/lookup-operations.ts. A new resource type is a new entry
 * here (and its resource in schema.ts), never an edit of the service.
 */
import { integrationHandler } from "./integration-handler";
import type { ResourceHandlerFactory } from "./resource-handler";
import { INTEGRATION_TOKEN } from "./schema";

export const RESOURCES: Readonly<Record<string, ResourceHandlerFactory>> = {
  [INTEGRATION_TOKEN]: integrationHandler,
};
