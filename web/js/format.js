// Number formatting for display. Only presentation: the figures come from the core as they
// are; the full-precision value goes into data-value (String(number)) next to the text.
const sig3 = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });
const sig4 = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });
const grouped = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** A plain number, 3 significant digits below 1000, else grouped integers ("12,345"). */
export function formatNumber(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1000 && abs < 1e9) return grouped.format(value);
  if (abs >= 1e9 || (abs > 0 && abs < 1e-3)) return value.toExponential(2).replace('e+', 'e');
  return sig3.format(value);
}

/** Mass in kgCO2e as text with a unit that fits: g, kg, t, kt, Mt. */
export function formatKg(kg, { unit = true } = {}) {
  if (typeof kg !== 'number' || !Number.isFinite(kg)) return '–';
  const abs = Math.abs(kg);
  let [value, suffix] = [kg, 'kg'];
  if (abs === 0) [value, suffix] = [0, 'kg'];
  else if (abs < 1) [value, suffix] = [kg * 1000, 'g'];
  else if (abs >= 1e9) [value, suffix] = [kg / 1e9, 'Mt'];
  else if (abs >= 1e6) [value, suffix] = [kg / 1e6, 'kt'];
  else if (abs >= 1000) [value, suffix] = [kg / 1000, 't'];
  const text = sig3.format(value);
  return unit ? `${text} ${suffix}` : text;
}

/** Energy in kWh as text: Wh, kWh, MWh, GWh. */
export function formatKwh(kwh) {
  if (typeof kwh !== 'number' || !Number.isFinite(kwh)) return '–';
  const abs = Math.abs(kwh);
  if (abs > 0 && abs < 1) return `${sig3.format(kwh * 1000)} Wh`;
  if (abs >= 1e6) return `${sig3.format(kwh / 1e6)} GWh`;
  if (abs >= 1000) return `${sig3.format(kwh / 1000)} MWh`;
  return `${sig3.format(kwh)} kWh`;
}

/** A fraction 0..1 as a percentage ("12.5 %"). */
export function formatShare(fraction) {
  if (typeof fraction !== 'number' || !Number.isFinite(fraction)) return '–';
  return `${sig3.format(fraction * 100)} %`;
}

/** A ratio ("×2.35"). */
export function formatRatio(ratio) {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio)) return '–';
  return `×${sig3.format(ratio)}`;
}

/** Any JSON value for a compact display (defaults used, details). */
export function formatValue(value) {
  if (typeof value === 'number') return sig4.format(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** "CO2e" with a subscript 2, as a text node friendly string. */
export const CO2E = 'CO₂e';
