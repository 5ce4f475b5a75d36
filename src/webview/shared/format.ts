/** Number formatting shared by the charts, the run list and the report. */

/** 4 significant digits, switching to exponent notation for very small or large values: 0.3142, 1.2e-5. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2).replace('e+', 'e');
  return String(Number(value.toPrecision(4)));
}
