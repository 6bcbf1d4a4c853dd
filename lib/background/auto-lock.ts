import { browser } from 'wxt/browser';
import type { Vault } from '@/lib/vault/vault';

export const AUTO_LOCK_ALARM = 'vault.auto-lock';

/**
 * Locks the vault at its idle deadline. The deadline itself is persisted in storage.session by the vault;
 * this keeps an alarm on it (which wakes a stopped worker) plus a timer for precision while the worker lives.
 */
export class AutoLockScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly vault: Vault) {}

  /** Registers the alarm listener; call synchronously at worker start so a waking alarm is not missed. */
  listen(): void {
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === AUTO_LOCK_ALARM) void this.check();
    });
  }

  async schedule(deadline: number | null): Promise<void> {
    clearTimeout(this.timer);
    if (deadline === null) {
      await browser.alarms.clear(AUTO_LOCK_ALARM);
      return;
    }
    this.timer = setTimeout(() => void this.check(), Math.max(0, deadline - Date.now()));
    await browser.alarms.create(AUTO_LOCK_ALARM, { when: deadline });
  }

  /** Locks if the deadline passed; otherwise re-arms for the (possibly later) current deadline. */
  async check(): Promise<void> {
    if (await this.vault.lockIfExpired()) return;
    const { status, lockDeadline } = await this.vault.state();
    if (status === 'unlocked') await this.schedule(lockDeadline);
  }
}
