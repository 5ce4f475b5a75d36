/**
 * The edits that turn one list of cell texts into another: what the editor's host sends the
 * language service when it syncs a notebook (src/host/language/notebookServices.ts). Each edit is
 * re-checked by what it can affect (regionCheck.ts), so fewer and smaller edits mean less checking:
 * cells that kept their text are matched up (a longest common subsequence, after trimming the
 * common start and end), an unmatched old cell next to an unmatched new one becomes an update
 * (only its changed statements count as touched), and a moved cell a removal and an insertion.
 */
export type CellEdit = { kind: 'update' | 'insert'; index: number; source: string } | { kind: 'remove'; index: number };

/** Above this many old × new differing cells, matching cells up costs more than it saves. */
const MATCH_LIMIT = 1_000_000;

/** Edits to apply in order (each index counts the cells as the edits before it left them). */
export function cellEdits(before: readonly string[], after: readonly string[]): CellEdit[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const old = before.slice(prefix, before.length - suffix);
  const now = after.slice(prefix, after.length - suffix);
  const edits: CellEdit[] = [];
  let index = prefix;
  // Unmatched runs between two kept cells: pair them as updates, the rest removed or inserted.
  let removed: number[] = [];
  let inserted: string[] = [];
  const flush = (): void => {
    const paired = Math.min(removed.length, inserted.length);
    for (let k = 0; k < paired; k++) edits.push({ kind: 'update', index: index++, source: inserted[k] });
    for (let k = paired; k < removed.length; k++) edits.push({ kind: 'remove', index });
    for (let k = paired; k < inserted.length; k++) edits.push({ kind: 'insert', index: index++, source: inserted[k] });
    removed = [];
    inserted = [];
  };
  for (const step of match(old, now)) {
    if (step.kind === 'keep') {
      flush();
      index++;
    } else if (step.kind === 'remove') removed.push(step.old);
    else inserted.push(now[step.now]);
  }
  flush();
  return edits;
}

type Step = { kind: 'keep' } | { kind: 'remove'; old: number } | { kind: 'insert'; now: number };

/** A shortest edit script by longest common subsequence (texts compared whole). */
function match(old: readonly string[], now: readonly string[]): Step[] {
  const m = old.length;
  const n = now.length;
  if (m * n > MATCH_LIMIT) return [...old.map((_, i): Step => ({ kind: 'remove', old: i })), ...now.map((_, j): Step => ({ kind: 'insert', now: j }))];
  // common[i * (n + 1) + j]: the longest common subsequence of old[i..] and now[j..].
  const common = new Uint32Array((m + 1) * (n + 1));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      const at = i * (n + 1) + j;
      common[at] = old[i] === now[j] ? common[at + n + 2] + 1 : Math.max(common[at + n + 1], common[at + 1]);
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && old[i] === now[j]) {
      steps.push({ kind: 'keep' });
      i++;
      j++;
    } else if (j >= n || (i < m && common[(i + 1) * (n + 1) + j] >= common[i * (n + 1) + j + 1])) {
      steps.push({ kind: 'remove', old: i++ });
    } else {
      steps.push({ kind: 'insert', now: j++ });
    }
  }
  return steps;
}
