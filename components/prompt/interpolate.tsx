import { Fragment, type ReactNode } from 'react';

/** Stands for a part in the translated text; a private-use character no message or name contains. */
const MARK = '\uE000';

/**
 * A translated sentence with React parts (a bold name, an address in code) where its message names them:
 * `translate` gets a placeholder per part, and the text is cut at the placeholders. Word order stays the
 * translation's.
 */
export function interpolate<Name extends string>(
  translate: (substitutions: Record<Name, string>) => string,
  parts: Record<Name, ReactNode>,
): ReactNode[] {
  const names = Object.keys(parts) as Name[];
  const text = translate(
    Object.fromEntries(names.map((name, i) => [name, `${MARK}${i}${MARK}`])) as Record<Name, string>,
  );
  return text
    .split(MARK)
    .map((piece, i) => (i % 2 === 1 ? <Fragment key={i}>{parts[names[Number(piece)]!]}</Fragment> : piece));
}
