/**
 * The error responses of the real server (§3.5). Each class knows its status and renders the body
 * of Novu's `AllExceptionsFilter`: the fields of `ctx` are copied to the top level first, then the
 * DTO's own fields (`timestamp`, `path`, `message`, …), so the SDK parses them as `ErrorDto` or
 * `ValidationErrorDto`.
 */
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";

export interface ErrorContext {
  /** `req.url` as received, query string included. */
  readonly path: string;
  readonly timestamp: string;
}

export abstract class NovuHttpError extends Error {
  abstract readonly status: number;
  abstract toBody(context: ErrorContext): Record<string, unknown>;
  /** Extra response headers (e.g. `Retry-After`). */
  headers(): Record<string, string> {
    return {};
  }
}

/** A Nest `HttpException` thrown with a string message (`NotFoundException('x')` and friends). */
export class HttpException extends NovuHttpError {
  override name = "HttpException";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
  toBody({ path, timestamp }: ErrorContext): Record<string, unknown> {
    const error = reasonPhrase(this.status);
    return { statusCode: this.status, error, timestamp, path, message: this.message, ctx: { statusCode: this.status, error } };
  }
}

export class BadRequestError extends HttpException {
  override name = "BadRequestError";
  constructor(message: string) {
    super(400, message);
  }
}

/** `UnauthorizedException('<message>')`, e.g. `API Key not found`. */
export class UnauthorizedError extends HttpException {
  override name = "UnauthorizedError";
  constructor(message: string) {
    super(401, message);
  }
}

export class ForbiddenError extends HttpException {
  override name = "ForbiddenError";
  constructor(message: string) {
    super(403, message);
  }
}

export class NotFoundError extends HttpException {
  override name = "NotFoundError";
  constructor(message: string) {
    super(404, message);
  }
}

export class ConflictError extends HttpException {
  override name = "ConflictError";
  constructor(message: string) {
    super(409, message);
  }
}

/** `UnauthorizedException()` without a message (passport failure): no `error` field, `ctx` has only the status. */
export class BareUnauthorizedError extends NovuHttpError {
  override name = "BareUnauthorizedError";
  readonly status = 401;
  constructor() {
    super("Unauthorized");
  }
  toBody({ path, timestamp }: ErrorContext): Record<string, unknown> {
    return { statusCode: 401, timestamp, path, message: "Unauthorized", ctx: { statusCode: 401 } };
  }
}

/** The global `ValidationPipe` rejecting the body: class-validator messages under `errors.general`. */
export class DtoValidationError extends NovuHttpError {
  override name = "DtoValidationError";
  readonly status = 422;
  constructor(readonly messages: readonly string[]) {
    super("Validation Error");
  }
  toBody({ path, timestamp }: ErrorContext): Record<string, unknown> {
    return {
      statusCode: 422,
      timestamp,
      path,
      message: "Validation Error",
      ctx: {},
      errors: { general: { messages: [...this.messages], value: "No Value Recorded" } },
    };
  }
}

/** `CommandValidationException` from `BaseCommand.create` (e.g. a non-ObjectId `integrationId`). */
export class CommandValidationError extends NovuHttpError {
  override name = "CommandValidationError";
  readonly status = 422;
  constructor(
    readonly commandName: string,
    readonly field: string,
    readonly value: unknown,
    readonly constraint: string,
  ) {
    super(`Validation failed for ${commandName}: ${field}: ${constraint}`);
  }
  toBody({ path, timestamp }: ErrorContext): Record<string, unknown> {
    return {
      statusCode: 422,
      timestamp,
      path,
      message: this.message,
      ctx: {},
      errors: { [this.field]: { messages: [this.constraint], value: this.value } },
    };
  }
}

/** The throttler's 429 (§10). */
export class RateLimitedError extends NovuHttpError {
  override name = "RateLimitedError";
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super("API rate limit exceeded");
  }
  toBody({ path, timestamp }: ErrorContext): Record<string, unknown> {
    return { statusCode: 429, timestamp, path, message: this.message, ctx: {} };
  }
  override headers(): Record<string, string> {
    return { "Retry-After": String(this.retryAfterSeconds) };
  }
}

/** Anything that is not an `HttpException` (e.g. a Mongoose `CastError`) becomes this 500. */
export class InternalServerError extends NovuHttpError {
  override name = "InternalServerError";
  readonly status = 500;
  readonly errorId = randomUUID();
  constructor() {
    super("Internal server error, contact support and provide them with the errorId");
  }
  toBody({ path, timestamp }: ErrorContext): Record<string, unknown> {
    return { statusCode: 500, timestamp, path, message: this.message, errorId: this.errorId };
  }
}

/** Nest's reason phrases are Node's (`Not Found`, `Unprocessable Entity`, `Too Many Requests`, …). */
export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? "Error";
}
