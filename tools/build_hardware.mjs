// Builds data/hardware.json: accelerators, CPUs and client devices with power, embodied
// carbon and lifetime, each field traced to a source row (field_sources).
//
// Values that exist in ../shared/data-sources are read from there by row name (the script
// throws if a row disappears); figures that only exist in papers are written here with
// their citation. Run: node tools/build_hardware.mjs

import {
  catalogJson, compact, num, readCsv, round, row, writeData,
} from './common.mjs';

// ---------------------------------------------------------------------------------------
// Source tables.

const GA_GPU = readCsv('green-algorithms-tool-v3.0/TDP_gpu.csv', { skipRows: 1 });
const GA_CPU = readCsv('green-algorithms-tool-v3.0/TDP_cpu.csv', { skipRows: 1 });
const GA_GPU_MAN = readCsv('green-algorithms-data-v3.1/chips/manual/GPUs-manual.csv', { skipRows: 1 });
const GA_CPU_MAN = readCsv('green-algorithms-data-v3.1/chips/manual/CPUs-manual.csv', { skipRows: 1 });
const GA_IMPACTS = readCsv('green-algorithms-data-v3.1/hardware-impacts.csv');
const MLCO2 = readCsv('mlco2-impact/gpus.csv');
const CC_CPU = readCsv('codecarbon/hardware/cpu_power.csv');
const CCF_GPU = readCsv('cloud-carbon-footprint/transcribed-from-methodology-doc/ccf-gpu-min-max-watts.csv');
const CCF_AWS_USE = readCsv('cloud-carbon-footprint/output/coefficients-aws-use.csv');
const LLMC = readCsv('llmcarbon/hardware.csv');

const S = {
  ga_gpu: (m) => `Green Algorithms tool v3.0 TDP_gpu.csv row "${m}" (GreenAlgorithms/green-algorithms-tool @30df2fe data/v3.0)`,
  ga_cpu: (m) => `Green Algorithms tool v3.0 TDP_cpu.csv row "${m}" (GreenAlgorithms/green-algorithms-tool @30df2fe data/v3.0)`,
  ga_gpu_man: (m) => `Green Algorithms data v3.1 chips/manual/GPUs-manual.csv row "${m}" (Cambridge-Sustainable-Computing-Lab/Green-Algorithms-data @4a0c3fc; values from techpowerup.com)`,
  ga_cpu_man: (m) => `Green Algorithms data v3.1 chips/manual/CPUs-manual.csv row "${m}" (Cambridge-Sustainable-Computing-Lab/Green-Algorithms-data @4a0c3fc; values from techpowerup.com)`,
  mlco2: (m) => `mlco2/impact @d0d3ee5 data/gpus.csv row "${m}"`,
  cc_cpu: (m) => `mlco2/codecarbon @b05965e codecarbon/data/hardware/cpu_power.csv row "${m}" (Intel ARK / AMD product pages)`,
  ccf_gpu: (m) => `Cloud Carbon Footprint methodology, Appendix III GPU min/max watts, row "${m}" (cloud-carbon-footprint @651dfe2 microsite/docs/HowItWorks/Methodology.md; transcribed in data-sources ccf-gpu-min-max-watts.csv)`,
  llmc: (m) => `LLMCarbon (Faiz et al., ICLR 2024) hardware.csv row "${m}" (SotaroKaneda/MLCarbon @dbd96b7 data/hardware.csv)`,
  patterson_t3:
    'Patterson et al. 2021, "Carbon Emissions and Large Neural Network Training", arXiv:2104.10350, Table 3 ' +
    '(measured average system power per chip / manufacturer TDP)',
  luccioni:
    'Luccioni, Viguier, Ligozat 2022/2023, "Estimating the Carbon Footprint of BLOOM, a 176B Parameter Language Model", ' +
    'arXiv:2211.02001, JMLR 24(253), §3 embodied emissions (HPE Apollo 6500 Gen10 Plus, 8 x A100 per server)',
  seed001_host: 'Wu et al. 2022, "Sustainable AI" (seed 001) §III-A: GPU training server ~2000 kgCO2e (Apple 28-core CPU + dual AMD Radeon GPUs)',
  ccf_life:
    'Cloud Carbon Footprint embodied-emissions methodology: 4-year server lifespan (cloud-carbon-footprint microsite/docs/HowItWorks/EmbodiedEmissions.md); ' +
    'within seed 001 §III-A\'s 3-5 years',
  tpu_host: 'Google Cloud TPU system architecture: 4 TPU chips per host for v2, v3 and v4 (https://cloud.google.com/tpu/docs/system-architecture-tpu-vm)',
};

const LIC = {
  ga: 'CC BY 4.0 (Green Algorithms tool data)',
  ga31: 'Green Algorithms data v3.1: no licence stated, facts with citations (attribution)',
  mlco2: 'MIT (mlco2/impact)',
  cc: 'MIT (codecarbon)',
  ccf: 'Apache-2.0 (Cloud Carbon Footprint)',
  llmc: 'Apache-2.0 (LLMCarbon / MLCarbon)',
  paper: 'published figure, cited (fact)',
};

// ---------------------------------------------------------------------------------------
// Derived quantities.

/** LLMCarbon CPA (kgCO2e per cm2 of die) by process node, and DRAM kgCO2e per GB. */
const CPA = {
  '16nm': num(LLMC, 'hardware', 'CPU', 'CPA (kgCO2/cm2 or GB)', 'LLMCarbon') /* TSMC 16nm, same as TPUv3 */,
  '12nm': num(LLMC, 'hardware', 'V100', 'CPA (kgCO2/cm2 or GB)', 'LLMCarbon'),
  '7nm': num(LLMC, 'hardware', 'TPUv4', 'CPA (kgCO2/cm2 or GB)', 'LLMCarbon'),
  '4nm': num(LLMC, 'hardware', 'H100', 'CPA (kgCO2/cm2 or GB)', 'LLMCarbon'),
};
const CPA_ROW = { '16nm': 'CPU', '12nm': 'V100', '7nm': 'TPUv4', '4nm': 'H100' };
const DRAM_KG_PER_GB = num(LLMC, 'hardware', 'DRAM', 'CPA (kgCO2/cm2 or GB)', 'LLMCarbon');

/** embodied = die area x CPA(node) + memory GB x DRAM CPA (LLMCarbon method). */
function llmcarbonEmbodied({ dieCm2, node, memoryGb, dieSource }) {
  const die = dieCm2 * CPA[node];
  const mem = memoryGb * DRAM_KG_PER_GB;
  return {
    embodied_kg: round(die + mem, 2),
    embodied_method:
      `die area x CPA + memory x DRAM CPA (LLMCarbon): ${dieCm2} cm2 x ${CPA[node]} kgCO2e/cm2 (${node}) + ` +
      `${memoryGb} GB x ${DRAM_KG_PER_GB} kgCO2e/GB = ${round(die + mem, 2)} kg; die only + memory, excludes package, ` +
      'board, cooling and assembly',
    source: `die area: ${dieSource}; CPA (${node}): ${S.llmc(CPA_ROW[node])} and row "DRAM"`,
  };
}

/** Gröger et al. 2021 CPU embodied: die area x 1.97 kg/cm2 + 9.14 kg (via GA data v3.1). */
const CPU_DIE_G_PER_CM2 = num(GA_IMPACTS, 'variable', 'cpu_die_impact_gwp', 'value', 'GA impacts');
const CPU_BASE_G = num(GA_IMPACTS, 'variable', 'cpu_base_impact_gwp', 'value', 'GA impacts');
function cpuEmbodied(model) {
  const die = num(GA_CPU_MAN, 'model', model, 'die_area', 'GA CPUs-manual');
  const kg = (die * CPU_DIE_G_PER_CM2 + CPU_BASE_G) / 1000;
  return {
    embodied_kg: round(kg, 2),
    embodied_method:
      `die area x CPA + base (Gröger et al. 2021, Umweltbundesamt "Green Cloud Computing", App. B.2.1): ${die} cm2 x ` +
      `${CPU_DIE_G_PER_CM2 / 1000} kgCO2e/cm2 + ${CPU_BASE_G / 1000} kg = ${round(kg, 2)} kg (processor package only)`,
    source: `${S.ga_cpu_man(model)}; factors: Green Algorithms data v3.1 hardware-impacts.csv rows cpu_die_impact_gwp, cpu_base_impact_gwp`,
  };
}

