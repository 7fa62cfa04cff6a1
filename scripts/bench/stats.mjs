// The medians and quantiles every bench figure is reported as.

export function median(values) {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value below which `fraction` of `values` lie (linear between neighbours). */
export function quantile(values, fraction) {
  const sorted = [...values].sort((first, second) => first - second);
  const at = (sorted.length - 1) * fraction;
  return sorted[Math.floor(at)] + (sorted[Math.ceil(at)] - sorted[Math.floor(at)]) * (at - Math.floor(at));
}
