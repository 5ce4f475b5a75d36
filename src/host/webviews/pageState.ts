/**
 * The state the dashboard page saves with setState and VS Code hands back when it restores the
 * panel after a reload. It comes from the webview, so it is read as untrusted input.
 */
import type { DashboardPageState } from '../../webview/dashboard/model';

export function readPageState(state: unknown): DashboardPageState {
  const s = typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
  const notebook = typeof s.notebook === 'string' ? s.notebook : null;
  const selected = Array.isArray(s.selected) ? s.selected.filter((id): id is string => typeof id === 'string').slice(0, 1000) : [];
  return { notebook, selected };
}