/** CPU idle estimate: CCF minimum W per vCPU (SPECpower, per microarchitecture) x hardware threads. */
function cpuIdle(arch, threads) {
  const w = num(CCF_AWS_USE, 'Architecture', arch, 'Min Watts', 'CCF aws use');
  return {
    idle_w: round(w * threads, 1),
    source:
      `estimate: CCF coefficients-aws-use.csv "${arch}" Min Watts ${round(w, 4)} W/vCPU x ${threads} threads ` +
      '(cloud-carbon-footprint/ccf-coefficients @b0032d9; SPECpower-derived, includes a share of platform idle power)',
  };
}

// ---------------------------------------------------------------------------------------
// Entries.

const entries = [];
function add(e) { entries.push(e); }

const CCF_IDLE = (m) => ({ idle_w: num(CCF_GPU, 'name', m, 'watts_idle', 'CCF GPU'), src: S.ccf_gpu(m) });

// --- Google TPUs ----------------------------------------------------------------------------
{
  const tdp = num(GA_GPU, 'model', 'TPU v2', 'TDP', 'GA');
  const meas = num(MLCO2, 'name', 'TPUv2 Chip', 'tdp_watts', 'mlco2');
  if (tdp !== 280 || meas !== 221) throw new Error('TPU v2 source rows changed');
  add({
    id: 'google-tpu-v2', name: 'Google TPU v2 (per chip)', kind: 'tpu', year: 2017,
    tdp_w: 280, measured_avg_power_w: 221, memory_gb: 16, lifetime_years: 4, devices_per_host: 4,
    aliases: ['tpu-v2', 'TPU v2', 'tpuv2', 'TPUv2', 'tpu v2 chip'],
    source: S.patterson_t3,
    licence: LIC.paper,
    field_sources: {
      tdp_w: `${S.patterson_t3} (manufacturer TDP 280 W); same in ${S.ga_gpu('TPU v2')}`,
      measured_avg_power_w: `${S.patterson_t3} (221 W measured average system power per chip, incl. host share); same in ${S.mlco2('TPUv2 Chip')}`,
      memory_gb: 'Google Cloud TPU v2 documentation: 16 GiB HBM per chip (https://cloud.google.com/tpu/docs/v2)',
      lifetime_years: S.ccf_life, devices_per_host: S.tpu_host,
    },
    notes: 'No published embodied figure or die area for TPU v2: embodied_kg omitted (host default applies).',
  });
}
{
  const gaTdp = num(GA_GPU, 'model', 'TPU v3', 'TDP', 'GA');
  const meas = num(MLCO2, 'name', 'TPUv3 Chip', 'tdp_watts', 'mlco2');
  if (gaTdp !== 220 || meas !== 283) throw new Error('TPU v3 source rows changed');
  const emb = llmcarbonEmbodied({
    dieCm2: num(LLMC, 'hardware', 'TPUv3', 'unit (cm2 or GB)', 'LLMCarbon'), node: '16nm', memoryGb: 32,
    dieSource: S.llmc('TPUv3'),
  });
  add({
    id: 'google-tpu-v3', name: 'Google TPU v3 (per chip)', kind: 'tpu', year: 2018,
    tdp_w: 450, measured_avg_power_w: 283, memory_gb: 32,
    embodied_kg: emb.embodied_kg, embodied_method: emb.embodied_method,
    lifetime_years: 4, devices_per_host: 4,
    aliases: ['tpu-v3', 'TPU v3', 'tpuv3', 'TPUv3', 'tpu v3 chip'],
    source: S.patterson_t3,
    licence: `${LIC.paper}; ${LIC.llmc}`,
    estimate: true,
    uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only; LLMCarbon CPA method)',
    field_sources: {
      tdp_w: `${S.patterson_t3} (manufacturer TDP 450 W)`,
      measured_avg_power_w: `${S.patterson_t3} (283 W measured average system power per chip); same in ${S.mlco2('TPUv3 Chip')}`,
      memory_gb: 'Google Cloud TPU v3 documentation: 32 GiB HBM per chip (https://cloud.google.com/tpu/docs/v3)',
      embodied_kg: emb.source, lifetime_years: S.ccf_life, devices_per_host: S.tpu_host,
    },
    notes:
      `TDP choice: 450 W per Patterson et al. 2021 Table 3 (manufacturer TDP), not the ${gaTdp} W of ${S.ga_gpu('TPU v3')} ` +
      '(citing https://cloud.google.com/tpu/docs/v3): the measured average of 283 W per chip (Table 3) and 310 W in the T5 run ' +
      '(Table 4) both exceed 220 W, so 220 W cannot be a maximum; it is presumably a typical/derated per-chip figure. ' +
      'With power_source "measured", 283 W is used (Patterson Table 4 reports 289-310 W per run).',
  });
}
{
  const tdp = num(GA_GPU, 'model', 'TPU v4', 'TDP', 'GA');
  const emb = llmcarbonEmbodied({
    dieCm2: num(LLMC, 'hardware', 'TPUv4', 'unit (cm2 or GB)', 'LLMCarbon'), node: '7nm', memoryGb: 32,
    dieSource: S.llmc('TPUv4'),
  });
  add({
    id: 'google-tpu-v4', name: 'Google TPU v4 (per chip)', kind: 'tpu', year: 2021,
    tdp_w: tdp, memory_gb: 32, embodied_kg: emb.embodied_kg, embodied_method: emb.embodied_method,
    lifetime_years: 4, devices_per_host: 4,
    aliases: ['tpu-v4', 'TPU v4', 'tpuv4', 'TPUv4'],
    source: S.ga_gpu('TPU v4'), licence: `${LIC.ga}; ${LIC.llmc}`,
    estimate: true,
    uncertainty: 'tdp_w: the 170 W Google figure may be a typical rather than a maximum power (±15 %); embodied_kg -50 %/+200 %',
    field_sources: {
      tdp_w: `${S.ga_gpu('TPU v4')} (citing https://cloud.google.com/tpu/docs/system-architecture-tpu-vm)`,
      memory_gb: 'Google Cloud TPU v4 documentation: 32 GiB HBM per chip (https://cloud.google.com/tpu/docs/v4)',
      embodied_kg: emb.source, lifetime_years: S.ccf_life, devices_per_host: S.tpu_host,
    },
  });
}

