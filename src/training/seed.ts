/**
 * `fitlab.seed(n)`: makes weight initialisation, fit's shuffling and dropout reproducible on a backend.
 *
 * How: tfjs draws all of these from `Math.random` — its initializers and dropout create random
 * tensors whose generator is seeded from `Math.random()` when no seed is given, and fit shuffles
 * with `tf.util.shuffle`, which uses `Math.random`. So `seed(n)` replaces the kernel's
 * `Math.random` with a seeded generator (sfc32): run the same cells after `seed(n)` and the same
 * models, batches and dropout masks come out. Not covered: randomness a backend draws natively
 * (none on cpu and wasm), and results across backends (their float arithmetic differs).
 */

const nativeRandom = Math.random;

/** sfc32 (Chris Doty-Humphrey's small fast counter), 32-bit state words, period ~2^128. */
export function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const out = (t + d) | 0;
    c = (c + out) | 0;
    return (out >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // mix the seed into the state
  return next;
}

/** Seeds Math.random for everything that follows; `seed(null)` restores the native generator. */
export function seed(n: number | null): void {
  if (n === null) {
    Math.random = nativeRandom;
    return;
  }
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new RangeError(`fitlab.seed: expects a finite number (or null to unseed), got ${String(n)}`);
  Math.random = seededRandom(Math.floor(n));
}
