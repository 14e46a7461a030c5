/** A polite success message (announced by screen readers). */
export function Notice({ text }: { text: string | null }) {
  return (
    <p role="status" className={text ? 'rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900' : 'sr-only'}>
      {text ?? ''}
    </p>
  );
}

/** Asks before a destructive action; true when the user confirmed. */
export function confirmAction(message: string): boolean {
  return typeof window === 'undefined' ? true : window.confirm(message);
}
