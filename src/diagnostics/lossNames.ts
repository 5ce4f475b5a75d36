/** "binaryCrossentropy", "binary_crossentropy" and "BinaryCrossentropy" all become "binarycrossentropy". */
export function normalizeLossName(loss: string): string {
  return loss.replace(/[_\s-]/g, '').toLowerCase();
}
