import { configKey, programCommand, runOutcome } from "../../tools/language-host/program-command";

describe("language host", () => {
  it("builds the cmd/run command line the SDK expects", () => {
    const { args, env } = programCommand(
      {
        monitorAddress: "m:1", engineAddress: "e:2", organization: "", project: "p", stack: "s",
        rootDirectory: "/r", programDirectory: "/r/dist", entryPoint: "index.js", dryRun: true, parallel: 8,
        args: [], config: new Map([["novu:apiUrl", "http://x"], ["p:config:raw", "1"]]), configSecretKeys: ["novu:secretKey"], options: {},
      },
      "/sdk/cmd/run/index.js",
    );
    expect(args).toEqual(["/sdk/cmd/run/index.js", "--monitor", "m:1", "--engine", "e:2", "--project", "p", "--root-directory", "/r", "--stack", "s", "--pwd", "/r/dist", "--dry-run", "--parallel", "8", "index.js"]);
    expect(JSON.parse(env.PULUMI_CONFIG!)).toEqual({ "novu:config:apiUrl": "http://x", "p:config:raw": "1" });
    expect(env.PULUMI_CONFIG_SECRET_KEYS).toBe('["novu:secretKey"]');
  });

  it("maps exit codes like the Go host: 32 is a bail, others an error", () => {
    expect(runOutcome(0, null)).toEqual({ error: "", bail: false });
    expect(runOutcome(32, null)).toEqual({ error: "", bail: true });
    expect(runOutcome(1, null).error).toBe("Program exited with non-zero exit code: 1");
    expect(configKey("ns:config:k")).toBe("ns:config:k");
  });
});
