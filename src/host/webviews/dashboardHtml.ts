/**
 * The dashboard page's HTML: a strict Content-Security-Policy (nothing but our own script, by
 * nonce, and our own stylesheet), the stylesheet from media/ and the bundle from dist/.
 * No vscode import, so the browser tests load exactly this page.
 */
import { randomBytes } from 'node:crypto';

export interface DashboardHtmlParts {
  /** The webview's `cspSource` (the origin its resources are served from). */
  cspSource: string;
  /** URIs, as strings, of dist/webview/dashboard.js and media/dashboard.css for the webview. */
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

export function dashboardCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function dashboardHtml(parts: DashboardHtmlParts): string {
  const nonce = parts.nonce ?? newNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(dashboardCsp(parts.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(parts.styleUri)}">
<title>Fitlab training dashboard</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${attr(parts.scriptUri)}"></script>
</body>
</html>
`;
}

const attr = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