// --- NVIDIA data-centre GPUs ------------------------------------------------------------
{
  const tdp = num(GA_GPU, 'model', 'NVIDIA Tesla P100 PCIe', 'TDP', 'GA');
  const idle = CCF_IDLE('Tesla P100');
  const man = 'NVIDIA Tesla P100 PCIe 16 GB';
  const emb = llmcarbonEmbodied({
    dieCm2: num(GA_GPU_MAN, 'model', man, 'die_area', 'GA'), node: '16nm',
    memoryGb: num(GA_GPU_MAN, 'model', man, 'memory', 'GA'), dieSource: S.ga_gpu_man(man),
  });
  add({
    id: 'nvidia-p100-pcie', name: 'NVIDIA Tesla P100 PCIe 16 GB', kind: 'gpu', year: 2016,
    tdp_w: tdp, idle_w: idle.idle_w, measured_avg_power_w: 271, memory_gb: 16,
    embodied_kg: emb.embodied_kg, embodied_method: emb.embodied_method, lifetime_years: 4,
    aliases: ['p100', 'P100', 'Tesla P100', 'NVIDIA Tesla P100', 'Tesla P100-PCIE-16GB', 'nvidia-p100'],
    source: S.ga_gpu('NVIDIA Tesla P100 PCIe'), licence: `${LIC.ga}; ${LIC.ccf}; ${LIC.llmc}; ${LIC.paper}`,
    estimate: true, uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only)',
    field_sources: {
      tdp_w: S.ga_gpu('NVIDIA Tesla P100 PCIe'), idle_w: idle.src,
      measured_avg_power_w: `${S.patterson_t3} (P100: 271 W average system power per processor, incl. host share; the paper does not say PCIe or SXM2)`,
      memory_gb: S.ga_gpu_man(man), embodied_kg: emb.source, lifetime_years: S.ccf_life,
    },
  });
}
{
  const idle = CCF_IDLE('Tesla V100');
  const man = 'NVIDIA Tesla V100 SXM2 32 GB';
  const emb = llmcarbonEmbodied({
    dieCm2: num(LLMC, 'hardware', 'V100', 'unit (cm2 or GB)', 'LLMCarbon'), node: '12nm', memoryGb: 32,
    dieSource: S.llmc('V100'),
  });
  const gaV100 = num(GA_GPU, 'model', 'NVIDIA Tesla V100', 'TDP', 'GA');
  if (gaV100 !== 300) throw new Error('GA V100 TDP changed');
  add({
    id: 'nvidia-v100-sxm2', name: 'NVIDIA Tesla V100 SXM2 32 GB', kind: 'gpu', year: 2017,
    tdp_w: 300, idle_w: idle.idle_w, measured_avg_power_w: 325, memory_gb: 32,
    embodied_kg: emb.embodied_kg, embodied_method: emb.embodied_method, lifetime_years: 4, devices_per_host: 8,
    aliases: ['v100', 'V100', 'Tesla V100', 'NVIDIA Tesla V100', 'v100-sxm2', 'V100 SXM2', 'Tesla V100-SXM2-32GB',
      'Tesla V100-SXM2-16GB', 'nvidia-v100'],
    source: S.patterson_t3, licence: `${LIC.paper}; ${LIC.ga}; ${LIC.ccf}; ${LIC.llmc}`,
    estimate: true, uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only)',
    field_sources: {
      tdp_w: `${S.patterson_t3} (V100 TDP 300 W); NVIDIA Tesla V100 datasheet (SXM2 300 W, PCIe 250 W; https://www.nvidia.com/en-us/data-center/v100/); ${S.ga_gpu('NVIDIA Tesla V100')}`,
      idle_w: `${idle.src} (CCF does not distinguish SXM2/PCIe)`,
      measured_avg_power_w: `${S.patterson_t3} (325 W average system power per V100, incl. host share; GPT-3 in Table 4: 330 W)`,
      memory_gb: S.ga_gpu_man(man), embodied_kg: emb.source, lifetime_years: S.ccf_life,
      devices_per_host: 'NVIDIA DGX-1 / HGX-1: 8 V100 SXM2 per server',
    },
    notes:
      'mlco2 gpus.csv swaps the V100 SXM2 (250 W) and PCIe (300 W) TDPs and GA GPUs-manual lists SXM2 at 250 W; NVIDIA\'s ' +
      'datasheet and Patterson et al. give 300 W for SXM2. The 16 GB SXM2 has the same power; embodied would be 6.4 kg lower.',
  });
}
{
  const idle = CCF_IDLE('Tesla V100');
  const man = 'NVIDIA Tesla V100 PCIe 32 GB';
  const tdp = num(GA_GPU_MAN, 'model', man, 'TDP', 'GA');
  const emb = llmcarbonEmbodied({
    dieCm2: num(LLMC, 'hardware', 'V100', 'unit (cm2 or GB)', 'LLMCarbon'), node: '12nm', memoryGb: 32,
    dieSource: S.llmc('V100'),
  });
  add({
    id: 'nvidia-v100-pcie', name: 'NVIDIA Tesla V100 PCIe 32 GB', kind: 'gpu', year: 2017,
    tdp_w: tdp, idle_w: idle.idle_w, memory_gb: 32,
    embodied_kg: emb.embodied_kg, embodied_method: emb.embodied_method, lifetime_years: 4,
    aliases: ['v100-pcie', 'V100 PCIe', 'Tesla V100-PCIE-32GB', 'Tesla V100-PCIE-16GB'],
    source: S.ga_gpu_man(man), licence: `${LIC.ga31}; ${LIC.ccf}; ${LIC.llmc}`,
    estimate: true, uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only)',
    field_sources: {
      tdp_w: `${S.ga_gpu_man(man)}; NVIDIA V100 datasheet (PCIe 250 W)`, idle_w: `${idle.src} (not variant-specific)`,
      memory_gb: S.ga_gpu_man(man), embodied_kg: emb.source, lifetime_years: S.ccf_life,
    },
  });
}

