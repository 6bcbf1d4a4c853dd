// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountsState } from './AccountsState';

afterEach(cleanup);

/** The roles and names the end-to-end specs and the accessibility scan find these states by. */
describe('AccountsState', () => {
  it('failed: an alert with the reason inside the Accounts region, and Try again retries', () => {
    const onRetry = vi.fn();
    render(<AccountsState kind="failed" error="the vault is locked" onRetry={onRetry} />);
    const region = screen.getByRole('region', { name: 'Accounts' });
    expect(region.querySelector('[role="alert"]')?.textContent).toBe(
      'The accounts could not be loaded: the vault is locked',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('loading: a status that says so', () => {
    render(<AccountsState kind="loading" />);
    expect(screen.getByRole('status').textContent).toBe('Loading accounts…');
  });

  it('empty: says there are none and how to add the first, with nothing to press', () => {
    render(<AccountsState kind="empty" />);
    expect(screen.getByText('No accounts yet.')).toBeTruthy();
    expect(screen.getByText(/^Add your master account's private key/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
