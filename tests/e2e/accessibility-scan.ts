import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import type { Frame, Page } from '@playwright/test';

/**
 * axe-core in real Chromium, for the accessibility spec: the popup's pages, the approval prompt's frame and
 * window, and the in-page surfaces in their closed shadow roots.
 */

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** The impacts that fail the suite; moderate and minor findings are printed, not asserted. */
const FAILING = new Set(['serious', 'critical']);

export interface Finding {
  screen: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

type AxeResult = Awaited<ReturnType<AxeBuilder['analyze']>>;

function findingsOf(screen: string, results: Pick<AxeResult, 'violations'>): Finding[] {
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => ({
      screen,
      id: violation.id,
      impact: node.impact ?? violation.impact ?? 'unknown',
      help: violation.help,
      targets: node.target.map((t) => JSON.stringify(t)),
    })),
  );
}

export function describeFindings(findings: Finding[]): string {
  return findings
    .map((f) => `[${f.screen}] ${f.id} (${f.impact}) at ${f.targets.join(' ')}: ${f.help}`)
    .join('\n');
}

export const failing = (findings: Finding[]) => findings.filter((f) => FAILING.has(f.impact));

/** A whole page (an extension page), or only the given selectors of it (the in-page surfaces' hosts). */
export async function scanPage(page: Page, screen: string, include: string[] = []): Promise<Finding[]> {
  // Legacy mode: one axe.run in the page. The default runPartial/finishRun opens a blank page per scan (several
  // seconds each on a busy machine) to merge frames these pages do not have (the prompt's frame is scanned
  // on its own, below).
  let builder = new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true);
  for (const selector of include) builder = builder.include(selector);
  return findingsOf(screen, await builder.analyze());
}

/**
 * A frame on its own (the prompt's extension frame sits in a closed shadow root, where AxeBuilder's frame
 * walk cannot follow): the same axe-core, injected into that frame and run on its whole document.
 */
export async function scanFrame(frame: Frame, screen: string): Promise<Finding[]> {
  await frame.evaluate(axe.source);
  const results = await frame.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  return findingsOf(screen, results as unknown as AxeResult);
}

/**
 * The in-page surfaces live in closed shadow roots: their `shadowRoot` is null to every script, axe's
 * included. The test reaches them the way DevTools does, out of band: through CDP it resolves each host's
 * closed root (DOM.getDocument with pierce) and defines `shadowRoot` on that host in the page's main world, so
 * axe walks the very nodes and styles the content script built. Nothing in the shipped (or test) build
 * changes; only this test's page gets the extra property.
 */
export async function exposeClosedRoots(page: Page, hostTags: string[]): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('Runtime.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    interface DomNode {
      nodeId: number;
      nodeName: string;
      children?: DomNode[];
      shadowRoots?: DomNode[];
      contentDocument?: DomNode;
    }
    const hosts: Array<{ host: DomNode; shadow: DomNode }> = [];
    const walk = (node: DomNode) => {
      const shadow = node.shadowRoots?.[0];
      if (shadow && hostTags.includes(node.nodeName.toLowerCase())) hosts.push({ host: node, shadow });
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child);
    };
    walk(root as DomNode);
    for (const { host, shadow } of hosts) {
      const hostObject = (await cdp.send('DOM.resolveNode', { nodeId: host.nodeId })).object;
      const shadowObject = (await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId })).object;
      await cdp.send('Runtime.callFunctionOn', {
        objectId: hostObject.objectId!,
        functionDeclaration:
          'function (root) { Object.defineProperty(this, "shadowRoot", { value: root, configurable: true }); }',
        arguments: [{ objectId: shadowObject.objectId! }],
      });
    }
    return hosts.length;
  } finally {
    await cdp.detach();
  }
}

/** Whether the page scrolls sideways (the popup is 360 px wide). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 0.5,
  );
}
