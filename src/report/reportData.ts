/** The data report.html embeds for its script: the runs and their findings, as plain JSON. */
import type { Finding } from '../protocol/findings';
import type { Run } from '../protocol/run';

export interface ReportPageData {
  runs: Run[];
  findings: Record<string, Finding[]>;
}

/**
 * JSON safe inside a <script> element: "<" is escaped so no "</script>" or "<!--" in a run label
 * can end the element early, and U+2028/9 so old parsers do not see line breaks.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A script's source made safe to inline: "</script" cannot close the element it sits in. */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
