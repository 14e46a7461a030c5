import { translate, type MessageKey } from '../../../lib/i18n';

/** Placeholder for an admin section that is not built yet. */
export default function ComingSoon({ title }: { title: MessageKey }) {
  return (
    <section>
      <h1 className="text-2xl font-bold">{translate(title)}</h1>
      <p className="mt-4 rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-600">{translate('common.comingSoon')}</p>
    </section>
  );
}