// A100: embodied 150 kg per GPU and 2500 kg per 8-GPU server, 6-year life (Luccioni et al.).
const A100_IDLE = CCF_IDLE('Tesla A100');
const A100_COMMON = {
  embodied_kg: 150, embodied_method: 'published estimate per GPU (Luccioni et al. 2022, BLOOM)',
  lifetime_years: 6,
};
const A100_FS = {
  idle_w: `${A100_IDLE.src} (CCF's A100 row, max 407 W, is the 400 W SXM4 part; applied to all A100 variants)`,
  embodied_kg: `${S.luccioni}: 150 kgCO2e per A100 GPU`,
  lifetime_years: `${S.luccioni}: 6-year replacement period`,
};
const A100_NOTE =
  'Luccioni et al.\'s inputs (150 kg per GPU, 2500 kg per 8-GPU server, 6-year life, 85 % utilization) reproduce their ' +
  '11.2 tCO2e embodied total for 1,082,990 GPU-hours: (150 + 2500/8) x 1,082,990 / (6 x 8760) / 0.85 = 11.2 t.';
{
  const man = 'NVIDIA A100 SXM4 40 GB';
  add({
    id: 'nvidia-a100-sxm4-40gb', name: 'NVIDIA A100 SXM4 40 GB', kind: 'gpu', year: 2020,
    tdp_w: num(GA_GPU_MAN, 'model', man, 'TDP', 'GA'), idle_w: A100_IDLE.idle_w, memory_gb: 40,
    ...A100_COMMON, host_embodied_kg: 2500, devices_per_host: 8,
    aliases: ['a100', 'A100', 'a100-40gb', 'A100 40GB', 'A100 SXM4 40GB', 'NVIDIA A100-SXM4-40GB', 'nvidia-a100'],
    source: S.luccioni, licence: `${LIC.paper}; ${LIC.ga31}; ${LIC.ccf}`,
    estimate: true, uncertainty: 'embodied_kg and host_embodied_kg: ±50 % (Luccioni et al.: rough estimates, no A100 LCA published)',
    field_sources: {
      tdp_w: `${S.ga_gpu_man(man)}; NVIDIA A100 datasheet (SXM4 400 W)`, memory_gb: S.ga_gpu_man(man), ...A100_FS,
      host_embodied_kg: `${S.luccioni}: 2500 kgCO2e per HPE Apollo 6500 Gen10 Plus server (8 GPUs), excluding the GPUs`,
      devices_per_host: `${S.luccioni}`,
    },
    notes: A100_NOTE,
  });
}
{
  add({
    id: 'nvidia-a100-sxm4-80gb', name: 'NVIDIA A100 SXM4 80 GB', kind: 'gpu', year: 2020,
    tdp_w: num(MLCO2, 'name', 'A100 SXM4 80 GB', 'tdp_watts', 'mlco2'), idle_w: A100_IDLE.idle_w, memory_gb: 80,
    ...A100_COMMON, host_embodied_kg: 2500, devices_per_host: 8,
    aliases: ['a100-80gb', 'A100 80GB', 'A100 SXM4 80GB', 'NVIDIA A100-SXM4-80GB', 'NVIDIA A100 80GB'],
    source: S.luccioni, licence: `${LIC.paper}; ${LIC.mlco2}; ${LIC.ccf}`,
    estimate: true, uncertainty: 'embodied_kg and host_embodied_kg: ±50 % (Luccioni et al.: rough estimates, no A100 LCA published)',
    field_sources: {
      tdp_w: `${S.mlco2('A100 SXM4 80 GB')} (NVIDIA A100 datasheet)`, memory_gb: S.mlco2('A100 SXM4 80 GB'), ...A100_FS,
      host_embodied_kg: `${S.luccioni}: 2500 kgCO2e per HPE Apollo 6500 Gen10 Plus server (8 GPUs), excluding the GPUs`,
      devices_per_host: `${S.luccioni}`,
    },
    notes: `BLOOM was trained on this part (Jean Zay). ${A100_NOTE}`,
  });
}
for (const [id, gaName, mem, year, aliases] of [
  ['nvidia-a100-pcie-40gb', 'NVIDIA A100 40GB PCIe', 40, 2020, ['a100-pcie', 'A100 PCIe', 'A100 PCIe 40GB', 'NVIDIA A100-PCIE-40GB', 'NVIDIA A100 PCIe']],
  ['nvidia-a100-pcie-80gb', 'NVIDIA A100 80GB PCIe', 80, 2021, ['a100-pcie-80gb', 'A100 PCIe 80GB', 'NVIDIA A100 80GB PCIe']],
]) {
  add({
    id, name: gaName.replace(/(\d+GB) PCIe/, 'PCIe $1'), kind: 'gpu', year,
    tdp_w: num(GA_GPU, 'model', gaName, 'TDP', 'GA'), idle_w: A100_IDLE.idle_w, memory_gb: mem,
    ...A100_COMMON,
    aliases,
    source: S.ga_gpu(gaName), licence: `${LIC.ga}; ${LIC.paper}; ${LIC.ccf}`,
    estimate: true, uncertainty: 'embodied_kg: ±50 % (Luccioni et al.\'s A100 figure, not PCIe-specific)',
    field_sources: { tdp_w: `${S.ga_gpu(gaName)} (NVIDIA A100 datasheet)`, memory_gb: S.ga_gpu(gaName), ...A100_FS },
    notes: 'Host embodied not set: PCIe servers vary; the built-in default (2000 kg per host, seed 001) applies.',
  });
}
{
  const emb = (mem) => llmcarbonEmbodied({
    dieCm2: num(LLMC, 'hardware', 'H100', 'unit (cm2 or GB)', 'LLMCarbon'), node: '4nm', memoryGb: mem,
    dieSource: S.llmc('H100'),
  });
  const sxm = emb(80);
  add({
    id: 'nvidia-h100-sxm', name: 'NVIDIA H100 SXM5 80 GB', kind: 'gpu', year: 2022,
    tdp_w: num(MLCO2, 'name', 'H100 SXM', 'tdp_watts', 'mlco2'), memory_gb: num(MLCO2, 'name', 'H100 SXM', 'memory', 'mlco2'),
    embodied_kg: sxm.embodied_kg, embodied_method: sxm.embodied_method, lifetime_years: 4, devices_per_host: 8,
    aliases: ['h100', 'H100', 'h100-sxm', 'H100 SXM', 'H100 SXM5', 'NVIDIA H100 80GB HBM3', 'nvidia-h100'],
    source: S.mlco2('H100 SXM'), licence: `${LIC.mlco2}; ${LIC.llmc}`,
    estimate: true, uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only)',
    field_sources: {
      tdp_w: `${S.mlco2('H100 SXM')} (NVIDIA H100 datasheet, https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet)`,
      memory_gb: S.mlco2('H100 SXM'), embodied_kg: sxm.source, lifetime_years: S.ccf_life,
      devices_per_host: 'NVIDIA DGX/HGX H100: 8 GPUs per server',
    },
    notes: 'No published idle power (CCF has no H100 row): idle_w omitted.',
  });
  const man = 'NVIDIA H100 PCIe';
  const pcie = emb(num(GA_GPU_MAN, 'model', man, 'memory', 'GA'));
  add({
    id: 'nvidia-h100-pcie', name: 'NVIDIA H100 PCIe 80 GB', kind: 'gpu', year: 2022,
    tdp_w: num(GA_GPU_MAN, 'model', man, 'TDP', 'GA'), memory_gb: num(GA_GPU_MAN, 'model', man, 'memory', 'GA'),
    embodied_kg: pcie.embodied_kg, embodied_method: pcie.embodied_method, lifetime_years: 4,
    aliases: ['h100-pcie', 'H100 PCIe', 'NVIDIA H100 PCIe'],
    source: S.ga_gpu_man(man), licence: `${LIC.ga31}; ${LIC.llmc}`,
    estimate: true, uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only)',
    field_sources: {
      tdp_w: `${S.ga_gpu_man(man)} (NVIDIA: 300-350 W configurable)`, memory_gb: S.ga_gpu_man(man),
      embodied_kg: pcie.source, lifetime_years: S.ccf_life,
    },
  });
  const nvlMem = num(MLCO2, 'name', 'H100 NVL', 'memory', 'mlco2');
  const nvl = emb(nvlMem);
  add({
    id: 'nvidia-h100-nvl', name: 'NVIDIA H100 NVL 94 GB', kind: 'gpu', year: 2023,
    tdp_w: num(MLCO2, 'name', 'H100 NVL', 'tdp_watts', 'mlco2'), memory_gb: nvlMem,
    embodied_kg: nvl.embodied_kg, embodied_method: nvl.embodied_method, lifetime_years: 4,
    aliases: ['h100-nvl', 'H100 NVL', 'NVIDIA H100 NVL'],
    source: S.mlco2('H100 NVL'), licence: `${LIC.mlco2}; ${LIC.llmc}`,
    estimate: true, uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only)',
    field_sources: {
      tdp_w: S.mlco2('H100 NVL'), memory_gb: S.mlco2('H100 NVL'), embodied_kg: nvl.source, lifetime_years: S.ccf_life,
    },
  });
}
{
  const man = 'NVIDIA Tesla T4';
  const idle = CCF_IDLE('T4');
  const emb = llmcarbonEmbodied({
    dieCm2: num(GA_GPU_MAN, 'model', man, 'die_area', 'GA'), node: '12nm',
    memoryGb: num(GA_GPU_MAN, 'model', man, 'memory', 'GA'), dieSource: S.ga_gpu_man(man),
  });
  add({
    id: 'nvidia-t4', name: 'NVIDIA Tesla T4 16 GB', kind: 'gpu', year: 2018,
    tdp_w: num(GA_GPU, 'model', man, 'TDP', 'GA'), idle_w: idle.idle_w, memory_gb: 16,
    embodied_kg: emb.embodied_kg, embodied_method: emb.embodied_method, lifetime_years: 4,
    aliases: ['t4', 'T4', 'Tesla T4', 'NVIDIA Tesla T4', 'NVIDIA T4'],
    source: S.ga_gpu(man), licence: `${LIC.ga}; ${LIC.ccf}; ${LIC.llmc}`,
    estimate: true, uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only)',
    field_sources: {
      tdp_w: `${S.ga_gpu(man)}; ${S.mlco2('T4')} (NVIDIA T4 datasheet)`, idle_w: idle.src, memory_gb: S.ga_gpu_man(man),
      embodied_kg: emb.source, lifetime_years: S.ccf_life,
    },
  });
}
for (const [id, m, name, year, aliases] of [
  ['nvidia-l4', 'L4', 'NVIDIA L4 24 GB', 2023, ['l4', 'L4', 'NVIDIA L4']],
  ['nvidia-l40s', 'L40S', 'NVIDIA L40S 48 GB', 2023, ['l40s', 'L40S', 'NVIDIA L40S']],
]) {
  add({
    id, name, kind: 'gpu', year,
    tdp_w: num(MLCO2, 'name', m, 'tdp_watts', 'mlco2'), memory_gb: num(MLCO2, 'name', m, 'memory', 'mlco2'),
    lifetime_years: 4, aliases,
    source: S.mlco2(m), licence: LIC.mlco2,
    field_sources: { tdp_w: S.mlco2(m), memory_gb: S.mlco2(m), lifetime_years: S.ccf_life },
    notes: 'No idle power (CCF has no row) and no die area in the licence-checked tables: idle_w and embodied_kg omitted.',
  });
}
{
  const idle = CCF_IDLE('A10G');
  add({
    id: 'nvidia-a10g', name: 'NVIDIA A10G 24 GB (AWS G5)', kind: 'gpu', year: 2021,
    tdp_w: num(MLCO2, 'name', 'A10G', 'tdp_watts', 'mlco2'), idle_w: idle.idle_w, memory_gb: 24, lifetime_years: 4,
    aliases: ['a10g', 'A10G', 'NVIDIA A10G'],
    source: S.mlco2('A10G'), licence: `${LIC.mlco2}; ${LIC.ccf}`,
    field_sources: {
      tdp_w: S.mlco2('A10G'), idle_w: idle.src,
      memory_gb: 'techpowerup A10G (https://www.techpowerup.com/gpu-specs/a10g.c3798), the URL cited by the mlco2 row (whose memory column is misaligned)',
      lifetime_years: S.ccf_life,
    },
    notes: 'No die area in the licence-checked tables: embodied_kg omitted.',
  });
}
{
  const man = 'NVIDIA GeForce RTX 2080 Ti 11GB';
  const emb = llmcarbonEmbodied({
    dieCm2: num(GA_GPU_MAN, 'model', man, 'die_area', 'GA'), node: '12nm',
    memoryGb: num(GA_GPU_MAN, 'model', man, 'memory', 'GA'), dieSource: S.ga_gpu_man(man),
  });
  add({
    id: 'nvidia-rtx-2080-ti', name: 'NVIDIA GeForce RTX 2080 Ti 11 GB', kind: 'gpu', year: 2018,
    tdp_w: num(GA_GPU, 'model', 'NVIDIA RTX 2080 Ti', 'TDP', 'GA'), memory_gb: 11,
    embodied_kg: emb.embodied_kg, embodied_method: emb.embodied_method, lifetime_years: 4,
    aliases: ['rtx-2080-ti', 'RTX 2080 Ti', '2080ti', '2080 Ti', 'NVIDIA RTX 2080 Ti', 'NVIDIA GeForce RTX 2080 Ti'],
    source: S.ga_gpu('NVIDIA RTX 2080 Ti'), licence: `${LIC.ga}; ${LIC.llmc}`,
    estimate: true, uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only)',
    field_sources: {
      tdp_w: S.ga_gpu('NVIDIA RTX 2080 Ti'), memory_gb: S.ga_gpu_man(man), embodied_kg: emb.source,
      lifetime_years: S.ccf_life,
    },
  });
}
for (const [id, ga, ccf, name, year, mem, aliases] of [
  ['nvidia-k80', 'NVIDIA Tesla K80', 'Tesla K80', 'NVIDIA Tesla K80 (dual-GPU board)', 2014, 24, ['k80', 'K80', 'Tesla K80', 'NVIDIA Tesla K80']],
  ['nvidia-p4', 'NVIDIA Tesla P4', 'Tesla P4', 'NVIDIA Tesla P4 8 GB', 2016, 8, ['p4', 'P4', 'Tesla P4', 'NVIDIA Tesla P4']],
]) {
  const idle = CCF_IDLE(ccf);
  add({
    id, name, kind: 'gpu', year, tdp_w: num(GA_GPU, 'model', ga, 'TDP', 'GA'), idle_w: idle.idle_w, memory_gb: mem,
    lifetime_years: 4, aliases,
    source: S.ga_gpu(ga), licence: `${LIC.ga}; ${LIC.ccf}`,
    field_sources: { tdp_w: S.ga_gpu(ga), idle_w: idle.src, memory_gb: `NVIDIA ${ccf} datasheet`, lifetime_years: S.ccf_life },
  });
}
for (const [id, m, name, year, aliases] of [
  ['nvidia-rtx-3090', 'RTX 3090', 'NVIDIA GeForce RTX 3090 24 GB', 2020, ['rtx-3090', 'RTX 3090', 'NVIDIA GeForce RTX 3090']],
  ['nvidia-rtx-4090', 'RTX 4090', 'NVIDIA GeForce RTX 4090 24 GB', 2022, ['rtx-4090', 'RTX 4090', 'NVIDIA GeForce RTX 4090']],
]) {
  add({
    id, name, kind: 'gpu', year,
    tdp_w: num(MLCO2, 'name', m, 'tdp_watts', 'mlco2'), memory_gb: num(MLCO2, 'name', m, 'memory', 'mlco2'),
    lifetime_years: 4, aliases,
    source: S.mlco2(m), licence: LIC.mlco2,
    field_sources: { tdp_w: S.mlco2(m), memory_gb: S.mlco2(m), lifetime_years: S.ccf_life },
  });
}
// --- Further GPUs from the licence-checked tables (2026.11 catalog increment) --------------
{
  const idle = CCF_IDLE('Tesla P40');
  const m = 'Tesla P40';
  add({
    id: 'nvidia-p40', name: 'NVIDIA Tesla P40 24 GB', kind: 'gpu', year: 2016,
    tdp_w: num(MLCO2, 'name', m, 'tdp_watts', 'mlco2'), idle_w: idle.idle_w, memory_gb: num(MLCO2, 'name', m, 'memory', 'mlco2'),
    lifetime_years: 4, aliases: ['p40', 'P40', 'Tesla P40', 'NVIDIA Tesla P40'],
    source: `${S.mlco2(m)} (NVIDIA P40 datasheet)`, licence: `${LIC.mlco2}; ${LIC.ccf}`,
    field_sources: { tdp_w: S.mlco2(m), idle_w: idle.src, memory_gb: S.mlco2(m), lifetime_years: S.ccf_life },
    notes: 'No die area in the licence-checked tables: embodied_kg omitted.',
  });
}
for (const [id, m, name, year, aliases] of [
  ['nvidia-rtx-a6000', 'RTX A6000', 'NVIDIA RTX A6000 48 GB', 2020, ['rtx-a6000', 'RTX A6000', 'A6000', 'NVIDIA RTX A6000']],
  ['nvidia-rtx-a5000', 'RTX A5000', 'NVIDIA RTX A5000 24 GB', 2021, ['rtx-a5000', 'RTX A5000', 'A5000', 'NVIDIA RTX A5000']],
  ['nvidia-quadro-rtx-8000', 'RTX 8000', 'NVIDIA Quadro RTX 8000 48 GB', 2018, ['rtx-8000', 'Quadro RTX 8000', 'RTX 8000', 'NVIDIA Quadro RTX 8000']],
  ['nvidia-titan-rtx', 'Titan RTX', 'NVIDIA TITAN RTX 24 GB', 2018, ['titan-rtx', 'Titan RTX', 'NVIDIA TITAN RTX']],
]) {
  add({
    id, name, kind: 'gpu', year,
    tdp_w: num(MLCO2, 'name', m, 'tdp_watts', 'mlco2'), memory_gb: num(MLCO2, 'name', m, 'memory', 'mlco2'),
    lifetime_years: 4, aliases,
    source: S.mlco2(m), licence: LIC.mlco2,
    field_sources: { tdp_w: S.mlco2(m), memory_gb: S.mlco2(m), lifetime_years: S.ccf_life },
    notes: 'No die area in the licence-checked tables: embodied_kg omitted.',
  });
}
{
  const ga = 'NVIDIA Tesla V100S';
  add({
    id: 'nvidia-v100s-pcie', name: 'NVIDIA Tesla V100S PCIe 32 GB', kind: 'gpu', year: 2019,
    tdp_w: num(GA_GPU, 'model', ga, 'TDP', 'GA'), memory_gb: 32, lifetime_years: 4,
    aliases: ['v100s', 'V100S', 'Tesla V100S', 'Tesla V100S-PCIE-32GB', 'NVIDIA Tesla V100S'],
    source: S.ga_gpu(ga), licence: LIC.ga,
    field_sources: {
      tdp_w: `${S.ga_gpu(ga)} (GA cites technical.city; NVIDIA V100S PCIe board power 250 W)`,
      memory_gb: 'NVIDIA V100 datasheet: V100S PCIe 32 GB HBM2 (https://www.nvidia.com/en-us/data-center/v100/)',
      lifetime_years: S.ccf_life,
    },
    notes: 'Idle: CCF has no V100S row; core default applies. No die area for V100S in the tables (same GV100 die as V100).',
  });
}
for (const [id, ga, man, node, name, year, aliases] of [
  ['nvidia-titan-v', 'NVIDIA Titan V', 'NVIDIA Titan V', '12nm', 'NVIDIA TITAN V 12 GB', 2017, ['titan-v', 'Titan V', 'NVIDIA TITAN V']],
  ['nvidia-gtx-1080-ti', 'NVIDIA GTX 1080 Ti', 'NVIDIA GeForce GTX 1080 Ti', '16nm', 'NVIDIA GeForce GTX 1080 Ti 11 GB', 2017,
    ['gtx-1080-ti', 'GTX 1080 Ti', '1080ti', '1080 Ti', 'NVIDIA GeForce GTX 1080 Ti']],
]) {
  const emb = llmcarbonEmbodied({
    dieCm2: num(GA_GPU_MAN, 'model', man, 'die_area', 'GA'), node,
    memoryGb: num(GA_GPU_MAN, 'model', man, 'memory', 'GA'), dieSource: S.ga_gpu_man(man),
  });
  add({
    id, name, kind: 'gpu', year,
    tdp_w: num(GA_GPU, 'model', ga, 'TDP', 'GA'), memory_gb: num(GA_GPU_MAN, 'model', man, 'memory', 'GA'),
    embodied_kg: emb.embodied_kg, embodied_method: emb.embodied_method, lifetime_years: 4, aliases,
    source: S.ga_gpu(ga), licence: `${LIC.ga}; ${LIC.ga31}; ${LIC.llmc}`,
    estimate: true, uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only)',
    field_sources: { tdp_w: S.ga_gpu(ga), memory_gb: S.ga_gpu_man(man), embodied_kg: emb.source, lifetime_years: S.ccf_life },
  });
}
{
  const man = 'NVIDIA Quadro RTX 6000';
  const emb = llmcarbonEmbodied({
    dieCm2: num(GA_GPU_MAN, 'model', man, 'die_area', 'GA'), node: '12nm',
    memoryGb: num(GA_GPU_MAN, 'model', man, 'memory', 'GA'), dieSource: S.ga_gpu_man(man),
  });
  add({
    id: 'nvidia-quadro-rtx-6000', name: 'NVIDIA Quadro RTX 6000 24 GB', kind: 'gpu', year: 2018,
    tdp_w: num(GA_GPU_MAN, 'model', man, 'TDP', 'GA'), memory_gb: num(GA_GPU_MAN, 'model', man, 'memory', 'GA'),
    embodied_kg: emb.embodied_kg, embodied_method: emb.embodied_method, lifetime_years: 4,
    aliases: ['rtx-6000', 'Quadro RTX 6000', 'NVIDIA Quadro RTX 6000'],
    source: S.ga_gpu_man(man), licence: `${LIC.ga31}; ${LIC.llmc}`,
    estimate: true, uncertainty: 'embodied_kg: -50 %/+200 % (die + memory only)',
    field_sources: { tdp_w: S.ga_gpu_man(man), memory_gb: S.ga_gpu_man(man), embodied_kg: emb.source, lifetime_years: S.ccf_life },
  });
}

