/**
 * Global keyboard shortcuts: Alt/Ctrl/Cmd+1..n switch pages in sidebar order; `/` and Ctrl/Cmd+F focus the file
 * search; Ctrl/Cmd+Shift+S syncs every endpoint (as "Sync all").
 */
import { useEffect } from 'react';
import { pageOrder, useAppStore } from '../store/app';
import { useEndpointsStore } from '../store/endpoints';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Installs the shortcuts on window for the component's lifetime. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A modal dialog owns the keyboard.
      if (document.querySelector('dialog[open]')) return;
      const mod = e.ctrlKey || e.metaKey;
      if ((e.altKey || mod) && !e.shiftKey && /^Digit[1-9]$/.test(e.code)) {
        const page = pageOrder[Number(e.code.slice(5)) - 1];
        if (page) {
          e.preventDefault();
          useAppStore.getState().setPage(page);
        }
        return;
      }
      if (mod && e.shiftKey && !e.altKey && e.code === 'KeyS') {
        e.preventDefault();
        // A refusal shows on the endpoints' cards, where the store puts it.
        useEndpointsStore
          .getState()
          .sync()
          .catch(() => undefined);
        return;
      }
      if (
        (mod && !e.altKey && e.key.toLowerCase() === 'f') ||
        (e.key === '/' && !mod && !e.altKey && !isTyping(e.target))
      ) {
        e.preventDefault();
        useAppStore.getState().focusSearch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
