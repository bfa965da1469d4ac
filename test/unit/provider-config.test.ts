/**
 * Where each provider setting came from (stack config, a native provider's argument, a command-line
 * flag, or the environment variable behind it), and messages that name the one the user used.
 */
import { NovuNetworkError } from "../../provider/errors";
import { apiUrlSetting, type ConfigSource, readProviderSettings, settingsInUse } from "../../provider/runtime/provider-config";
import { generateCommand } from "../../tools/generate/command";

const KEY = "nv-provider-config-unit-key-77aa";
const stack = (values: Record<string, string>): ConfigSource => ({ get: (key) => values[key] });
const providerArgs = (values: Record<string, string>): ConfigSource => ({
  kind: "provider argument",
  nameOf: (key) => `the ${key.replace(/^novu:/, "")} argument of provider "shell"`,
  get: (key) => values[key],
});

describe("readProviderSettings: where the key and URL came from", () => {
  it("stack config first, then the environment variable, then the default", () => {
    const fromConfig = readProviderSettings(stack({ "novu:secretKey": KEY, "novu:apiUrl": "http://127.0.0.1:4311/" }), {});
    expect(fromConfig.config.apiUrl).toBe("http://127.0.0.1:4311");
    expect(fromConfig.secretKey).toEqual({ from: "source", kind: "stack config", name: "novu:secretKey" });
    expect(fromConfig.apiUrl).toEqual({ from: "source", kind: "stack config", name: "novu:apiUrl" });

    const fromEnv = readProviderSettings(stack({}), { NOVU_SECRET_KEY: KEY, NOVU_API_URL: "http://127.0.0.1:4311" });
    expect(fromEnv.secretKey).toEqual({ from: "environment", name: "NOVU_SECRET_KEY" });
    expect(fromEnv.apiUrl).toEqual({ from: "environment", name: "NOVU_API_URL" });

    expect(readProviderSettings(stack({ "novu:secretKey": KEY, "novu:region": "eu" }), {}).apiUrl).toEqual({ from: "source", kind: "stack config", name: "novu:region" });
    // The EU example's region (examples/self-hosted-eu), and `novu:apiUrl` winning over it.
    expect(readProviderSettings(stack({ "novu:secretKey": KEY, "novu:region": "eu" }), {}).config.apiUrl).toBe("https://eu.api.novu.co");
    expect(readProviderSettings(stack({ "novu:secretKey": KEY, "novu:region": "eu", "novu:apiUrl": "http://127.0.0.1:4311" }), {}).config.apiUrl).toBe("http://127.0.0.1:4311");
    expect(readProviderSettings(stack({ "novu:secretKey": KEY }), { NOVU_REGION: "eu" }).apiUrl).toEqual({ from: "environment", name: "NOVU_REGION" });
    expect(readProviderSettings(stack({ "novu:secretKey": KEY }), {}).apiUrl).toEqual({ from: "default", name: "novu:apiUrl" });
  });

  it("tells a native provider's argument from the NOVU_SECRET_KEY of the shell it fell back to", () => {
    const settings = readProviderSettings(providerArgs({ "novu:apiUrl": "http://127.0.0.1:4311" }), { NOVU_SECRET_KEY: KEY });
    expect(settingsInUse(settings)).toEqual({
      key: "NOVU_SECRET_KEY",
      keyFrom: "the environment variable NOVU_SECRET_KEY",
      keyFix: 'pass it as the secretKey argument of provider "shell" (a secret)',
      apiUrl: 'the apiUrl argument of provider "shell"',
      apiUrlFrom: 'the apiUrl argument of provider "shell"',
      apiUrlFix: 'set the apiUrl argument of provider "shell"',
    });
  });

  it("gives one command per source to fix the key or the URL", () => {
    const inUse = (config: Record<string, string>, env: Record<string, string> = {}) => settingsInUse(readProviderSettings(stack(config), env));
    expect(inUse({ "novu:secretKey": KEY, "novu:apiUrl": "http://a.example" })).toEqual({
      key: "novu:secretKey",
      keyFrom: "stack config novu:secretKey",
      keyFix: "`pulumi config set --secret novu:secretKey <key>`",
      apiUrl: "novu:apiUrl",
      apiUrlFrom: "stack config novu:apiUrl",
      apiUrlFix: "`pulumi config set novu:apiUrl <URL of the Novu API>`",
    });
    expect(inUse({}, { NOVU_SECRET_KEY: KEY, NOVU_API_URL: "http://a.example" })).toMatchObject({
      key: "NOVU_SECRET_KEY",
      keyFix: "`pulumi config set --secret novu:secretKey <key>` (stack config wins over NOVU_SECRET_KEY)",
      apiUrl: "NOVU_API_URL",
      apiUrlFrom: "the environment variable NOVU_API_URL",
      apiUrlFix: "`pulumi config set novu:apiUrl <URL of the Novu API>` (stack config wins over NOVU_API_URL)",
    });
    expect(inUse({ "novu:secretKey": KEY })).toMatchObject({ apiUrl: "novu:apiUrl (unset)", apiUrlFrom: "the default (novu:apiUrl unset: https://api.novu.co)" });
  });

  it("names an invalid setting as it was written, never its value", () => {
    const bad = "ftp://novu.example";
    const message = (config: ConfigSource, env: Record<string, string>) => {
      try {
        readProviderSettings(config, env);
        return "(accepted)";
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message(stack({ "novu:secretKey": KEY, "novu:apiUrl": bad }), {})).toBe("invalid Novu provider configuration: novu:apiUrl must be an http(s) URL");
    expect(message(stack({ "novu:secretKey": KEY }), { NOVU_API_URL: bad })).toBe("invalid Novu provider configuration: NOVU_API_URL must be an http(s) URL");
    expect(message(providerArgs({ "novu:secretKey": KEY, "novu:apiUrl": bad }), {})).toBe(
      'invalid Novu provider configuration: the apiUrl argument of provider "shell" must be an http(s) URL',
    );
    expect(message(providerArgs({}), {})).toBe(
      'the provider has no key: neither the secretKey argument of provider "shell" nor NOVU_SECRET_KEY is set. Pass the key as the secretKey argument of provider "shell" (a secret)',
    );
    expect(message(stack({}), {})).toBe("novu:secretKey is not set: run `pulumi config set --secret novu:secretKey <key>` (or export NOVU_SECRET_KEY)");
  });
});

describe("network errors name the setting the URL came from", () => {
  const hint = (setting?: string) => new NovuNetworkError("list integrations", "ENOTFOUND", "http://novu-api.invalid", setting).message;

  it("names novu:apiUrl, NOVU_API_URL, novu:region or --api-url as used", () => {
    const settings = (config: Record<string, string>, env: Record<string, string> = {}) => apiUrlSetting(readProviderSettings(stack({ "novu:secretKey": KEY, ...config }), env).apiUrl);
    expect(hint(settings({ "novu:apiUrl": "http://novu-api.invalid" }))).toBe(
      "list integrations: no answer from Novu (ENOTFOUND): novu-api.invalid does not resolve, so nothing was sent; check novu:apiUrl",
    );
    expect(hint(settings({}, { NOVU_API_URL: "http://novu-api.invalid" }))).toMatch(/check NOVU_API_URL$/);
    expect(hint(settings({ "novu:region": "eu" }))).toMatch(/check novu:region$/);
    expect(hint(settings({}))).toMatch(/check novu:apiUrl \(unset: https:\/\/api\.novu\.co\)$/);
    // A caller that does not know (a client made without it) keeps the general advice.
    expect(hint()).toMatch(/check novu:apiUrl \(or novu:region\)$/);
    expect(new NovuNetworkError("list integrations", "ECONNREFUSED", "http://127.0.0.1:1", "NOVU_API_URL").message).toBe(
      "list integrations: no answer from Novu (ECONNREFUSED): 127.0.0.1:1 refused the connection, so nothing was sent; check NOVU_API_URL and that the server is running",
    );
  });
});

describe("pulumi-novu generate names its own flags and variables", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const run = async (args: string[], env: Record<string, string>): Promise<string> => {
    process.env = { ...saved, NOVU_API_URL: "", NOVU_REGION: "", NOVU_SECRET_KEY: "", ...env };
    return generateCommand(args, { out: () => undefined, err: () => undefined }).then(
      () => "(succeeded)",
      (e: unknown) => (e as Error).message,
    );
  };

  it("--api-url when the URL came from the flag, NOVU_API_URL when from the environment", async () => {
    expect(await run(["--api-url", "http://novu-api.invalid"], { NOVU_SECRET_KEY: KEY })).toBe(
      "list integrations: no answer from Novu (ENOTFOUND): novu-api.invalid does not resolve, so nothing was sent; check --api-url",
    );
    expect(await run([], { NOVU_SECRET_KEY: KEY, NOVU_API_URL: "http://novu-api.invalid" })).toMatch(/does not resolve, so nothing was sent; check NOVU_API_URL$/);
  });

  it("NOVU_SECRET_KEY, the only place it reads the key from, and --api-url for a malformed flag", async () => {
    expect(await run([], {})).toBe("NOVU_SECRET_KEY is not set: `export NOVU_SECRET_KEY=<key>` (the key is read only from there)");
    expect(await run(["--api-url", "novu-api.example"], { NOVU_SECRET_KEY: KEY })).toBe("invalid Novu provider configuration: --api-url must be an http(s) URL");
  });
});
