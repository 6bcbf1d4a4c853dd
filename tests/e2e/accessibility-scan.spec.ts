import { expect, test } from '@playwright/test';
import { exposeClosedRoots, failing, scanFrame, scanPage } from './accessibility-scan';

/**
 * The accessibility suite's scanner must see a serious violation where the suite looks: in a closed shadow
 * root exposed the way it exposes the in-page surfaces, and in a frame scanned on its own like the prompt's.
 * A planted unlabeled button (axe's `button-name`, critical) must fail it; the same surface labeled must not.
 * Without this, a scanner that silently saw nothing (an unexposed root, a wrong include) would pass forever.
 */

/** A page whose `planted-surface` host holds `button` in a CLOSED shadow root, as the companion builds one. */
const surfacePage = (button: string) => `<!doctype html><html lang="en"><head><title>planted</title></head>
<body><main><h1>Planted</h1></main><script>
  const host = document.createElement('planted-surface');
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = ${JSON.stringify(`<div role="dialog" aria-label="Planted surface">${button}</div>`)};
  document.documentElement.append(host);
</script></body></html>`;

const UNLABELED = '<button type="button"></button>';
const LABELED = '<button type="button">Approve</button>';

test('a closed shadow root: the unlabeled button is a serious finding once exposed (and unseen before)', async ({
  page,
}) => {
  await page.setContent(surfacePage(UNLABELED));
  // Before exposure the closed root is invisible to axe: the reason the suite exposes it.
  expect(failing(await scanPage(page, 'planted, not exposed', ['planted-surface']))).toEqual([]);
  expect(await exposeClosedRoots(page, ['planted-surface'])).toBe(1);
  const found = failing(await scanPage(page, 'planted', ['planted-surface']));
  expect(found.map((f) => [f.id, f.impact])).toContainEqual(['button-name', 'critical']);
});

test('a closed shadow root: the same surface with its button labeled has no serious finding', async ({
  page,
}) => {
  await page.setContent(surfacePage(LABELED));
  expect(await exposeClosedRoots(page, ['planted-surface'])).toBe(1);
  expect(failing(await scanPage(page, 'planted, labeled', ['planted-surface']))).toEqual([]);
});

test('a frame scanned on its own: the unlabeled button is a serious finding', async ({ page }) => {
  await page.setContent(
    `<!doctype html><html lang="en"><head><title>host</title></head><body><iframe title="planted frame" srcdoc="${`<!doctype html><html lang='en'><head><title>frame</title></head><body><main>${UNLABELED}</main></body></html>`.replaceAll('"', '&quot;')}"></iframe></body></html>`,
  );
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  await frame.waitForSelector('button');
  const found = failing(await scanFrame(frame, 'planted frame'));
  expect(found.map((f) => [f.id, f.impact])).toContainEqual(['button-name', 'critical']);
});
