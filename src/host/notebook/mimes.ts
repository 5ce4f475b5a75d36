/** Which mime types carry JSON values (the rest carry text). Pure. */
import { ERROR_MIME } from '../../protocol/display';

export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json') || mime === ERROR_MIME;
}
