/**
 * The current server's outbound-credential check on PUT (§5.4 step 8,
 * `validate-outbound-integration-credentials.ts`): destinations an operator types in (a custom
 * SMTP host and port, webhook URLs, a generic SMS base/auth URL) must not point at internal
 * infrastructure, or the update fails with 400 and the check's own message. The messages are the
 * server's (`validate-smtp-outbound-target.ts`, `ssrf-url-validation.ts` in `@novu/shared`).
 *
 * The emulator does no DNS: a hostname counts as public (the real server resolves it and refuses
 * private answers); literal IPs, `localhost` and the metadata hostname are judged as the server
 * judges them. Sinch's region allow-list is not copied (its list is not public API).
 */
import { isIP } from "node:net";
import { BadRequestError } from "./errors";

type Json = Record<string, unknown>;

class Blocked extends Error {}

const WEBHOOK_PROVIDERS: readonly string[] = ["email-webhook", "push-webhook", "tool-webhook"];
const BLOCKED_HOSTNAMES: readonly string[] = ["localhost", "metadata.google.internal"];
const UNSAFE_SMTP_HOST = /[\s/\\#?@&=:;%]/;

/** Throws the server's 400 when `credentials` send the provider somewhere it refuses. */
export function validateOutboundCredentials(providerId: string, credentials: Json | undefined): void {
  if (!credentials) return;
  try {
    if (providerId === "nodemailer") {
      assertSafeSmtpHost(credentials.host);
      assertSafeSmtpPort(credentials.port);
    }
    if (WEBHOOK_PROVIDERS.includes(providerId)) assertSafeCredentialUrl(credentials.webhookUrl, "Webhook URL");
    if (providerId === "generic-sms") {
      assertSafeCredentialUrl(credentials.baseUrl, "Base URL");
      if (credentials.authenticateByToken) assertSafeCredentialUrl(credentials.domain, "Auth URL");
    }
  } catch (error) {
    if (error instanceof Blocked) throw new BadRequestError(error.message);
    throw error;
  }
}

function assertSafeSmtpHost(host: unknown): void {
  const trimmed = typeof host === "string" ? host.trim() : "";
  if (!trimmed) throw new Blocked("SMTP host is required.");
  if (UNSAFE_SMTP_HOST.test(trimmed)) throw new Blocked("SMTP host contains invalid characters.");
  const normalized = normalizeHostname(trimmed);
  assertSafeOutboundUrl(`https://${normalized}`);
  if (isIP(normalized) !== 0 && isPrivateIp(normalized)) throw new Blocked(privateMessage(normalized));
}

function assertSafeSmtpPort(port: unknown): void {
  const parsed = Number(port);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) throw new Blocked("SMTP port must be an integer between 1 and 65535.");
}

/** `assertSafeCredentialUrl`: empty is fine; otherwise an http(s) URL whose host is public. */
function assertSafeCredentialUrl(raw: unknown, label: string): void {
  if (typeof raw !== "string" || !raw.trim()) return;
  const url = normalizeOutboundHttpUrl(raw);
  if (!url) throw new Blocked(`${label} is not a valid http(s) URL.`);
  try {
    const parsed = assertSafeOutboundUrl(url);
    const host = normalizeHostname(parsed.hostname);
    if (isIP(host) !== 0 && isPrivateIp(host)) throw new Blocked(privateMessage(host));
  } catch (error) {
    if (error instanceof Blocked) throw new Blocked(`${label} is not allowed: ${error.message}`);
    throw error;
  }
}

/** A scheme-less value (`hooks.acme.dev/x`) is taken as https, as the server (and axios) do. */
function normalizeOutboundHttpUrl(raw: string): string | null {
  const trimmed = raw.trim();
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? trimmed : null;
  } catch {
    // scheme-less: below
  }
  try {
    return new URL(`https://${trimmed}`).hostname ? `https://${trimmed}` : null;
  } catch {
    return null;
  }
}

function assertSafeOutboundUrl(input: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(input);
  } catch {
    throw new Blocked("Invalid URL format.");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Blocked(`URL scheme "${parsed.protocol}" is not allowed. Only http and https are permitted.`);
  }
  if (parsed.username || parsed.password) throw new Blocked("URLs with embedded credentials are not allowed.");
  const hostname = parsed.hostname.toLowerCase();
  if (BLOCKED_HOSTNAMES.includes(hostname)) throw new Blocked(`Requests to "${hostname}" are not allowed.`);
  return parsed;
}

function privateMessage(address: string): string {
  return `Requests to private or reserved IP addresses are not allowed (resolved: ${address}).`;
}

/** `[::1]` → `::1`, trailing dot dropped, lower case. */
function normalizeHostname(host: string): string {
  return host.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "").toLowerCase();
}

/** Loopback, private, link-local, shared, reserved and multicast ranges (IPv4, IPv6, v4-mapped). */
export function isPrivateIp(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateIp(mapped[1]);
  if (isIP(address) === 4) {
    const [a, b] = address.split(".").map(Number);
    return (
      a === 0 || a === 10 || a === 127 || a >= 224 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19))
    );
  }
  const v6 = address.toLowerCase();
  return v6 === "::" || v6 === "::1" || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6);
}
