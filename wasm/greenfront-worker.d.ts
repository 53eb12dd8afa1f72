// Types of greenfront-worker.js (hand-written; checked by tests/js/types/usage.ts).
import type {
  CatalogKind, CatalogResult, CompareRequest, CompareResult, EstimateResult, HypervolumeRequest,
  HypervolumeResult, ImportOptions, ImportResult, OptimizeRequest, OptimizeResult, ParetoRequest,
  ParetoResult, Progress, ReportRequest, ReportResult, Scenario, SuggestRequest, SuggestResult,
  ValidateResult,
} from './greenfront.js';

export interface WorkerOptions {
  /** Folder holding greenfront.js, greenfront.worker.js and greenfront_wasm.{js,wasm}. */
  baseUrl?: string | URL;
  /** Default per-job watchdog: past it the worker is terminated ("timeout"). 10 min. */
  timeoutMs?: number;
  /** Least time between two progress events, ms (default 100). */
  progressIntervalMs?: number;
  /** 'auto': cancel a running optimize/suggest softly (partial result) when memory can be
   * shared; 'terminate': always terminate the worker. */
  interrupt?: 'auto' | 'terminate';
}

export interface WorkerProgress extends Progress {
  /** ms since the job started running */
  elapsedMs: number;
}

export interface JobOptions {
  onProgress?: (progress: WorkerProgress) => void;
  /** This job's watchdog, ms. */
  timeoutMs?: number;
  /** Aborting it cancels the job, like job.cancel(). */
  signal?: AbortSignal;
}

/** A running or queued request: a promise of its result, which can be cancelled. */
export interface Job<T> extends Promise<T> {
  /** Running optimize/suggest with shared memory: resolves with the partial result
   * (stop_reason "cancelled"). Otherwise: rejects with GreenfrontError code "cancelled". */
  cancel(): void;
}

export class GreenfrontWorker {
  constructor(options?: WorkerOptions);
  /** How many times the worker was replaced (it died, was cancelled or timed out). */
  readonly restarts: number;
  estimate(scenario: Scenario, options?: JobOptions): Job<EstimateResult>;
  validate(scenario: Scenario, options?: JobOptions): Job<ValidateResult>;
  compare(request: CompareRequest, options?: JobOptions): Job<CompareResult>;
  pareto(request: ParetoRequest, options?: JobOptions): Job<ParetoResult>;
  hypervolume(request: HypervolumeRequest, options?: JobOptions): Job<HypervolumeResult>;
  optimize(request: OptimizeRequest, options?: JobOptions): Job<OptimizeResult>;
  suggest(request: SuggestRequest, options?: JobOptions): Job<SuggestResult>;
  handle(request: { request: string; [field: string]: unknown }, options?: JobOptions): Job<{ ok: true; [field: string]: unknown }>;
  catalog(kind: CatalogKind, search?: string, options?: JobOptions): Job<CatalogResult>;
  report(request: ReportRequest, options?: JobOptions): Job<ReportResult>;
  importCodecarbon(csv: string | Uint8Array | ArrayBuffer | ArrayBufferView, importOptions?: ImportOptions, options?: JobOptions): Job<ImportResult>;
  /** Starts the worker and loads the wasm ahead of the first request (a warm-up); rejects
   * with GreenfrontError code "worker.load_failed". */
  start(): Promise<void>;
  /** Stops the worker; its jobs reject with code "cancelled". A later request starts a new one. */
  terminate(): void;
}
