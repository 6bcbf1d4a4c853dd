import { Fragment, type ReactNode } from 'react';
import { useLanguageStore } from './stores/language-store';

/** Renders its children again, in the new language, when the trader changes it. */
export function InLanguage({ children }: { children: ReactNode }) {
  const choice = useLanguageStore((s) => s.choice);
  return <Fragment key={choice}>{children}</Fragment>;
}
