// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Dialog } from './Dialog';

afterEach(cleanup);

function Opener({ onClose = () => undefined }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  const close = () => {
    onClose();
    setOpen(false);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && (
        <Dialog labelledBy="t" onClose={close}>
          <h2 id="t">Sure?</h2>
          <button type="button">Yes</button>
          <button type="button" disabled>
            Maybe
          </button>
          <button type="button" onClick={close}>
            No
          </button>
        </Dialog>
      )}
    </>
  );
}

const focusedName = () => document.activeElement?.textContent?.trim();

describe('Dialog', () => {
  it('takes the focus, keeps Tab inside (skipping disabled controls) and gives the focus back on close', () => {
    render(<Opener />);
    const open = screen.getByRole('button', { name: 'Open' });
    open.focus();
    fireEvent.click(open);
    const dialog = screen.getByRole('dialog', { name: 'Sure?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(focusedName()).toBe('Yes');

    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(focusedName()).toBe('No'); // wraps backwards to the last control
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(focusedName()).toBe('Yes'); // and forwards to the first

    fireEvent.click(screen.getByRole('button', { name: 'No' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it('closes on Escape and on a click on the backdrop, not on a click inside', () => {
    const onClose = vi.fn();
    render(<Opener onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    fireEvent.click(screen.getByRole('heading', { name: 'Sure?' }));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    fireEvent.click(screen.getByRole('dialog').parentElement!);
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
