// Types of greenfront.js (hand-written: Embind of Emscripten 3.1.6 cannot emit them;
// tests/js/types/usage.ts checks them with tsc --noEmit). The request formats are
// docs/schema.md (scenarios, compare) and docs/pareto.md (pareto, hypervolume, optimize,
// suggest); the types below name the fields a caller reads most, and keep the rest open.

/** One problem with a request: a stable code, the field path, and a readable message. */
export interface GreenfrontIssue {
  /** e.g. "input.out_of_range", "input.unknown_field", "json.parse_error", "internal.error" */
  code: string;
  /** e.g. "training.hours", "scenarios[1].scenario.training.hardware", "" for the document */
  path: string;
  /** "[code] path: rule, got value" */
  message: string;
}

/** Every rejected request, and every failure of the module, throws this. */
export class GreenfrontError extends Error {
  constructor(errors: GreenfrontIssue[]);
  readonly name: 'GreenfrontError';
  /** The first problem's code. Also "cancelled", "timeout", "worker.crashed",
   * "worker.load_failed" (greenfront-worker.js) and "internal.aborted" (the instance failed). */
  readonly code: string;
  /** The first problem's field path. */
  readonly path: string;
  /** Every problem found. */
  readonly errors: GreenfrontIssue[];
}

export interface LoadOptions {
  /** Folder (URL, or a path in Node) holding greenfront_wasm.{js,wasm}; default: next to greenfront.js. */
  baseUrl?: string | URL;
  /** The .wasm bytes, if the caller already has them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/** The raw Embind module: JSON text in, JSON text out. Prefer the functions below. */
export interface RawModule {
  estimate(scenarioJson: string): string;
  validate(scenarioJson: string): string;
  compare(requestJson: string): string;
  catalog(kind: string, search: string): string;
  pareto(requestJson: string): string;
  hypervolume(requestJson: string): string;
  /** Embind checks the arity: pass undefined for a callback you do not want. */
  optimize(requestJson: string, progress: ((stage: string, done: number, total: number) => boolean) | undefined,
    snapshot: ((snapshotJson: string) => void) | undefined): string;
  suggest(requestJson: string, progress?: (stage: string, done: number, total: number) => boolean): string;
  handle(requestJson: string): string;
  importCodecarbon(requestJson: string): string;
  importCodecarbonBytes(csv: Uint8Array, optionsJson: string): string;
  report(requestJson: string): string;
}

/** Loads the module once (later calls return the same promise; a failed load may be retried). */
export function load(options?: LoadOptions): Promise<RawModule>;
/** The raw module once load() has resolved, else null. */
export function rawModule(): RawModule | null;

// --- Scenarios (docs/schema.md) -------------------------------------------------------

/** A number, or an uncertain one: a range or a distribution (docs/schema.md). */
export type Uncertain =
  | number
  | { min: number; max: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'triangular'; min: number; mode: number; max: number }
  | { dist: 'normal'; mean: number; sd: number }
  | { dist: 'lognormal'; median: number; gsd: number };

/** The fields every data-centre phase and `defaults` accept (docs/schema.md, "Compute block"). */
export interface ComputeBlock {
  hardware?: string | Record<string, unknown>;
  device_count?: Uncertain;
  hours?: Uncertain;
  utilization?: Uncertain;
  average_power_w?: Uncertain;
  pue?: Uncertain;
  region?: string;
  datacenter?: string;
  cloud_region?: string;
  intensity_g_per_kwh?: Uncertain;
  [field: string]: unknown;
}

export interface Scenario {
  schema_version: 1;
  name?: string;
  defaults?: ComputeBlock;
  embodied?: Record<string, unknown>;
  uncertainty?: { samples?: number; seed?: number };
  data?: ComputeBlock;
  experimentation?: ComputeBlock;
  training?: ComputeBlock;
  inference?: ComputeBlock;
  retraining?: ComputeBlock;
  federated?: Record<string, unknown>;
}

export interface Co2eKg {
  operational_location: number;
  operational_market: number;
  embodied: number;
  total_location: number;
  total_market: number;
}

export interface Totals {
  energy_kwh: { it: number; static: number; facility: number };
  co2e_kg: Co2eKg;
  device_hours: number;
}

export interface PhaseResult extends Totals {
  phase: string;
  intensity_g_per_kwh: number;
  pue: number;
  share_of_total_location: number;
  details: Record<string, unknown>;
}

export interface Percentiles {
  p5: number;
  p50: number;
  p95: number;
  mean: number;
}

export interface DefaultUsed {
  path: string;
  value: unknown;
  source: string;
}

export interface EstimateResult {
  ok: true;
  schema_version: number;
  data_version: string;
  name: string;
  phases: PhaseResult[];
  total: Totals;
  schedule: unknown;
  equivalences: unknown;
  equivalences_basis: string;
  embodied_attribution: string;
  defaults_used: DefaultUsed[];
  catalog_entries_used: string[];
  warnings: string[];
  /** Present when an input is uncertain: p5/p50/p95/mean of every total. */
  uncertainty?: {
    samples: number;
    seed: number;
    total: { co2e_kg: Record<keyof Co2eKg, Percentiles>; [key: string]: unknown };
    phases: unknown;
    [key: string]: unknown;
  };
}

export interface ValidateResult {
  ok: true;
  schema_version: number;
  data_version: string;
  defaults_used: DefaultUsed[];
  catalog_entries_used: string[];
  warnings: string[];
}

export function estimate(scenario: Scenario): EstimateResult;
export function validate(scenario: Scenario): ValidateResult;

// --- Compare (docs/schema.md, "Compare") -----------------------------------------------

export type CompareMetric = keyof Co2eKg;

export interface CompareRequest {
  schema_version?: 1;
  /** 2 to 16 scenarios. */
  scenarios: { name?: string; scenario: Scenario }[];
  /** default "total_location" */
  metric?: CompareMetric;
  /** index of the scenario the deltas are taken against (default 0) */
  baseline?: number;
}

export interface CompareResult {
  ok: true;
  schema_version: number;
  data_version: string;
  metric: CompareMetric;
  baseline: number;
  best: { index: number; name: string; co2e_kg: number };
  /** scenario indices, lowest CO2e first */
  ranking: number[];
  saving_vs_worst_kg: number;
  /** one sentence naming the best choice */
  verdict: string;
  scenarios: {
    name: string;
    rank: number;
    co2e_kg: number;
    delta_vs_best_kg: number;
    delta_vs_baseline_kg: number;
    ratio_to_best: number | null;
    ratio_to_baseline: number | null;
    result: Omit<EstimateResult, 'ok'>;
  }[];
}

export function compare(request: CompareRequest): CompareResult;

// --- Catalogs ---------------------------------------------------------------------------

export type CatalogKind = 'hardware' | 'regions' | 'cloud-regions' | 'datacenters' | 'profiles' | 'equivalences';

export interface CatalogResult {
  ok: true;
  kind: CatalogKind;
  data_version: string;
  count: number;
  /** Each entry carries its id, its figures, `source` and `licence`. */
  entries: ({ id: string; source?: string; licence?: string } & Record<string, unknown>)[];
}

export function catalog(kind: CatalogKind, search?: string): CatalogResult;

// --- Pareto requests (docs/pareto.md) ---------------------------------------------------

export type Sense = 'minimize' | 'maximize';
export type Objective = string | { name: string; sense?: Sense };
export type PointInput = number[] | Record<string, number> | { values: number[] | Record<string, number>; label?: string };

export interface ParetoRequest {
  schema_version?: 1;
  objectives?: Objective[];
  points: PointInput[];
  ranks?: boolean;
  epsilon?: number | number[];
  epsilon_kind?: 'additive' | 'multiplicative';
  reference_point?: number[] | Record<string, number>;
}

export interface FrontPoint {
  index: number;
  values: number[];
  label?: string;
  crowding_distance?: number | null;
}

export interface ParetoResult {
  ok: true;
  schema_version: number;
  objectives: string[];
  senses: Sense[];
  count: number;
  front_indices: number[];
  front: FrontPoint[];
  ideal: number[];
  nadir: number[];
  knee?: { index: number; [key: string]: unknown } | null;
  ranks?: number[];
  hypervolume?: number;
  reference_point?: number[];
  [key: string]: unknown;
}

export interface HypervolumeRequest {
  schema_version?: 1;
  objectives?: Objective[];
  points: PointInput[];
  reference_point: number[] | Record<string, number>;
  contributions?: boolean;
  monte_carlo?: { samples?: number; seed?: number };
  [key: string]: unknown;
}

export interface HypervolumeResult {
  ok: true;
  schema_version: number;
  hypervolume?: number;
  contributions?: number[];
  monte_carlo?: { estimate: number; standard_error: number; samples: number };
  [key: string]: unknown;
}

export interface Budget {
  evaluations?: number;
  seconds?: number;
}

export interface OptimizeRequest {
  schema_version?: 1;
  variables?: Record<string, unknown>[];
  model?: Record<string, unknown>;
  trials?: Record<string, unknown>;
  problem?: { name: string; variables?: number; objectives?: number };
  algorithm?: 'auto' | 'exhaustive' | 'random' | 'nsga2' | 'mobo';
  budget?: Budget;
  seed?: number;
  nsga2?: Record<string, number>;
  mobo?: Record<string, unknown>;
  reference_point?: number[] | Record<string, number>;
  return?: 'front' | 'all';
}

export type StopReason = 'completed' | 'evaluations' | 'time' | 'cancelled' | 'error';

/** One evaluation of an optimize run: its index in evaluation order, configuration and values. */
export interface Evaluation {
  index: number;
  config: Record<string, number | string>;
  values: Record<string, number>;
}

/** What an optimize run has found so far (docs/pareto.md, "Live snapshots"). */
export interface OptimizeSnapshot {
  evaluations: number;
  budget_evaluations: number;
  objectives: string[];
  senses: Sense[];
  /** the evaluations since the previous snapshot, in order */
  points: Evaluation[];
  /** the non-dominated evaluations so far (the final response's front is the authority) */
  front: Evaluation[];
  /** present once `points` stopped streaming (20,000 points in a run) */
  points_truncated?: true;
}

export interface OptimizeResult {
  ok: true;
  schema_version: number;
  study: string;
  algorithm: string;
  objectives: string[];
  senses: Sense[];
  evaluations: number;
  budget_evaluations: number;
  budget_seconds: number;
  /** true when the run ended before its algorithm finished: see stop_reason */
  stopped_early: boolean;
  stop_reason: StopReason;
  seed: number;
  front: Evaluation[];
  hypervolume?: number;
  /** present when the hypervolume is a Monte-Carlo estimate (a large front, 4+ objectives) */
  hypervolume_samples?: number;
  hypervolume_standard_error?: number;
  hypervolume_trace?: unknown[];
  reference_point?: number[];
  evaluated?: unknown[];
  [key: string]: unknown;
}

export interface Trial {
  config: Record<string, number | string>;
  values: number[] | Record<string, number>;
  trial_kg?: number;
}

interface SuggestCommon {
  schema_version?: 1;
  objectives: Objective[];
  pending?: Record<string, number | string>[];
  batch_size?: number;
  noisy?: boolean;
  initial_points?: number;
  mc_samples?: number;
  seed?: number;
  reference_point?: number[] | Record<string, number>;
  hyperparameters?: unknown;
  noise_sd?: number[] | Record<string, number>;
  experimentation?: Record<string, unknown>;
  /** wall-clock bound of the ask in seconds (default 30, at most 86,400) */
  budget?: { seconds?: number };
}

/** Trials as JSON with their variables, or as the text of a CSV table (docs/pareto.md,
 * "Trials from a CSV"): then the variables are inferred unless given. */
export type SuggestRequest =
  | (SuggestCommon & { variables: Record<string, unknown>[]; observations?: Trial[]; trials_csv?: never })
  | (SuggestCommon & { trials_csv: string; variables?: Record<string, unknown>[]; ignore_columns?: string[]; observations?: never });

export interface SuggestResult {
  ok: true;
  schema_version: number;
  method: string;
  observations: number;
  suggestions: {
    config: Record<string, number | string>;
    expected_hypervolume_improvement?: number;
    predicted?: Record<string, { mean: number; sd: number }>;
  }[];
  front_indices: number[];
  hypervolume?: number;
  /** present when the hypervolume is a Monte-Carlo estimate (a large front, 4+ objectives) */
  hypervolume_samples?: number;
  hypervolume_standard_error?: number;
  hyperparameters: unknown;
  budget_seconds: number;
  /** true when the time budget cut the ask short (fewer suggestions than batch_size, a
   * shorter search): the answer is then not reproducible */
  stopped_early: boolean;
  stop_reason: 'completed' | 'time' | 'cancelled';
  /** with trials_csv: what the table held */
  trials?: {
    rows: number;
    variables: Record<string, unknown>[];
    observations: Trial[];
    ignored_columns: string[];
  };
  experimentation_vs_deployment?: {
    spent_kg: number;
    expected_saving_kg: number;
    next_trial_kg: number;
    recommendation: 'continue' | 'stop';
    reasoning: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface Progress {
  /** "evaluations" (optimize), or the MOBO step being computed (suggest) */
  stage: string;
  done: number;
  total: number;
  /** optimize only, a few times a second: the evaluations so far and the current front */
  snapshot?: OptimizeSnapshot;
}

export interface ProgressOptions {
  /** Called between evaluations; returning false stops the run (stop_reason "cancelled"). */
  onProgress?: (progress: Progress) => boolean | void;
}

export function pareto(request: ParetoRequest): ParetoResult;
export function hypervolume(request: HypervolumeRequest): HypervolumeResult;
export function optimize(request: OptimizeRequest, options?: ProgressOptions): OptimizeResult;
export function suggest(request: SuggestRequest, options?: ProgressOptions): SuggestResult;

// --- Import and report (docs/schema.md, "Import: CodeCarbon" and "Report") -----------------

export type ImportPhase = 'training' | 'experimentation' | 'inference' | 'retraining' | 'data';

export interface ImportOptions {
  /** the phase that gets the measured energy (default "training") */
  phase?: ImportPhase;
  /** a hardware id or alias instead of the file's gpu_model / cpu_model */
  hardware?: string;
  /** a grid region id instead of the file's country, region or cloud region */
  region?: string;
  /** one run_id of the file (default: all runs, each counted once) */
  run?: string;
}

/** One run of the file: its last (longest) cumulative row, or its task rows added up. */
export interface ImportedRun {
  run_id: string;
  rows: number;
  used: boolean;
  energy_kwh: number;
  duration_s: number;
  emissions_kg: number | null;
  [field: string]: unknown;
}

export interface ImportResult {
  ok: true;
  schema_version: number;
  data_version: string;
  /** a complete scenario holding the measured phase, ready for estimate/compare/report */
  scenario: Scenario;
  import: {
    columns_version: string;
    columns_in_codecarbon_order: boolean | null;
    task_file: boolean;
    encoding: 'utf-8' | 'latin-1';
    rows_read: number;
    runs_count: number;
    runs: ImportedRun[];
    rows_skipped: { row: number; reason: string }[];
    rows_skipped_count: number;
    selection: string;
    totals: { runs: number; energy_kwh: number; it_energy_kwh: number; codecarbon_pue: number | null; duration_s: number; hours: number };
    /** what CodeCarbon itself reported for the runs used, for comparison */
    codecarbon_emissions_kg: number | null;
    [field: string]: unknown;
  };
  warnings: string[];
}

/** A Uint8Array over the bytes of a typed array or ArrayBuffer (no copy); TypeError otherwise. */
export function csvBytes(value: Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array;

/** Text, or bytes for a file that may not be UTF-8 (the core reads UTF-8, else Latin-1). */
export function importCodecarbon(csv: string | Uint8Array | ArrayBuffer | ArrayBufferView, options?: ImportOptions): ImportResult;

export interface ReportRequest {
  scenario: Scenario;
  /** the statement's subject (default: the scenario's name) */
  model_name?: string;
  training_type?: 'pre-training' | 'fine-tuning';
  /** the model card's `source` (default "greenfront <version>") */
  source?: string;
}

export interface ReportResult {
  ok: true;
  estimate: Omit<EstimateResult, 'ok'>;
  /** the carbon impact statement (seed 001 §V-A) */
  statement_markdown: string;
  model_card: {
    co2_eq_emissions: {
      /** grams CO2e: the training phase's operational, location-based emissions */
      emissions: number;
      source: string;
      training_type?: string;
      geographical_location?: string;
      hardware_used?: string;
      energy_consumed?: number;
      hours_used?: number;
      embodied_emissions?: number;
      [field: string]: unknown;
    };
  };
  /** YAML front matter for the model's README.md (fixed-point numbers, never 1e-05) */
  model_card_yaml: string;
  /** one row per phase and a total row, units in the column names */
  csv: string;
  warnings: string[];
}

export function report(request: ReportRequest): ReportResult;

/** Any request in an envelope: {"request": "estimate" | "compare" | "pareto" | ..., ...}. */
export function handle(request: { request: string; [field: string]: unknown }): { ok: true; [field: string]: unknown };

// --- Bulk numbers: typed arrays, no JSON ---------------------------------------------------

export type PointArray = Float64Array | ArrayLike<number>;
export interface BulkOptions {
  /** one per objective; default all 'min' */
  senses?: ('min' | 'max' | 'minimize' | 'maximize')[];
}

/** Ascending indices of the non-dominated rows of row-major `points` with `dimensions` columns.
 *  With 4 or more objectives at most 20,000 rows (docs/pareto.md, "Limits"). */
export function paretoFront(points: PointArray, dimensions: number, options?: BulkOptions): Uint32Array;
/** Front number (0 = first front) of every row (the same limit as paretoFront). */
export function paretoRanks(points: PointArray, dimensions: number, options?: BulkOptions): Uint32Array;
/** Exact hypervolume against `reference` (one value per objective, up to 8 objectives; from
 *  4 on, the front inside the reference is bounded as in docs/pareto.md, "Limits"). */
export function hypervolumeOf(points: PointArray, dimensions: number, reference: PointArray, options?: BulkOptions): number;
