// Compiled with tsc --noEmit (tests/js/types.test.mjs): the hand-written .d.ts files must
// accept real uses of the API and reject wrong ones (the @ts-expect-error lines).
import {
  catalog, compare, estimate, GreenfrontError, hypervolumeOf, importCodecarbon, load, optimize,
  paretoFront, paretoRanks, report, suggest, type EstimateResult, type Scenario,
} from 'greenfront';
import { GreenfrontWorker, type Job } from 'greenfront/worker';

async function main(): Promise<void> {
  await load({ baseUrl: '/static/greenfront/' });
  const scenario: Scenario = {
    schema_version: 1,
    training: { hardware: 'nvidia-a100-sxm4-40gb', device_count: 8, hours: { min: 60, max: 80 } },
  };
  const result: EstimateResult = estimate(scenario);
  const kg: number = result.total.co2e_kg.total_location;
  const p95: number | undefined = result.uncertainty?.total.co2e_kg.total_location.p95;
  const phaseNames: string[] = result.phases.map((p) => p.phase);

  const cmp = compare({ scenarios: [{ name: 'a', scenario }, { scenario }], metric: 'embodied' });
  const best: string = cmp.best.name;
  const ratio: number | null = cmp.scenarios[0].ratio_to_best;

  const gpus = catalog('hardware', 'a100');
  const firstId: string = gpus.entries[0].id;

  const run = optimize({ problem: { name: 'zdt1' }, budget: { evaluations: 100 } }, {
    onProgress: ({ done, total }) => done < total,
  });
  const stopped: boolean = run.stopped_early;
  const reason: 'completed' | 'evaluations' | 'time' | 'cancelled' | 'error' = run.stop_reason;

  const next = suggest({ variables: [], objectives: ['loss', 'energy_kwh'] });
  const advice = next.experimentation_vs_deployment?.recommendation;
  const fromCsv = suggest({ trials_csv: 'lr,loss,kwh\n0.1,2,3\n', objectives: ['loss', 'kwh'] });
  const inferred: number = fromCsv.trials?.variables.length ?? 0;
  const bounded = suggest({ variables: [], objectives: ['loss'], budget: { seconds: 5 } });
  const cutShort: boolean = bounded.stopped_early && bounded.stop_reason === 'time';

  const imported = importCodecarbon('timestamp,duration,energy_consumed\n', { phase: 'inference' });
  const measured: Scenario = imported.scenario;
  const skipped: number = imported.import.rows_skipped_count;
  const fromBytes = importCodecarbon(new Uint8Array([0x61]), { run: 'r1' });
  const card = report({ scenario: fromBytes.scenario, training_type: 'fine-tuning' });
  const grams: number = card.model_card.co2_eq_emissions.emissions;
  const yaml: string = card.model_card_yaml + card.statement_markdown + card.csv;

  const points = new Float64Array([1, 2, 2, 1, 3, 3]);
  const front: Uint32Array = paretoFront(points, 2, { senses: ['min', 'max'] });
  const ranks: Uint32Array = paretoRanks([1, 2, 2, 1], 2);
  const volume: number = hypervolumeOf(points, 2, [4, 4]);

  try {
    estimate({ schema_version: 1 });
  } catch (err) {
    if (err instanceof GreenfrontError) {
      const where: string = err.path;
      const code: string = err.code;
      const all: number = err.errors.length;
      void [where, code, all];
    }
  }

  const worker = new GreenfrontWorker({ timeoutMs: 60_000 });
  await worker.start();
  const job: Job<ReturnType<typeof optimize>> = worker.optimize(
    { problem: { name: 'dtlz2', objectives: 3 }, algorithm: 'nsga2', budget: { seconds: 5 } },
    { onProgress: (p) => {
      console.log(p.done, p.total, p.elapsedMs);
      if (p.snapshot) {
        const growing: number = p.snapshot.front.length + p.snapshot.points.length;
        const firstConfig: Record<string, number | string> | undefined = p.snapshot.front[0]?.config;
        void [growing, firstConfig];
      }
    }, signal: new AbortController().signal });
  job.cancel();
  const partial = await job;
  const restarts: number = worker.restarts;
  const inWorker = await worker.importCodecarbon(new ArrayBuffer(8), { region: 'FR' });
  const statement: string = (await worker.report({ scenario: inWorker.scenario })).statement_markdown;
  worker.terminate();

  void [kg, p95, phaseNames, best, ratio, firstId, stopped, reason, advice, front, ranks, volume,
    partial, restarts, inferred, cutShort, measured, skipped, grams, yaml, statement];

  // @ts-expect-error trials come as JSON or as CSV, not both
  suggest({ trials_csv: 'a', observations: [], objectives: ['loss'] });
  // @ts-expect-error schema_version must be 1
  estimate({ schema_version: 2 });
  // @ts-expect-error an unknown metric
  compare({ scenarios: [], metric: 'total' });
  // @ts-expect-error dimensions is a number
  paretoFront(points, '2');
  // @ts-expect-error no such catalog
  catalog('gpus');
  // @ts-expect-error the result is a number, not a string
  const wrong: string = hypervolumeOf(points, 2, [4, 4]);
  void wrong;
  // @ts-expect-error a phase that takes no measured energy
  importCodecarbon('', { phase: 'federated' });
  // @ts-expect-error training_type is one of the Hub's values
  report({ scenario, training_type: 'pretraining' });
}

void main;
