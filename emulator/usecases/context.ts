/**
 * What every integration use case receives, and the checks they share. Use cases are pure: they
 * take the current table and return the next one, so a request's read-modify-write happens in one
 * synchronous step and concurrent requests cannot interleave inside it.
 */
import type { Principal } from "../auth";
import { isCatalogueProvider } from "../catalogue";
import { BadRequestError, CommandValidationError, ForbiddenError } from "../errors";
import { isObjectId } from "../ids";
import type { Environment, Settings, StoredIntegration } from "../schemas";
import type { Table } from "../state-machine";

/**
 * `environment`: the current server (API keys see and change only their own environment).
 * `organization`: the 2026-04 server (organization-wide lists, no environment 403s).
 */
export type Scoping = "environment" | "organization";

/**
 * Which revision's words the environment-scope 403 uses: `api-key` (`assertEnvironmentScopedForApiKey`)
 * or `authentication-scheme` (its later rewrite, `assertEnvironmentScopedAccess`, which also covers keyless auth).
 */
export type ScopeWording = "api-key" | "authentication-scheme";

export interface UseCaseContext {
  readonly principal: Principal;
  readonly scoping: Scoping;
  /** Absent means `api-key`. */
  readonly scopeWording?: ScopeWording;
  readonly environments: readonly Environment[];
  readonly settings: Settings;
  readonly now: Date;
  readonly newId: () => string;
  readonly newShortId: () => string;
}

export interface UseCaseResult<T> {
  readonly table: Table;
  readonly result: T;
}

export type ScopedAction = "update" | "delete" | "set as primary";

/** `assertEnvironmentScopedForApiKey` (current server, §5.3 step 2). */
export function assertTargetEnvironmentInScope(context: UseCaseContext, environmentId: string | undefined): void {
  if (context.scoping !== "environment" || environmentId === undefined) return;
  if (environmentId !== context.principal.environmentId) {
    throw new ForbiddenError(
      context.scopeWording === "authentication-scheme"
        ? "This authentication scheme is scoped to a single environment and cannot target a different `_environmentId`. " +
            "Use credentials from the target environment, or authenticate with a session token."
        : "API key authentication is scoped to a single environment and cannot target a different `_environmentId`. " +
            "Use an API key from the target environment, or authenticate with a session token.",
    );
  }
}

/** `assertIntegrationEnvironmentScope` (current server, §5.4 step 5). */
export function assertIntegrationInScope(context: UseCaseContext, integration: StoredIntegration, action: ScopedAction): void {
  if (context.scoping !== "environment") return;
  if (integration._environmentId !== context.principal.environmentId) {
    throw new ForbiddenError(
      `API key authentication is scoped to a single environment and cannot ${action} an integration that belongs to a different environment. ` +
        "Use an API key from the integration's environment, or authenticate with a session token.",
    );
  }
}

/** `BaseCommand.create` with `@IsMongoId() integrationId` (current server for PUT and DELETE too). */
export function assertIntegrationIdIsObjectId(commandName: string, integrationId: string): void {
  if (!isObjectId(integrationId)) {
    throw new CommandValidationError(commandName, "integrationId", integrationId, "integrationId must be a mongodb id");
  }
}

/** Non-deleted integration of the caller's organization, in any environment (`findOne({_id, _organizationId})`). */
export function findInOrganization(table: Table, context: UseCaseContext, id: string): StoredIntegration | undefined {
  return table.find((i) => i._id === id && !i.deleted && i._organizationId === context.principal.organizationId);
}

export function environmentExists(context: UseCaseContext, environmentId: string): boolean {
  return context.environments.some((e) => e._id === environmentId && e._organizationId === context.principal.organizationId);
}

/**
 * `CheckIntegration` (§5.3 step 6): only email does anything. The real server sends a test email;
 * the emulator passes, unless the `emailCheck` setting forces the provider's failure.
 */
export function checkIntegration(context: UseCaseContext, providerId: string, channel: string | undefined): void {
  if (channel !== "email") return;
  if (!isCatalogueProvider(providerId, "email")) throw new BadRequestError("Handler for provider was not found");
  if (context.settings.emailCheck === "fail") {
    const { code, message } = context.settings.emailCheckError;
    throw new BadRequestError(JSON.stringify({ success: false, code, message }));
  }
}
