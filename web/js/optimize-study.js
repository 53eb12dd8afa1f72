// The Optimize page's study: a preset optimize request (examples/pareto, copied to studies/)
// plus the user's edits, turned into the request the core runs. Pure data, no DOM.
//
// The edits ("o" in the URL, js/state.js) are small and readable:
//   {study: 'scaling-law', variables: {n_params: {on, min, max, fixed}, region: {on, choices}},
//    objectives: ['loss', 'total_kg'], algorithm, evaluations, seconds, seed}
// A variable switched off leaves the search: a scaling-law variable is then held at its
// `fixed` value; a scenario variable's binding is dropped, so the scenario's own value holds.

export const STUDIES = [
  { id: 'scaling-law', label: 'Scaling law: loss vs CO₂e (Chinchilla, A100s in the US)', file: 'scaling-law-study.json',
    fixed: { n_params: 7e10, n_tokens: 1.4e12 } },
  { id: 'where-to-train', label: 'Where and on what to train: cloud region, GPU, device count', file: 'where-to-train.json' },
  { id: 'zdt1', label: 'Standard problem ZDT1 (2 objectives, known front)', file: 'zdt1.json' },
];

export const ALGORITHMS = ['auto', 'nsga2', 'random', 'mobo', 'exhaustive'];

// The objectives each model can report (docs/pareto.md, "Objective models").
const MODEL_OBJECTIVES = {
  scaling_law: ['loss', 'training_flops', 'inference_flops', 'training_device_hours',
    'inference_device_hours', 'training_kg', 'inference_kg', 'total_kg'],
  scenario: ['total_location_kg', 'total_market_kg', 'operational_location_kg', 'embodied_kg',
    'energy_facility_kwh'],
};

/** The unit of an objective, for axis labels and table headers ('' when unknown). */
export function objectiveUnit(name) {
  if (name === 'loss') return 'nats/token';
  if (/_kg$/.test(name)) return 'kgCO₂e';
  if (/_kwh$/.test(name)) return 'kWh';
  if (/_flops$/.test(name)) return 'FLOP';
  if (/_device_hours$/.test(name)) return 'device-h';
  return '';
}

/** The objectives a preset's model offers and which of them it starts with. */
export function availableObjectives(preset) {
  const model = preset.model;
  if (!model) return { names: [], chosen: [] };  // a standard problem: fixed objectives
  if (model.model === 'scaling_law') {
    return { names: MODEL_OBJECTIVES.scaling_law, chosen: model.objectives ?? ['loss', 'total_kg'] };
  }
  const metric = model.metric ?? 'total_location_kg';
  return { names: MODEL_OBJECTIVES.scenario, chosen: Array.isArray(metric) ? metric : [metric] };
}

/** The edits that reproduce a preset unchanged. */
export function defaultEdits(info, preset) {
  const variables = {};
  for (const v of preset.variables ?? []) {
    variables[v.name] = v.type === 'categorical' ? { on: true, choices: [...v.choices] }
      : { on: true, min: v.min, max: v.max, ...(info.fixed?.[v.name] !== undefined ? { fixed: info.fixed[v.name] } : {}) };
  }
  return {
    study: info.id,
    variables,
    objectives: availableObjectives(preset).chosen,
    algorithm: preset.algorithm ?? 'auto',
    evaluations: preset.budget?.evaluations ?? null,
    seconds: preset.budget?.seconds ?? null,
    seed: preset.seed ?? 1,
  };
}

/**
 * The optimize request for a preset and edits, and where each request path's errors go:
 * fields maps a request path prefix ("variables[0].min") to a field key ("var.n_params.min").
 */
export function buildRequest(preset, edits) {
  const request = structuredClone(preset);
  const fields = new Map([['budget.evaluations', 'evaluations'], ['budget.seconds', 'seconds'],
    ['budget', 'evaluations'], ['seed', 'seed'], ['algorithm', 'algorithm'],
    ['model.objectives', 'objectives'], ['model.metric', 'objectives']]);
  if (preset.variables) {
    const kept = [];
    for (const v of preset.variables) {
      const edit = edits.variables?.[v.name] ?? {};
      if (edit.on === false) {
        if (request.model?.model === 'scaling_law') {
          for (const key of ['parameters', 'tokens', 'inference_tokens']) {
            if (request.model[key] === v.name) request.model[key] = edit.fixed ?? v.max;
          }
        } else if (Array.isArray(request.model?.bindings)) {
          request.model.bindings = request.model.bindings.filter((b) => b.variable !== v.name);
        }
        continue;
      }
      const out = { ...v };
      if (v.type === 'categorical') {
        if (Array.isArray(edit.choices)) out.choices = edit.choices;
      } else {
        if (edit.min !== undefined) out.min = edit.min;
        if (edit.max !== undefined) out.max = edit.max;
      }
      const at = `variables[${kept.length}]`;
      for (const key of ['min', 'max', 'choices', 'log', 'type']) fields.set(`${at}.${key}`, `var.${v.name}.${key === 'log' || key === 'type' ? 'min' : key}`);
      fields.set(at, `var.${v.name}.on`);
      kept.push(out);
    }
    request.variables = kept;
    if (Array.isArray(request.model?.bindings)) {
      request.model.bindings.forEach((b, i) => {
        const key = kept.some((v) => v.name === b.variable) ? `var.${b.variable}.on` : 'variables';
        fields.set(`model.bindings[${i}]`, key);
      });
    }
    fields.set('variables', 'variables');
  }
  if (request.model && Array.isArray(edits.objectives)) {
    if (request.model.model === 'scaling_law') request.model.objectives = edits.objectives;
    else request.model.metric = edits.objectives;
  }
  if (ALGORITHMS.includes(edits.algorithm)) request.algorithm = edits.algorithm;
  request.budget = {};
  if (edits.evaluations != null) request.budget.evaluations = edits.evaluations;
  if (edits.seconds != null) request.budget.seconds = edits.seconds;
  if (edits.seed != null) request.seed = edits.seed;
  return { request, fields };
}

/** The field key for a core error path: the longest request-path prefix that has a field. */
export function fieldFor(fields, path) {
  let p = String(path ?? '');
  while (p) {
    if (fields.has(p)) return fields.get(p);
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return null;
}
