/**
 * One table of runtime tests, both front-ends: each front-end's Integration operations as its
 * engine-facing boundary answers them (the dynamic provider behind Pulumi's host's redaction
 * boundary, the native gRPC service with secret-wrapped values), each write preceded by the Check
 * the engine runs first. A failure is the text the engine would get.
 */
import { secret } from "../../provider/native/wire";
import { withNameDefaults } from "../../provider/schemas/integration-inputs";
import type { EmulatorHandle } from "./emulator";
import { configuredDynamicProvider, configuredService } from "./native-service";

type Bag = Record<string, unknown>;

export interface IntegrationOperations {
  /** Check, then Create: the id, the state the engine records, and the checked inputs. */
  create(declared: Bag): Promise<{ id: string; state: Bag; inputs: Bag }>;
  /** Check against the recorded inputs, then Diff. */
  diff(id: string, state: Bag, inputs: Bag, declared: Bag): Promise<{ changes: boolean }>;
  /** Check against the recorded inputs, then Update: the new state. */
  update(id: string, state: Bag, inputs: Bag, declared: Bag): Promise<Bag>;
  read(id: string, state: Bag, inputs?: Bag): Promise<{ id: string; state: Bag }>;
  delete(id: string, state: Bag): Promise<void>;
}

export interface OperationsOptions {
  /** The resource's name in the program (the identifier's default). Default "mail". */
  readonly name?: string;
  /** The Novu key the provider is configured with. Default: the emulator's Development key. */
  readonly apiKey?: string;
}

export type OperationsOf = (emu: EmulatorHandle, options?: OperationsOptions) => Promise<IntegrationOperations>;

export const dynamicOperations: OperationsOf = async (emu, { name = "mail", apiKey } = {}) => {
  const runtime = await configuredDynamicProvider(emu, apiKey);
  const check = async (olds: Bag, declared: Bag) => (await runtime.check(olds, withNameDefaults(declared, name))).inputs!;
  return {
    async create(declared) {
      const inputs = await check({}, declared);
      const created = await runtime.create(inputs);
      return { id: created.id, state: created.outs!, inputs };
    },
    async diff(id, state, inputs, declared) {
      return { changes: (await runtime.diff(id, state, await check(inputs, declared))).changes === true };
    },
    async update(id, state, inputs, declared) {
      return (await runtime.update(id, state, await check(inputs, declared))).outs!;
    },
    async read(id, state) {
      const read = await runtime.read(id, state);
      return { id: read.id!, state: read.props! };
    },
    delete: (id, state) => runtime.delete(id, state),
  };
};

export const nativeOperations: OperationsOf = async (emu, { name = "mail", apiKey } = {}) => {
  const s = await configuredService(emu, apiKey === undefined ? {} : { secretKey: secret(apiKey) });
  // As the engine passes them: credentials are secret (the schema marks them).
  const wrap = (declared: Bag) => (declared.credentials === undefined ? declared : { ...declared, credentials: secret(declared.credentials) });
  const check = async (olds: Bag, declared: Bag) => {
    const { inputs, failures } = await s.check(name, wrap(declared), olds);
    if (failures.length > 0) throw new Error(failures.join("; "));
    return inputs;
  };
  return {
    async create(declared) {
      const inputs = await check({}, declared);
      const created = await s.create(name, inputs);
      return { id: created.id, state: created.outputs, inputs };
    },
    diff: async (id, state, inputs, declared) => s.diff(name, id, state, await check(inputs, declared)),
    update: async (id, state, inputs, declared) => s.update(name, id, state, await check(inputs, declared)),
    async read(id, state, inputs) {
      const read = await s.read(name, id, state, inputs);
      return { id: read.id, state: read.outputs };
    },
    delete: (id, state) => s.delete(name, id, state),
  };
};

/** For `describe.each`: both front-ends by name. */
export const FRONT_END_OPERATIONS = [
  ["dynamic", dynamicOperations],
  ["native", nativeOperations],
] as const;
