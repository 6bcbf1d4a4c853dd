import { DEFAULT_ASTER_SETTINGS, type AsterEncodingSettings } from './settings';

/**
 * A request parameter in signing order. `undefined` is left out (§2: empty parameters are not sent); builders
 * turn optional empty values into `undefined`, so `''` reaches the string only when a setting asks for it.
 */
export type QueryField = readonly [name: string, value: string | undefined];

/** The parameters that are sent, in order. */
export function presentFields(fields: readonly QueryField[]): Array<[string, string]> {
  const present: Array<[string, string]> = [];
  for (const [name, value] of fields) if (value !== undefined) present.push([name, value]);
  return present;
}

/**
 * THE function that builds the string Aster signs (`msg`, §2): `name=value` pairs joined by `&`, undefined values
 * left out. Whether values are percent-encoded is the one UNCERTAIN setting `signedValueEncoding`.
 */
export function signedQueryString(
  fields: readonly QueryField[],
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): string {
  const encode = settings.signedValueEncoding === 'percent' ? encodeURIComponent : (value: string) => value;
  return presentFields(fields)
    .map(([name, value]) => `${name}=${encode(value)}`)
    .join('&');
}

/**
 * The body (or GET query) sent on the wire: always `application/x-www-form-urlencoded`, with `signature`
 * appended last. Separate from `signedQueryString` because transport must encode even when signing is raw.
 */
export function formBody(fields: readonly QueryField[], signature?: string): string {
  const pairs = presentFields(fields);
  if (signature !== undefined) pairs.push(['signature', signature]);
  return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}

/**
 * Splits a `msg` back into ordered pairs, for tests and logs. Tolerant: values are percent-decoded when that is
 * possible and kept raw otherwise; a pair without `=` gets the empty value. Never throws. NOT for deciding what
 * a signed body means: the decoder splits exactly as signed (decode/body.ts `splitBody`), since decoding
 * `am%6Funt` into `amount` would read a field Aster may not.
 */
export function parseQueryString(msg: string): Array<[string, string]> {
  if (msg === '') return [];
  return msg.split('&').map((pair) => {
    const at = pair.indexOf('=');
    const name = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? '' : pair.slice(at + 1);
    return [safeDecode(name), safeDecode(value)];
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function booleanField(
  value: boolean,
  settings: AsterEncodingSettings = DEFAULT_ASTER_SETTINGS,
): string {
  if (settings.booleanSpelling === 'True') return value ? 'True' : 'False';
  return value ? 'true' : 'false';
}