// --- Newer accelerators not in the tables: figures found with the project's search tool -------
// Only power and memory; each is cited to the pages read and marked as an estimate where the
// manufacturer document itself was not read.
const WEB = {
  a40: 'NVIDIA A40 GPU Accelerator Product Brief PB-09976-001_v04 (January 2021), "Max power consumption 300 W", 48 GB GDDR6 ' +
    '(copies read at https://readkong.com/page/nvidia-a40-gpu-accelerator-product-brief-7654466 and ' +
    'https://www.ecer.com/corp/details-uuuedqa-p1bsay9-multi-display-setups-supported-by-48gb-gddr6-ecc-memory-nvidia-a40-gpu-and-vga-outputs.html)',
  h200: 'NVIDIA H200 SXM: 141 GB HBM3e, up to 700 W, same thermal envelope as H100 SXM (NVIDIA H200 product page ' +
    'https://www.nvidia.com/en-us/data-center/h200/; figures read at https://www.aiminingco.com/gpu/h200/specs and ' +
    'https://www.saulelectric.com/nvidia-h200.html, NVIDIA datasheet itself not read)',
  mi300x: 'AMD Instinct MI300X OAM: 750 W, 192 GB HBM3 (AMD product page https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html; ' +
    'figures read at https://meterpreter.org/amd-confirms-instinct-mi300x-power-consumption-up-to-750w and ' +
    'https://inkl.com/news/amd-mi300x-guzzles-power-rated-for-750-watts, AMD datasheet itself not read)',
  mi250x: 'AMD Instinct MI250X OAM: 560 W (AMD product page https://www.amd.com/en/products/accelerators/instinct/mi200/mi250x.html; ' +
    'figure read at https://meterpreter.org/amd-confirms-instinct-mi300x-power-consumption-up-to-750w, AMD datasheet itself not read); 128 GB HBM2e per AMD',
};
add({
  id: 'nvidia-a40', name: 'NVIDIA A40 48 GB', kind: 'gpu', year: 2020, tdp_w: 300, memory_gb: 48, lifetime_years: 4,
  aliases: ['a40', 'A40', 'NVIDIA A40'],
  source: WEB.a40, licence: LIC.paper,
  field_sources: { tdp_w: WEB.a40, memory_gb: WEB.a40, lifetime_years: S.ccf_life },
});
add({
  id: 'nvidia-h200-sxm', name: 'NVIDIA H200 SXM 141 GB', kind: 'gpu', year: 2024, tdp_w: 700, memory_gb: 141,
  lifetime_years: 4, devices_per_host: 8,
  aliases: ['h200', 'H200', 'H200 SXM', 'NVIDIA H200'],
  source: WEB.h200, licence: LIC.paper,
  estimate: true, uncertainty: 'tdp_w: from secondary pages, consistent with the 700 W H100 SXM (configurable lower); ±0 to -15 %',
  field_sources: { tdp_w: WEB.h200, memory_gb: WEB.h200, lifetime_years: S.ccf_life, devices_per_host: 'NVIDIA HGX H200: 8 GPUs per board' },
});
add({
  id: 'amd-mi300x', name: 'AMD Instinct MI300X 192 GB', kind: 'gpu', year: 2023, tdp_w: 750, memory_gb: 192,
  lifetime_years: 4, devices_per_host: 8,
  aliases: ['mi300x', 'MI300X', 'Instinct MI300X', 'AMD Instinct MI300X'],
  source: WEB.mi300x, licence: LIC.paper,
  estimate: true, uncertainty: 'tdp_w: from secondary pages (peak OAM board power); ±10 %',
  field_sources: { tdp_w: WEB.mi300x, memory_gb: WEB.mi300x, lifetime_years: S.ccf_life, devices_per_host: 'AMD Instinct MI300X platform: 8 OAM per board' },
});
add({
  id: 'amd-mi250x', name: 'AMD Instinct MI250X 128 GB', kind: 'gpu', year: 2021, tdp_w: 560, memory_gb: 128,
  lifetime_years: 4,
  aliases: ['mi250x', 'MI250X', 'Instinct MI250X', 'AMD Instinct MI250X'],
  source: WEB.mi250x, licence: LIC.paper,
  estimate: true, uncertainty: 'tdp_w: from a secondary page (peak OAM board power, two dies per module); ±10 %',
  field_sources: { tdp_w: WEB.mi250x, memory_gb: WEB.mi250x, lifetime_years: S.ccf_life },
});
{
  const any = num(GA_GPU, 'model', 'Any', 'TDP_per_core', 'GA');
  add({
    id: 'generic-gpu', name: 'Generic GPU (unknown model)', kind: 'gpu',
    tdp_w: any, lifetime_years: 4,
    aliases: ['gpu', 'GPU', 'any-gpu', 'Any GPU'],
    source: `${S.ga_gpu('Any')}: default 200 W per GPU when the model is unknown`, licence: LIC.ga,
    estimate: true,
    uncertainty: 'tdp_w: ±50 % (data-centre GPUs span 70-700 W; GA data v3.1 GPUs-manual "Average" row: 231 W)',
    field_sources: { tdp_w: S.ga_gpu('Any'), lifetime_years: S.ccf_life },
    notes: `No idle or embodied figure: built-in defaults apply (idle 10 % of TDP; host 2000 kg per 8 devices, ${S.seed001_host}).`,
  });
}

