/** A run's findings as a list a person scans: severity, the one-line message, what to do. */
import type { Finding } from '../../protocol/findings';
import { h } from './dom';

const ICONS: Record<Finding['severity'], string> = { error: '⛔', warning: '⚠', info: 'ℹ' };

export function findingsList(findings: readonly Finding[], options: { maxActions?: number; prefix?: string } = {}): HTMLElement {
  const list = h('ul', { class: 'findings' });
  for (const f of findings) {
    const actions = f.actions.slice(0, options.maxActions ?? 3);
    list.append(h('li', { class: `finding ${f.severity}`, 'data-finding': f.id },
      h('span', { class: 'severity', 'aria-label': f.severity, title: f.severity }, ICONS[f.severity]),
      h('span', { class: 'message' }, (options.prefix ?? '') + f.message),
      actions.length > 0 && h('span', { class: 'actions' }, `Try: ${actions.join('; ')}`)));
  }
  return list;
}
