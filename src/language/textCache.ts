/** Memoizes an analysis of a cell by the cell's text, so unchanged cells cost nothing on a re-check. */
export function cachedByText<T>(analyze: (source: string) => T, limit = 2000): (source: string) => T {
  const cache = new Map<string, T>();
  return (source) => {
    const hit = cache.get(source);
    if (hit !== undefined) return hit;
    const result = analyze(source);
    if (cache.size >= limit) cache.clear(); // bounded: a long session types many versions of a cell
    cache.set(source, result);
    return result;
  };
}
