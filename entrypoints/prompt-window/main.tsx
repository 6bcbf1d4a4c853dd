import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PromptApp } from '@/components/prompt/PromptApp';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PromptApp approvalId={new URLSearchParams(location.search).get('id') ?? ''} />
  </StrictMode>,
);
