import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { messagesFor } from '../lib/i18n';

interface Common {
  label: string;
  /** The field name as the server reports it in a 422 (`email`, `shipping_address.region`). */
  name: string;
  error?: unknown;
  hint?: ReactNode;
  className?: string;
}

function useFieldIds(name: string, error: unknown, hint?: ReactNode) {
  const id = useId();
  const messages = messagesFor(error, name);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [messages.length ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return { id, messages, errorId, hintId, describedBy };
}

const inputClass =
  'mt-1 block w-full rounded-md border px-3 py-2 text-base shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-600 ';

function Messages({ id, hintId, messages, hint }: { id: string; hintId: string; messages: string[]; hint?: ReactNode }) {
  return (
    <>
      {hint && <p id={hintId} className="mt-1 text-sm text-slate-600">{hint}</p>}
      {messages.length > 0 && (
        <ul id={id} className="mt-1 text-sm text-red-700" data-field-error>
          {messages.map((m) => <li key={m}>{m}</li>)}
        </ul>
      )}
    </>
  );
}

type FieldIds = ReturnType<typeof useFieldIds>;

/** The attributes every control of a field shares: its id, name, error state and border. */
function controlProps(f: FieldIds, name: string, extraClass = '') {
  return {
    id: f.id,
    name,
    'aria-invalid': f.messages.length > 0 || undefined,
    'aria-describedby': f.describedBy,
    className: inputClass + extraClass + (f.messages.length ? 'border-red-600' : 'border-slate-300'),
  };
}

/** The label above a control and the hint and server errors beneath it. */
function FieldShell({ f, label, hint, className, children }: { f: FieldIds; label: string; hint?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={f.id} className="block text-sm font-medium text-slate-800">{label}</label>
      {children}
      <Messages id={f.errorId} hintId={f.hintId} messages={f.messages} hint={hint} />
    </div>
  );
}

/** A labelled input that shows the server's errors for its field beneath it. */
export function TextField({ label, name, error, hint, className, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const f = useFieldIds(name, error, hint);
  return (
    <FieldShell f={f} label={label} hint={hint} className={className}>
      <input {...controlProps(f, name)} {...rest} />
    </FieldShell>
  );
}

export function SelectField({ label, name, error, hint, className, children, ...rest }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const f = useFieldIds(name, error, hint);
  return (
    <FieldShell f={f} label={label} hint={hint} className={className}>
      <select {...controlProps(f, name, 'bg-white ')} {...rest}>
        {children}
      </select>
    </FieldShell>
  );
}

export function TextAreaField({ label, name, error, hint, className, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const f = useFieldIds(name, error, hint);
  return (
    <FieldShell f={f} label={label} hint={hint} className={className}>
      <textarea {...controlProps(f, name)} {...rest} />
    </FieldShell>
  );
}
