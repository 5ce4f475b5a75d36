/** The line shown above the first output of a kernel session: which backend runs, and why. Pure. */
import type { KernelReady } from '../../protocol/kernel';

export function kernelBanner(info: KernelReady): string {
  const head = `Fitlab kernel: ${info.backend} backend (tfjs ${info.tfVersion})`;
  return info.notes.length > 0 ? `${head} — ${info.notes.join(' · ')}` : head;
}
