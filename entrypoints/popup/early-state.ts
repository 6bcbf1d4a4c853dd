// Imported first by main.tsx: the vault's state is asked for while React and the screens are still being
// evaluated, so the first render can already show the right screen.
import { refreshEarly } from '@/components/stores/vault-store';

refreshEarly();
