import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'aster-companion.theme';

function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

/** localStorage, or null where it is denied (the prompt page framed by the exchange is a third party there). */
function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function storedTheme(): ThemeChoice {
  const value = storage()?.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

interface ThemeStore {
  theme: ThemeChoice;
  setTheme(choice: ThemeChoice): void;
}

/** Light, dark or the system's choice; a display preference only, so the page's localStorage holds it. */
export const useThemeStore = create<ThemeStore>((set) => {
  const initial = storedTheme();
  applyTheme(initial);
  return {
    theme: initial,
    setTheme(choice) {
      storage()?.setItem(STORAGE_KEY, choice);
      applyTheme(choice);
      set({ theme: choice });
    },
  };
});
