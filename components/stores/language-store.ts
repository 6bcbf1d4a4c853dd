import { create } from 'zustand';
import {
  appliedLanguageChoice,
  applyLanguageChoice,
  followLanguageChoice,
  messagesLocale,
  mirroredLanguageChoice,
  saveLanguageChoice,
  type LanguageChoice,
} from '@/lib/i18n';

interface LanguageStore {
  /** The trader's choice in effect on this page (`auto`: the browser's language). */
  choice: LanguageChoice;
  /** Saves it for every context; this page follows through the storage change like the others. */
  choose(choice: LanguageChoice): Promise<void>;
}

export const useLanguageStore = create<LanguageStore>(() => ({
  choice: appliedLanguageChoice(),
  choose: (choice) => saveLanguageChoice(choice),
}));

function markDocument(): void {
  document.documentElement.lang = messagesLocale();
}

/**
 * Before an extension page's first render: speak the trader's language and follow later changes. The
 * popup knows the choice at once from its localStorage mirror; a framed prompt (no localStorage there)
 * waits for the stored one.
 */
export async function startPageLanguage({ waitForStored = false } = {}): Promise<void> {
  const mirrored = mirroredLanguageChoice();
  if (mirrored !== 'auto')
    await applyLanguageChoice(mirrored).catch((error: unknown) => console.error(error));
  markDocument();
  useLanguageStore.setState({ choice: appliedLanguageChoice() });
  const follow = followLanguageChoice((choice) => {
    markDocument();
    useLanguageStore.setState({ choice });
  });
  if (waitForStored) await follow.ready.catch((error: unknown) => console.error(error));
}
