import { useSyncExternalStore } from 'react';

let open = false;
const listeners = new Set<() => void>();

export function setCartDrawerOpen(value: boolean) {
  open = value;
  listeners.forEach((l) => l());
}

export function useCartDrawerOpen(): boolean {
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => open, () => false);
}
