import { useEffect, useRef, useState } from 'react';

/** How long an approval must have been fully visible before Approve works (anti-clickjacking). */
export const APPROVE_DELAY_MS = 700;

/**
 * True once `element` has been visible and unobscured for `ms`. Uses IntersectionObserver v2
 * (`trackVisibility`), which reports occlusion by anything drawn over this frame, e.g. a page overlay
 * trying to make the trader click Approve unknowingly; where v2 is missing, only the delay applies.
 */
export function useVisibleFor(ms: number = APPROVE_DELAY_MS) {
  const ref = useRef<HTMLElement | null>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setVisible(true), ms);
    };
    const disarm = () => {
      clearTimeout(timer);
      setVisible(false);
    };
    const observer = new IntersectionObserver(
      ([entry]) => {
        const seen =
          entry !== undefined &&
          entry.isIntersecting &&
          (entry as { isVisible?: boolean }).isVisible !== false;
        if (seen && document.visibilityState === 'visible') arm();
        else disarm();
      },
      { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(element);
    const onVisibility = () => (document.visibilityState === 'visible' ? arm() : disarm());
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      clearTimeout(timer);
    };
  }, [ms]);
  return { ref, visible };
}
