import { startClipboardClearer } from '@/lib/clipboard/offscreen-clear';

startClipboardClearer();
