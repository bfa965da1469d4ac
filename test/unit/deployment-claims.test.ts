import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DeploymentClaims } from "../../provider/native/deployment-claims";

describe("primary claims across the provider processes of one deployment", () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "claims-test-"))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("lets the first resource hold a key and names it to the second, from another process's view", () => {
    const first = new DeploymentClaims("127.0.0.1:4000", process.pid, root);
    const second = new DeploymentClaims("127.0.0.1:4000", process.pid, root);
    expect(first.claim("env1/email", "urn:a")).toBeUndefined();
    expect(first.claim("env1/email", "urn:a")).toBeUndefined();
    expect(second.claim("env1/email", "urn:b")).toBe("urn:a");
    expect(second.claim("env1/sms", "urn:b")).toBeUndefined();
  });

  it("keeps deployments apart", () => {
    expect(new DeploymentClaims("127.0.0.1:4000", process.pid, root).claim("env1/email", "urn:a")).toBeUndefined();
    expect(new DeploymentClaims("127.0.0.1:4001", process.pid, root).claim("env1/email", "urn:b")).toBeUndefined();
  });

  it("removes the claims of a deployment whose CLI has ended", () => {
    const gone = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    new DeploymentClaims("127.0.0.1:4000", gone, root).claim("env1/email", "urn:a");
    expect(fs.readdirSync(root)).toHaveLength(1);
    new DeploymentClaims("127.0.0.1:4002", process.pid, root);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