// --- Server CPUs (per socket) -------------------------------------------------------------
const GA_CPU_PER_SERVER = num(GA_IMPACTS, 'variable', 'nb_CPU_per_server', 'value', 'GA impacts');
const cpu = ({ id, name, year, tdp, tdpSrc, licence, cores, threads, arch, emb, aliases }) => {
  const idle = cpuIdle(arch, threads);
  return compact({
    id, name, kind: 'cpu', year, tdp_w: tdp, idle_w: idle.idle_w,
    embodied_kg: emb?.embodied_kg, embodied_method: emb?.embodied_method,
    lifetime_years: 4, devices_per_host: GA_CPU_PER_SERVER,
    aliases,
    source: tdpSrc, licence: `${licence}; ${LIC.ccf}${emb ? `; ${LIC.ga31}` : ''}`,
    estimate: true,
    uncertainty: `idle_w: ±50 % (CCF per-vCPU average for ${arch}, includes platform share)` +
      (emb ? '; embodied_kg: -30 %/+100 % (processor package only)' : ''),
    field_sources: compact({
      tdp_w: tdpSrc, idle_w: idle.source, embodied_kg: emb?.source, lifetime_years: S.ccf_life,
      devices_per_host: 'Green Algorithms data v3.1 hardware-impacts.csv nb_CPU_per_server = 2',
    }),
    notes: `${cores} cores / ${threads} threads; ${arch} microarchitecture.` +
      (emb ? '' : ' No die area in the licence-checked tables: embodied_kg omitted.'),
  });
};
add(cpu({
  id: 'intel-xeon-gold-6248', name: 'Intel Xeon Gold 6248 (20 cores)', year: 2019,
  tdp: num(GA_CPU, 'model', 'Xeon Gold 6248', 'TDP', 'GA'), tdpSrc: S.ga_cpu('Xeon Gold 6248'), licence: LIC.ga,
  cores: 20, threads: 40, arch: 'Cascade Lake', aliases: ['xeon-gold-6248', 'Xeon Gold 6248', 'Intel Xeon Gold 6248'],
}));
add(cpu({
  id: 'intel-xeon-e5-2698-v4', name: 'Intel Xeon E5-2698 v4 (20 cores)', year: 2016,
  tdp: num(CC_CPU, 'Name', 'Intel Xeon E5-2698 v4', 'TDP', 'cc'), tdpSrc: S.cc_cpu('Intel Xeon E5-2698 v4'), licence: LIC.cc,
  cores: 20, threads: 40, arch: 'Broadwell', aliases: ['xeon-e5-2698-v4', 'Xeon E5-2698 v4', 'Intel Xeon E5-2698 v4'],
}));
add(cpu({
  id: 'intel-xeon-platinum-8380', name: 'Intel Xeon Platinum 8380 (40 cores)', year: 2021,
  tdp: num(CC_CPU, 'Name', 'Intel Xeon Platinum 8380', 'TDP', 'cc'), tdpSrc: S.cc_cpu('Intel Xeon Platinum 8380'), licence: LIC.cc,
  cores: 40, threads: 80, arch: 'Ice Lake', aliases: ['xeon-platinum-8380', 'Xeon Platinum 8380', 'Intel Xeon Platinum 8380'],
}));
add(cpu({
  id: 'intel-xeon-platinum-8480plus', name: 'Intel Xeon Platinum 8480+ (56 cores)', year: 2023,
  tdp: num(CC_CPU, 'Name', 'Intel Xeon Platinum 8480+', 'TDP', 'cc'), tdpSrc: S.cc_cpu('Intel Xeon Platinum 8480+'), licence: LIC.cc,
  cores: 56, threads: 112, arch: 'Sapphire Rapids', emb: cpuEmbodied('Xeon Platinum 8480+'),
  aliases: ['xeon-platinum-8480+', 'Xeon Platinum 8480+', 'Intel Xeon Platinum 8480+', 'xeon-platinum-8480'],
}));
add(cpu({
  id: 'amd-epyc-7742', name: 'AMD EPYC 7742 (64 cores)', year: 2019,
  tdp: num(CC_CPU, 'Name', 'AMD EPYC 7742', 'TDP', 'cc'), tdpSrc: S.cc_cpu('AMD EPYC 7742'), licence: LIC.cc,
  cores: 64, threads: 128, arch: 'EPYC 2nd Gen', aliases: ['epyc-7742', 'EPYC 7742', 'AMD EPYC 7742'],
}));
add(cpu({
  id: 'amd-epyc-7763', name: 'AMD EPYC 7763 (64 cores)', year: 2021,
  tdp: num(GA_CPU, 'model', 'AMD EPYC 7763', 'TDP', 'GA'), tdpSrc: S.ga_cpu('AMD EPYC 7763'), licence: LIC.ga,
  cores: 64, threads: 128, arch: 'EPYC 3rd Gen', emb: cpuEmbodied('AMD EPYC 7763'),
  aliases: ['epyc-7763', 'EPYC 7763', 'AMD EPYC 7763'],
}));
{
  const e = cpuEmbodied('AMD EPYC Embedded 9654');
  e.embodied_method += '; die area of the EPYC Embedded 9654 row (same 12 x 72 mm2 + 397 mm2 silicon as the EPYC 9654)';
  add(cpu({
    id: 'amd-epyc-9654', name: 'AMD EPYC 9654 (96 cores)', year: 2022,
    tdp: num(CC_CPU, 'Name', 'AMD EPYC 9654', 'TDP', 'cc'), tdpSrc: S.cc_cpu('AMD EPYC 9654'), licence: LIC.cc,
    cores: 96, threads: 192, arch: 'EPYC 4th Gen', emb: e, aliases: ['epyc-9654', 'EPYC 9654', 'AMD EPYC 9654'],
  }));
}
{
  const avg = num(GA_CPU_MAN, 'model', 'Average', 'TDP', 'GA');
  add({
    id: 'generic-cpu', name: 'Generic server CPU (one socket, unknown model)', kind: 'cpu',
    tdp_w: round(avg, 1), lifetime_years: 4, devices_per_host: GA_CPU_PER_SERVER,
    aliases: ['cpu', 'CPU', 'any-cpu', 'Any CPU'],
    source: `${S.ga_cpu_man('Average')} (mean TDP of the ${GA_CPU_MAN.filter((r) => r.model !== 'Average').length} CPUs listed; ${round(num(GA_CPU_MAN, 'model', 'Average', 'n_cores', 'GA'), 1)} cores on average)`, licence: LIC.ga31,
    estimate: true, uncertainty: 'tdp_w: ±50 % (server CPUs span ~85-400 W)',
    field_sources: {
      tdp_w: S.ga_cpu_man('Average'), lifetime_years: S.ccf_life,
      devices_per_host: 'Green Algorithms data v3.1 hardware-impacts.csv nb_CPU_per_server = 2',
    },
    notes: 'Per socket. For a per-core model use generic-cpu-core (12 W per core). Host default for CPU-only servers: 1000 kg (seed 001 §III-A, half of a GPU server).',
  });
  const perCore = num(GA_CPU, 'model', 'Any', 'TDP_per_core', 'GA');
  const avgCores = num(GA_CPU_MAN, 'model', 'Average', 'n_cores', 'GA');
  add({
    id: 'generic-cpu-core', name: 'Generic CPU core (unknown model)', kind: 'cpu',
    tdp_w: perCore, lifetime_years: 4, devices_per_host: Math.round(avgCores * GA_CPU_PER_SERVER),
    aliases: ['cpu-core', 'core', 'Any CPU core'],
    source: `${S.ga_cpu('Any')}: default 12 W per core when the model is unknown`, licence: `${LIC.ga}; ${LIC.ga31}`,
    estimate: true, uncertainty: 'tdp_w: ±50 % (TDP per core spans ~3-24 W in the same table)',
    field_sources: {
      tdp_w: S.ga_cpu('Any'), lifetime_years: S.ccf_life,
      devices_per_host: `estimate: 2 sockets x ${avgCores} cores (${S.ga_cpu_man('Average')}) = ${Math.round(avgCores * GA_CPU_PER_SERVER)} cores per server`,
    },
  });
}

