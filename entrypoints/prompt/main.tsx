import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { InLanguage } from '@/components/InLanguage';
import { listenForHostPort } from '@/components/prompt/host-port';
import { PromptApp } from '@/components/prompt/PromptApp';
import { startPageLanguage } from '@/components/stores/language-store';

listenForHostPort();
// Framed by the exchange page, the prompt has no localStorage: it waits for the stored language.
await startPageLanguage({ waitForStored: true });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <InLanguage>
      <PromptApp approvalId={new URLSearchParams(location.search).get('id') ?? ''} />
    </InLanguage>
  </StrictMode>,
);
