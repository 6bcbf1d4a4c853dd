import type { Page } from '@playwright/test';

/**
 * The companion's in-page UI lives in closed shadow roots, which Playwright's locators cannot enter (page
 * scripts cannot either: that is the point). Tests reach it the way assistive technology does: through
 * Chromium's accessibility tree over CDP, then click real coordinates.
 */
async function axNode(page: Page, role: string, name: string | RegExp) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('Accessibility.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const { nodes } = await cdp.send('Accessibility.queryAXTree', { nodeId: root.nodeId, role });
    const node = nodes.find((n) => {
      const value = String(n.name?.value ?? '');
      return typeof name === 'string' ? value === name : name.test(value);
    });
    if (!node?.backendDOMNodeId) return null;
    const box = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendDOMNodeId }).catch(() => null);
    const quad = box?.model.content;
    const center = quad ? { x: (quad[0]! + quad[4]!) / 2, y: (quad[1]! + quad[5]!) / 2 } : null;
    const disabled = node.properties?.some((p) => p.name === 'disabled' && p.value.value === true) ?? false;
    return { name: String(node.name?.value ?? ''), center, disabled, backendNodeId: node.backendDOMNodeId };
  } finally {
    await cdp.detach();
  }
}

export async function findInShadow(
  page: Page,
  role: string,
  name: string | RegExp,
  timeout = 10_000,
  { enabled = false }: { enabled?: boolean } = {},
) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const node = await axNode(page, role, name);
    if (node?.center && (!enabled || !node.disabled)) return node;
    if (Date.now() > deadline) throw new Error(`no ${role} named ${String(name)} in the accessibility tree`);
    await page.waitForTimeout(100);
  }
}

export async function clickInShadow(page: Page, role: string, name: string | RegExp): Promise<void> {
  const node = await findInShadow(page, role, name);
  await page.mouse.click(node.center!.x, node.center!.y);
}

/** Whether the control is there and enabled (an in-page surface enables its action after its delay). */
export async function isEnabledInShadow(page: Page, role: string, name: string | RegExp): Promise<boolean> {
  const node = await axNode(page, role, name);
  return node?.center != null && !node.disabled;
}

export async function isInShadow(page: Page, role: string, name: string | RegExp): Promise<boolean> {
  return (await axNode(page, role, name))?.center != null;
}
