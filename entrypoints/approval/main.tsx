import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { InLanguage } from '@/components/InLanguage';
import { PromptApp } from '@/components/prompt/PromptApp';
import { startPageLanguage } from '@/components/stores/language-store';

await startPageLanguage();
// The approval in the extension's own popup window. Unlike prompt.html it is not web-accessible: no page can
// frame it (and a resource with a dynamic URL does not load at its static URL in a window).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <InLanguage>
      <PromptApp approvalId={new URLSearchParams(location.search).get('id') ?? ''} inWindow />
    </InLanguage>
  </StrictMode>,
);
