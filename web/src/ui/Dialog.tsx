// The app's one modal: a bottom sheet over a backdrop. It moves the focus to its first control, keeps Tab
// and Shift+Tab inside, closes on Escape or a click on the backdrop, and gives the focus back to whatever
// had it before (the button that opened it) when it closes.
import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled])',
  'textarea:not([disabled])',
  'select:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Focus in on open, back to the opener on close; the returned key handler keeps Tab inside. */
function useModalFocus(box: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [box]);

  return (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || !box.current) return;
    const stops = Array.from(box.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (stops.length === 0) return;
    const [first, last] = [stops[0], stops[stops.length - 1]];
    const at = document.activeElement;
    if (e.shiftKey && (at === first || !box.current.contains(at))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !box.current.contains(at))) {
      e.preventDefault();
      first.focus();
    }
  };
}

export function Dialog({
  labelledBy,
  onClose,
  className = 'sheet',
  children,
}: {
  /** Id of the heading that names the dialog. */
  labelledBy: string;
  onClose(): void;
  className?: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const trapTab = useModalFocus(box);
  return (
    <div className="backdrop" onClick={onClose}>
      <div
        ref={box}
        className={className}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => (e.key === 'Escape' ? onClose() : trapTab(e))}
      >
        {children}
      </div>
    </div>
  );
}
