/**
 * What one provider process holds for every resource and function it serves, whichever front-end
 * started it: its settings (stack config or a native provider's arguments, env fallbacks), its one
 * Novu client (one HTTP agent, one rate limiter), the placement guard (which environment the key
 * reaches, asked once), and the shared list of integrations. The operations of each resource type
 * (runtime/integration-operations.ts) and the functions (runtime/lookup-operations.ts) read and
 * write through it; warnings go through runtime/warnings.ts.
 */
import type { Deadline } from "../client/deadline";
import type { NovuClient } from "../client/novu-client";
import { RateLimiter } from "../client/rate-limiter";
import type { Reach } from "../planning/placement";
import type { IntegrationListing, IntegrationResponse } from "../schemas/api";
import type { LookupSource } from "./lookup-operations";
import { PlacementGuard } from "./placement-guard";
import { apiUrlSetting, type ConfigSource, type ProviderConfig, type ProviderSettings, readProviderSettings, settingsInUse } from "./provider-config";

const PACKAGE_VERSION: string = require("pulumi-novu/package.json").version;

/**
 * How long one list answers reads. The provider process lives for one CLI command, and a refresh
 * is a snapshot of that moment anyway; a longer refresh lists again every 10 s.
 */
const LIST_SHARE_MS = 10_000;

export class ProviderProcess implements LookupSource {
  private settings?: ProviderSettings;
  private novu?: NovuClient;
  /**
   * One list call serves every read that starts within LIST_SHARE_MS of it (a refresh reads all
   * resources within moments, at the engine's pace), until this process writes.
   */
  private listing?: { readonly startedAt: number; readonly result: Promise<IntegrationListing> };

  /** Stops work on integrations of another environment or server (docs/environments.md). */
  readonly placement = new PlacementGuard(() => {
    const novu = this.client();
    const { apiUrl, movedFrom, operationTimeoutMs } = this.config();
    return { apiUrl, movedFrom, operationTimeoutMs, settings: settingsInUse(this.settings!), client: () => novu };
  });

  async configure(req: { readonly config?: ConfigSource }): Promise<void> {
    // Invalid or missing settings fail here, so a preview fails where `up` would.
    this.settings = readProviderSettings(req.config);
  }

  /** The process's one client, made on first use: a preview that only creates sends no request, so it skips loading undici. */
  client(): NovuClient {
    if (!this.novu) {
      const config = this.config();
      const { NovuClient } = require("../client/novu-client") as typeof import("../client/novu-client");
      this.novu = new NovuClient({
        apiUrl: config.apiUrl,
        apiUrlSetting: apiUrlSetting(this.settings!.apiUrl),
        secretKey: config.secretKey,
        requestTimeoutMs: config.requestTimeoutMs,
        operationTimeoutMs: config.operationTimeoutMs,
        retry: { maxRetries: config.maxRetries },
        limiter: new RateLimiter({ perSecond: config.maxRequestsPerSecond }),
        userAgent: `pulumi-novu/${PACKAGE_VERSION}`,
      });
    }
    return this.novu;
  }

  /** One operation's deadline (`novu:operationTimeoutMs`) for all its calls. */
  deadline(): Deadline {
    return this.client().deadline();
  }

  /** The shared list, with the integrations pulumi-novu cannot manage (agents, unknown channels) set aside. */
  listAll(deadline: Deadline = this.deadline()): Promise<IntegrationListing> {
    const now = Date.now();
    if (!this.listing || now - this.listing.startedAt > LIST_SHARE_MS) {
      const listing = { startedAt: now, result: this.client().listAllIntegrations({ deadline }) };
      this.listing = listing;
      // A failed list is not handed to later reads: they try again.
      listing.result.catch(() => {
        if (this.listing === listing) this.listing = undefined;
      });
    }
    return this.listing.result;
  }

  /** The integrations pulumi-novu can manage, from the shared list. */
  async list(deadline: Deadline = this.deadline()): Promise<IntegrationResponse[]> {
    return (await this.listAll(deadline)).integrations;
  }

  /** A write: the shared list no longer says what Novu holds, so the next read lists again. */
  async write<T>(call: (novu: NovuClient) => Promise<T>): Promise<T> {
    this.listing = undefined;
    return call(this.client());
  }

  /** The shared list for the package's functions (runtime/lookup-operations.ts): a function's read costs no call of its own. */
  sharedListing(): Promise<IntegrationListing> {
    return this.listAll();
  }

  /** What the key reaches (the placement guard's one request per process), for the functions. */
  reached(): Promise<Reach> {
    return this.placement.reached();
  }

  /** The environment the key reaches; undefined if Novu cannot say. */
  async keyEnvironmentId(): Promise<string | undefined> {
    try {
      return (await this.placement.reached()).environment?.id;
    } catch {
      return undefined;
    }
  }

  /** The ledger's one list call (dynamic/ledger.ts), shared with the reads of this process. */
  listForLedger(): Promise<IntegrationResponse[]> {
    return this.list();
  }

  /** The settings in use: those configure read, else (a method called before configure) stack config and the environment. */
  private config(): ProviderConfig {
    this.settings ??= readProviderSettings(undefined);
    return this.settings.config;
  }
}
