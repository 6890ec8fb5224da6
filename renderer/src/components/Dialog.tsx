/** A modal built on the native <dialog>: focus trap, Escape and the top layer come from the browser. */
import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { ReactNode } from 'react';
import { CloseIcon } from './Icons';

let openDialogs = 0;

// showModal() already makes the page inert; aria-hidden says so to every accessibility tree (and to tests
// that select by role), so "Add endpoint" in the page and in the dialog never compete.
function hideApp(delta: number): void {
  openDialogs = Math.max(0, openDialogs + delta);
  const root = document.getElementById('root');
  if (!root) return;
  if (openDialogs > 0) root.setAttribute('aria-hidden', 'true');
  else root.removeAttribute('aria-hidden');
}

/** Shows a modal while mounted; `onClose` runs on Escape, the close button or a backdrop click. */
export function Dialog({
  title,
  description,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    hideApp(+1);
    const onCancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      hideApp(-1);
      // Return focus where it was, as a keyboard user expects.
      opener?.focus?.();
    };
  }, []);

  return createPortal(
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onMouseDown={(e) => {
        if (e.target === ref.current) closeRef.current();
      }}
    >
      <div className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button type="button" className="icon-btn" aria-label="Close" onClick={() => closeRef.current()}>
          <CloseIcon />
        </button>
      </div>
      {description && (
        <div id={descId} className="dialog-description">
          {description}
        </div>
      )}
      <div className="dialog-body">{children}</div>
    </dialog>,
    document.body,
  );
}