// --- Client devices -------------------------------------------------------------------------
{
  const iphoneTotal = 64; // kgCO2e, Apple iPhone 13 (128 GB) Product Environmental Report, Sept 2021
  const mfgShare = 0.74; // seed 001 §IV: manufacturing = 74 % of a client device's footprint
  add({
    id: 'smartphone', name: 'Smartphone (client device, on-device learning)', kind: 'client',
    tdp_w: 3, embodied_kg: round(iphoneTotal * mfgShare, 1),
    embodied_method: `life-cycle total x manufacturing share: ${iphoneTotal} kg (Apple iPhone 13 128 GB PER) x ${mfgShare} (seed 001 §IV)`,
    lifetime_years: 3, host_embodied_kg: 0, devices_per_host: 1,
    aliases: ['phone', 'mobile', 'mobile-phone', 'Smartphone'],
    source: 'Wu et al. 2022 (seed 001) App. B: device power 3 W during federated-learning compute (router 7.5 W, after Qiu et al. 2021)',
    licence: LIC.paper,
    estimate: true,
    uncertainty: 'embodied_kg: ±30 % (one flagship phone; LCA totals of recent smartphones ~40-80 kg); tdp_w: ±50 %',
    field_sources: {
      tdp_w: 'seed 001 App. B (3 W device power)',
      embodied_kg:
        'Apple, iPhone 13 Product Environmental Report (Sept 2021, https://www.apple.com/environment/): 64 kgCO2e life-cycle ' +
        'total for the 128 GB model (confirmed via https://greenly.earth/en-us/blog/ecology-news/what-is-the-carbon-footprint-of-the-iphone); x 74 % manufacturing share ' +
        '(seed 001 §IV, after Gupta et al. 2021 "Chasing Carbon")',
      lifetime_years: '3 years: Apple Product Environmental Reports model a 3-year first-owner use for iOS devices',
    },
    notes: 'Client device: no data-centre host (host_embodied_kg 0, PUE 1).',
  });
  const ademe = num(GA_IMPACTS, 'variable', 'GWP fabrication ordinateur portable ADEME', 'value', 'GA impacts') / 1000;
  const life = num(GA_IMPACTS, 'variable', 'lifespan_laptop', 'value', 'GA impacts');
  const i7 = num(CC_CPU, 'Name', 'Intel Core i7-1165G7', 'TDP', 'cc');
  add({
    id: 'laptop', name: 'Laptop (client device)', kind: 'client',
    tdp_w: i7, embodied_kg: ademe, embodied_method: 'published LCA: ADEME Base Empreinte "ordinateur portable" manufacturing',
    lifetime_years: life, host_embodied_kg: 0, devices_per_host: 1,
    aliases: ['notebook', 'Laptop'],
    source: 'ADEME Base Empreinte (Base Impacts, Numérique v2.0) laptop, via Green Algorithms data v3.1 hardware-impacts.csv',
    licence: `${LIC.ga31}; ADEME figure cited; ${LIC.cc}`,
    estimate: true,
    uncertainty: 'tdp_w: ±50 % (processor TDP used as a proxy for the whole laptop under load, ~15-60 W)',
    field_sources: {
      tdp_w: `estimate: ${S.cc_cpu('Intel Core i7-1165G7')} (a typical laptop processor, 28 W)`,
      embodied_kg: 'Green Algorithms data v3.1 hardware-impacts.csv row "GWP fabrication ordinateur portable ADEME" (170 kgCO2e; ADEME Base Empreinte, https://base-empreinte.ademe.fr)',
      lifetime_years: 'Green Algorithms data v3.1 hardware-impacts.csv row lifespan_laptop (5 years, ADEME reference lifespan)',
    },
    notes: 'Client device: no data-centre host (host_embodied_kg 0, PUE 1).',
  });
}

