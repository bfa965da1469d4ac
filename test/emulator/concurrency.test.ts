/**
 * Concurrent requests must not corrupt state: each request's read-modify-write is synchronous.
 */
import { withEmulator } from "../helpers/emulator";

const emu = withEmulator({ resetBeforeEach: true });
const post = (body: Record<string, unknown>) => emu.api("POST", "/v1/integrations", body);

it("stores all of 50 parallel creates with distinct identifiers, each with its own id", async () => {
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, n) => post({ providerId: "sendgrid", channel: "email", identifier: `parallel-${n}` })),
  );
  expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
  const state = await emu.control.state();
  expect(state).toHaveLength(50);
  expect(new Set(state.map((i) => i._id)).size).toBe(50);
  expect(new Set(state.map((i) => i.identifier))).toEqual(new Set(responses.map((r) => r.body.data.identifier)));
});

it("lets exactly one of 20 parallel creates with the same identifier succeed", async () => {
  const responses = await Promise.all(Array.from({ length: 20 }, () => post({ providerId: "sendgrid", channel: "email", identifier: "contested" })));
  const statuses = responses.map((r) => r.status).sort();
  expect(statuses).toEqual([201, ...Array(19).fill(409)]);
  expect(await emu.control.state()).toHaveLength(1);
});

it("places 30 parallel active email creates one after another: one primary, priorities 1…30", async () => {
  await Promise.all(Array.from({ length: 30 }, () => post({ providerId: "sendgrid", channel: "email", active: true })));
  const state = await emu.control.state();
  expect(state.filter((i) => i.primary)).toHaveLength(1);
  expect(state.filter((i) => i.primary)[0].priority).toBe(30);
  expect(state.map((i) => i.priority).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n + 1));
});

it("handles parallel set-primary calls so that exactly one active primary remains", async () => {
  const seeded = await emu.control.seed(
    Array.from({ length: 10 }, (_, n) => ({ providerId: "sendgrid", channel: "email" as const, active: true, priority: n })),
  );
  await Promise.all(seeded.map((i) => emu.api("POST", `/v1/integrations/${i._id}/set-primary`)));
  const state = await emu.control.state();
  expect(state.filter((i) => i.primary)).toHaveLength(1);
  expect(state.map((i) => i.priority).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, n) => n + 1));
});
