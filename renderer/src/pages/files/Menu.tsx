/**
 * A small accessible menu (WAI-ARIA menu pattern): arrow keys, Home/End and first letters move, Enter or Space
 * chooses, Escape or Tab closes, a click outside closes. Checkbox items stay open so several can be toggled.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent, ReactNode, RefObject } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  /** Makes it a checkbox item (`menuitemcheckbox`). */
  checked?: boolean;
  disabled?: boolean;
  onSelect(): void;
}

/** The open menu; focus moves into it and `onClose` is asked for by Escape, Tab, a choice or a click outside. */
export function MenuList({
  id,
  label,
  items,
  onClose,
  within,
  style,
  className = '',
}: {
  id?: string;
  label: string;
  items: MenuItem[];
  onClose: () => void;
  /** Clicks inside this element (e.g. the menu's own button) do not count as outside. */
  within?: RefObject<HTMLElement | null>;
  style?: CSSProperties;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (ref.current?.contains(target) || within?.current?.contains(target)) return;
      closeRef.current();
    };
    document.addEventListener('pointerdown', onPointer, true);
    return () => document.removeEventListener('pointerdown', onPointer, true);
    // Mounted once per opening: the outside-click rule is fixed for its life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function move(e: KeyboardEvent<HTMLDivElement>) {
    const entries = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => entries[(i + entries.length) % entries.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(entries.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.stopPropagation();
      closeRef.current();
      if (e.key === 'Tab') return;
    } else if (e.key.length === 1 && /\S/.test(e.key)) {
      const letter = e.key.toLowerCase();
      const next = [...entries.slice(at + 1), ...entries.slice(0, at + 1)].find((el) =>
        el.textContent?.trim().toLowerCase().startsWith(letter),
      );
      next?.focus();
    } else return;
    e.preventDefault();
  }

  return (
    <div
      ref={ref}
      id={id}
      role="menu"
      aria-label={label}
      className={`menu ${className}`}
      style={style}
      onKeyDown={move}
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
          aria-checked={item.checked}
          aria-disabled={item.disabled || undefined}
          tabIndex={-1}
          className="menu-item"
          onClick={() => {
            if (item.disabled) return;
            item.onSelect();
            if (item.checked === undefined) closeRef.current();
          }}
        >
          {item.checked !== undefined && (
            <span className="menu-check" aria-hidden="true">
              {item.checked ? '✓' : ''}
            </span>
          )}
          {item.label}
        </button>
      ))}
    </div>
  );
}

/** A button that opens a menu below it; focus returns to the button when the menu closes. */
export function MenuButton({
  label,
  icon,
  menuLabel,
  items,
}: {
  label: string;
  icon?: ReactNode;
  menuLabel: string;
  items: MenuItem[];
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const anchor = useRef<HTMLDivElement>(null);
  const id = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div ref={anchor} className="menu-anchor">
      <button
        ref={button}
        type="button"
        className="btn btn-toolbar"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {icon}
        {label}
      </button>
      {open && (
        <MenuList id={id} label={menuLabel} items={items} onClose={close} within={anchor} className="menu-dropdown" />
      )}
    </div>
  );
}
