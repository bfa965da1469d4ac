import { parseInputs, UNKNOWN } from "../../provider/planning/check";
import { detailedDiff } from "../../provider/planning/detailed-diff";
import { IntegrationStateError } from "../../provider/errors";
import { adoptionPreviewInputs, desiredForDiff, diffForPreview, primaryPreviewInputs } from "../../provider/planning/preview-inputs";
import { SENDGRID_STATE } from "./fixtures";

const state = SENDGRID_STATE;
const news = (over: Record<string, unknown> = {}) => ({
  providerId: "sendgrid",
  channel: "email",
  name: "SendGrid",
  identifier: "mail",
  credentials: { apiKey: "SG.one", from: "a@acme.dev", senderName: "Acme" },
  ...over,
});

describe("a diff during a preview, with values not known yet", () => {
  it("ignores internal inputs that are unknown: an unchanged integration stays unchanged", () => {
    // What a preview hands an existing dynamic Integration when another one is added beside it.
    const { outcome } = diffForPreview(state, news({ __ledgerEntry: UNKNOWN, __declaredPrimaryPeers: UNKNOWN }), false);
    expect(outcome).toMatchObject({ changes: false, replaces: [] });
  });

  it("counts an unknown public input as a change, and an unknown replacing input as a replacement", () => {
    expect(diffForPreview(state, news({ credentials: { apiKey: UNKNOWN, from: "a@acme.dev", senderName: "Acme" } }), false).outcome).toMatchObject({ changes: true, replaces: [] });
    expect(diffForPreview(state, news({ providerId: UNKNOWN }), false).outcome).toMatchObject({ changes: true, replaces: ["providerId"], deleteBeforeReplace: true });
  });

  it("names unknown inputs in the native detailed diff", () => {
    const { desired, unknown } = desiredForDiff(state, news({ name: UNKNOWN, channel: UNKNOWN }), parseInputs);
    expect([...unknown].sort()).toEqual(["channel", "name"]);
    expect(detailedDiff(state, desired, unknown).properties).toEqual({ name: "update", channel: "update-replace" });
  });

  it("still refuses a known input that is invalid", () => {
    expect(() => diffForPreview(state, news({ active: "yes", name: UNKNOWN }), false)).toThrow(/invalid inputs: active/);
  });
});

describe("the state as the engine stores it", () => {
  it("keeps the bookkeeping under __ names, which the engine never displays, and reads either naming", () => {
    const { stateOf, storedOutputs } = require("../../provider/planning/state") as typeof import("../../provider/planning/state");
    const stored = storedOutputs({ ...state, configurationsManaged: false });
    expect(stored).toMatchObject({ __nameManaged: true, __environmentManaged: false, __configurationsManaged: false });
    expect(Object.keys(stored).filter((k) => /Managed$/.test(k) && !k.startsWith("__"))).toEqual([]);
    expect(stateOf({ ...stored, __provider: "text" })).toEqual({ ...state, configurationsManaged: false });
    // State written before the __ names.
    expect(stateOf({ ...state, __provider: "text" })).toEqual(state);
  });

  it("reads state an older version wrote without the bookkeeping as inputs the program did not declare", () => {
    const { stateOf, storedOutputs } = require("../../provider/planning/state") as typeof import("../../provider/planning/state");
    const { __nameManaged: _n, __environmentManaged: _e, ...older } = storedOutputs(state);
    expect(stateOf(older)).toEqual({ ...state, nameManaged: false, environmentManaged: false });
  });

  it("refuses a stored state it did not write, naming each field and never a value", () => {
    const { stateOf, storedOutputs } = require("../../provider/planning/state") as typeof import("../../provider/planning/state");
    const { integrationId: _id, ...missing } = storedOutputs(state);
    const read = () => stateOf({ ...missing, credentials: "SG.a-credential-as-a-string", primary: "yes" });
    expect(read).toThrow(IntegrationStateError);
    expect(read).toThrow(/^the state of integration "mail" is not one pulumi-novu writes \(integrationId: .*; primary: .*; credentials: expected an object\): remove it from the stack/);
    expect(read).not.toThrow(/SG\.a-credential|yes/);
  });
});

describe("what check's previews of a new resource read", () => {
  const known = news({ adopt: true, primary: true, environmentId: "66a0000000000000000000d1" });

  it("is parsed when every input a preview reads is known", () => {
    expect(adoptionPreviewInputs(known)).toEqual({ adopt: true, identifier: "mail", providerId: "sendgrid", channel: "email", environmentId: "66a0000000000000000000d1", deleteAdopted: false });
    expect(primaryPreviewInputs(known)).toEqual({ primary: true, identifier: "mail", channel: "email", environmentId: "66a0000000000000000000d1" });
  });

  it("is nothing for a preview while an input it reads is unknown, whatever else is", () => {
    expect(adoptionPreviewInputs({ ...known, environmentId: UNKNOWN })).toBeUndefined();
    expect(primaryPreviewInputs({ ...known, __declaredPrimaryPeers: UNKNOWN })).toBeUndefined();
    // A credential not known yet is read by neither.
    expect(adoptionPreviewInputs({ ...known, credentials: UNKNOWN })?.adopt).toBe(true);
    expect(primaryPreviewInputs({ ...known, deleteAdopted: UNKNOWN })?.primary).toBe(true);
  });
});

describe("the identifier's default", () => {
  const { withNameDefaults } = require("../../provider/schemas/integration-inputs") as typeof import("../../provider/schemas/integration-inputs");
  it("is the resource's name where the identifier is unset or null, and never replaces one that is set", () => {
    expect(withNameDefaults({ providerId: "sendgrid" }, "mail")).toEqual({ providerId: "sendgrid", identifier: "mail" });
    expect(withNameDefaults({ identifier: null }, "mail")).toEqual({ identifier: "mail" });
    expect(withNameDefaults({ identifier: "transactional" }, "mail")).toEqual({ identifier: "transactional" });
  });
});
