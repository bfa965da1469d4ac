/**
 * The everyday change on the config-driven program: a running stack whose Pulumi.<stack>.yaml is
 * edited as pull requests edit it, one after another (test/helpers/steps.ts), each run as `pulumi
 * preview --diff`, `pulumi up` with its own preview and `pulumi preview --expect-no-changes` (the
 * helper's `up`). Secrets stay where `pulumi config set --secret --path` put them. Two edits that
 * are the same on every program are shown once elsewhere: a credential rotated with `pulumi config
 * set --secret --path` on this program (test/e2e/secrets-readme.test.ts), and reordered
 * declarations (test/e2e/everyday-edits.test.ts, the dynamic front-end's in-place story).
 */
import * as fs from "node:fs";
import { parse, stringify } from "yaml";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { type ConfigStack, configStack } from "../helpers/config-stack";
import { withPulumi } from "../helpers/pulumi";
import { step } from "../helpers/steps";
import { packageRoot } from "../../tools/package-root";

const SENDGRID_KEY = "SG.config-edits-secret-0001";
const TWILIO_TOKEN = "twilio-config-edits-secret-0003";

type Entries = Record<string, Record<string, unknown>>;

const EMAIL = { providerId: "sendgrid", channel: "email", primary: true, credentials: { from: "a@acme.dev", senderName: "Acme" } };
const SMS = { providerId: "twilio", channel: "sms", credentials: { accountSid: "AC1", from: "+15550100" } };
const PLUMBING = /ledgerEntry|declaredPrimaryPeers|primaryClaimConflict|plaintextNovuKey/;

describe("the config-driven program, its stack file edited", () => {
  const ctx = withPulumi();
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
  const root = packageRoot(__dirname);
  let n = 0;
  const stacks: ConfigStack[] = [];
  afterAll(async () => {
    for (const s of stacks) await s.remove();
  });

  async function running(): Promise<ConfigStack> {
    const s = await configStack(
      ctx,
      root,
      `e2e-${process.pid}-edits-${++n}`,
      { "novu:apiUrl": emu.url, "pulumi-novu:integrations": { "transactional-email": EMAIL, "alerts-sms": SMS } },
      {
        "novu:secretKey": emu.environments.development.apiKey,
        "pulumi-novu:integrations.transactional-email.credentials.apiKey": SENDGRID_KEY,
        "pulumi-novu:integrations.alerts-sms.credentials.token": TWILIO_TOKEN,
      },
    );
    stacks.push(s);
    // Set up with one `up`: what is under test is the edit after it, which runs the whole shape.
    await s.upSkipPreview();
    return s;
  }

  /** Edits the `integrations` map in the stack file (its secure leaves kept), then previews it as a pull request. */
  async function edit(s: ConfigStack, change: (entries: Entries) => Entries) {
    const doc = parse(fs.readFileSync(s.stackFile, "utf8"));
    doc.config["pulumi-novu:integrations"] = change(doc.config["pulumi-novu:integrations"]);
    fs.writeFileSync(s.stackFile, stringify(doc));
    const preview = await s.preview({ diff: true });
    expect(preview.stdout).not.toMatch(PLUMBING);
    await s.up({ preview: false });
    return preview;
  }

  const alive = async () =>
    (await emu.control.state())
      .filter((i) => !i.deleted)
      .map((i) => `${i.identifier}:${i.providerId}`)
      .sort();

  it("takes a team's edits of its stack file one after another (add, re-identify, remove), each previewed, applied and previewing clean", async () => {
    const s = await running();

    await step("adds an entry beside the running ones", async () => {
      const preview = await edit(s, (e) => ({ ...e, "ops-chat": { providerId: "discord", channel: "chat" } }));
      expect(preview.changeSummary).toMatchObject({ create: 1 });
      expect(await alive()).toEqual(["alerts-sms:twilio", "ops-chat:discord", "transactional-email:sendgrid"]);
    });

    await step("changes an entry's identifier in place", async () => {
      const id = (await emu.control.state()).find((i) => !i.deleted && i.identifier === "alerts-sms")!._id;
      await edit(s, (e) => ({ ...e, "alerts-sms": { ...e["alerts-sms"], identifier: "sms-alerts" } }));
      expect(await alive()).toEqual(["ops-chat:discord", "sms-alerts:twilio", "transactional-email:sendgrid"]);
      expect((await emu.control.state()).find((i) => i._id === id)!.identifier).toBe("sms-alerts");
    });

    await step("removes an entry", async () => {
      const preview = await edit(s, ({ "alerts-sms": _gone, ...rest }) => rest);
      expect(preview.changeSummary).toMatchObject({ delete: 1 });
      expect(await alive()).toEqual(["ops-chat:discord", "transactional-email:sendgrid"]);
    });
  });
});