// ---------------------------------------------------------------------------------------
// Checks: unique ids and aliases (case-insensitive), required fields, sane ranges.

const seen = new Map();
for (const e of entries) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.id)) throw new Error(`bad id ${e.id}`);
  for (const k of ['id', 'name', 'kind', 'tdp_w', 'lifetime_years', 'aliases', 'source', 'licence']) {
    if (e[k] === undefined) throw new Error(`${e.id}: missing ${k}`);
  }
  if (!['gpu', 'tpu', 'cpu', 'accelerator', 'client'].includes(e.kind)) throw new Error(`${e.id}: kind ${e.kind}`);
  if (!(e.tdp_w > 0 && e.tdp_w <= 100000)) throw new Error(`${e.id}: tdp_w`);
  if (e.idle_w !== undefined && !(e.idle_w >= 0 && e.idle_w <= e.tdp_w)) throw new Error(`${e.id}: idle_w`);
  for (const name of [e.id, ...e.aliases]) {
    const k = name.toLowerCase();
    if (seen.has(k) && seen.get(k) !== e.id) throw new Error(`alias "${name}" of ${e.id} already used by ${seen.get(k)}`);
    seen.set(k, e.id);
  }
}

writeData('hardware.json', catalogJson('hardware',
  'Devices: accelerators (gpu, tpu), server CPUs (per socket unless named per core) and client devices. ' +
  'Power in W per device (tdp_w: maximum/TDP; idle_w: idle; measured_avg_power_w: measured average system power per ' +
  'chip, Patterson et al. 2021 Table 3); memory_gb in GB; embodied_kg in kgCO2e per device (manufacturing; method in ' +
  'embodied_method); host_embodied_kg in kgCO2e per host server (shared by devices_per_host devices); lifetime_years ' +
  'in years. field_sources gives the source of each number. Generated by tools/build_hardware.mjs.',
  entries.map(compact)));
console.log(`hardware: ${entries.length} entries`);
