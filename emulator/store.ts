/**
 * The emulator's data: one organization with a Development and a Production environment, the
 * table of integrations (deleted ones included, as soft delete keeps them), and the run-time
 * settings. With a state file, every committed write is saved atomically (temp file + rename) and
 * the file is loaded at start.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { DEFAULT_SETTINGS, stateFileSchema, type Environment, type Settings, type StateFile } from "./schemas";
import type { Table } from "./state-machine";

/** Fixed ids, so that a state file and the tests of one run agree across restarts. */
export const SEEDED_ORGANIZATION_ID = "66a000000000000000000001";
export const SEEDED_ENVIRONMENTS: readonly Environment[] = [
  { _id: "66a0000000000000000000d1", name: "Development", _organizationId: SEEDED_ORGANIZATION_ID },
  { _id: "66a0000000000000000000f1", name: "Production", _organizationId: SEEDED_ORGANIZATION_ID },
];

export class StateFileError extends Error {
  override name = "StateFileError";
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Cannot load emulator state file ${file}: ${reason}`);
  }
}

export class EmulatorStore {
  readonly organizationId: string;
  readonly environments: readonly Environment[];
  private current: Table;
  private currentSettings: Settings = DEFAULT_SETTINGS;

  private constructor(
    state: StateFile,
    private readonly stateFile: string | undefined,
  ) {
    this.organizationId = state.organizationId;
    this.environments = state.environments;
    this.current = state.integrations;
  }

  /** Loads `stateFile` if it exists; otherwise starts from the seeded, empty organization. */
  static open(stateFile?: string): EmulatorStore {
    if (stateFile && existsSync(stateFile)) return new EmulatorStore(readStateFile(stateFile), stateFile);
    const store = new EmulatorStore(seededState(), stateFile);
    store.save();
    return store;
  }

  get table(): Table {
    return this.current;
  }

  get settings(): Settings {
    return this.currentSettings;
  }

  environment(name: "Development" | "Production"): Environment {
    return this.environments.find((e) => e.name === name) as Environment;
  }

  /** Replaces the table with the result of a write, and saves it. */
  commit(table: Table): void {
    this.current = table;
    this.save();
  }

  updateSettings(settings: Settings): void {
    this.currentSettings = settings;
  }

  /** Back to the seeded state: no integrations, default settings. */
  reset(): void {
    this.currentSettings = DEFAULT_SETTINGS;
    this.commit([]);
  }

  snapshot(): StateFile {
    return {
      version: 1,
      organizationId: this.organizationId,
      environments: [...this.environments],
      integrations: [...this.current],
    };
  }

  private save(): void {
    if (!this.stateFile) return;
    mkdirSync(dirname(this.stateFile), { recursive: true });
    const temporary = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.snapshot(), null, 2) + "\n");
    renameSync(temporary, this.stateFile);
  }
}

function seededState(): StateFile {
  return { version: 1, organizationId: SEEDED_ORGANIZATION_ID, environments: [...SEEDED_ENVIRONMENTS], integrations: [] };
}

function readStateFile(file: string): StateFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new StateFileError(file, (error as Error).message);
  }
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StateFileError(file, `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}
