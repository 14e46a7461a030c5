import { useSyncExternalStore } from 'react';
import { session, type Session } from './session';

/** The current session, re-rendering on sign-in and sign-out (also from other tabs). */
export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get, () => null);
}
