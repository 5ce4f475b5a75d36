import { seededRandom } from '../seed';

/** A permutation of 0..n-1 (Fisher-Yates), from `seed` when given, else from Math.random. */
export function permutation(n: number, seed?: number): Int32Array {
  const random = seed === undefined ? Math.random : seededRandom(seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
