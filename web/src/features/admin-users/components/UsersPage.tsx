import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useUsers, type AdminUser } from '../api/list-users';
import { useUpdateUser } from '../api/update-user';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { Pagination } from '../../../components/Pagination';
import { AdminTable, Td } from '../../../components/admin/AdminTable';
import { Notice, confirmAction } from '../../../components/admin/Notice';
import { hasRole, type Role } from '../../../lib/session';
import { useSession } from '../../../lib/use-session';
import { formatDate } from '../../../lib/format';
import { translate } from '../../../lib/i18n';

const ROLES: Role[] = ['customer', 'manager', 'admin', 'super_admin'];

function RoleCell({ user, me, onChange, pending }: { user: AdminUser; me: { id: number; role: Role }; onChange: (r: Role) => void; pending: boolean }) {
  const [role, setRole] = useState<Role>(user.role);
  const superAdmin = me.role === 'super_admin';
  // Only a super_admin manages admin accounts or grants admin roles; nobody changes themselves.
  const editable = user.id !== me.id && (superAdmin || !hasRole(user.role, 'admin'));
  const choices = ROLES.filter((r) => superAdmin || !hasRole(r, 'admin'));
  if (!editable) return <span>{translate(`role.${user.role}`)}{user.id === me.id ? ` ${translate('users.you')}` : ''}</span>;
  return (
    <form className="flex items-center gap-1" onSubmit={(e: FormEvent) => { e.preventDefault(); onChange(role); }}>
      <label className="sr-only" htmlFor={`role-${user.id}`}>{translate('users.changeRole', { email: user.email })}</label>
      <select id={`role-${user.id}`} value={role} onChange={(e) => setRole(e.target.value as Role)} className="rounded border border-slate-300 px-2 py-1">
        {choices.map((r) => <option key={r} value={r}>{translate(`role.${r}`)}</option>)}
      </select>
      <Button type="submit" variant="secondary" className="px-2 py-1" disabled={pending || role === user.role} aria-label={`${translate('common.save')} ${user.email}`}>{translate('common.save')}</Button>
    </form>
  );
}

export default function UsersPage() {
  const s = useSession();
  const [params, setParams] = useSearchParams();
  const filter = { search: params.get('search') ?? '', role: params.get('role') ?? '', active: params.get('active') ?? '' };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(filter);
  const [notice, setNotice] = useState<string | null>(null);
  const users = useUsers({ ...filter, page });
  const update = useUpdateUser();
  const me = { id: s?.user.id ?? 0, role: s?.user.role ?? 'admin' as Role };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    Object.entries(draft).forEach(([k, v]) => { if (v) p.set(k, v); });
    setParams(p);
  };
  const change = (u: AdminUser, body: { role?: Role; is_active?: boolean }) =>
    update.mutate({ id: u.id, body }, { onSuccess: (r) => setNotice(`${r.email}: ${translate(`role.${r.role}`)} · ${r.is_active ? translate('common.active') : translate('common.inactive')}`) });
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{translate('admin.users')}</h1>
      <form role="search" onSubmit={apply} className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-4">
        <div>
          <label htmlFor="user-search" className="block text-sm font-medium">{translate('common.search')}</label>
          <input id="user-search" type="search" value={draft.search} onChange={(e) => setDraft({ ...draft, search: e.target.value })} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5" />
        </div>
        <div>
          <label htmlFor="user-role" className="block text-sm font-medium">{translate('users.role')}</label>
          <select id="user-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })} className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5">
            <option value="">{translate('users.allRoles')}</option>
            {ROLES.map((r) => <option key={r} value={r}>{translate(`role.${r}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="user-active" className="block text-sm font-medium">{translate('common.status')}</label>
          <select id="user-active" value={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.value })} className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5">
            <option value="">{translate('common.all')}</option>
            <option value="true">{translate('common.active')}</option>
            <option value="false">{translate('common.inactive')}</option>
          </select>
        </div>
        <div className="flex items-end"><Button type="submit">{translate('common.filter')}</Button></div>
      </form>
      <Notice text={notice} />
      <FormError error={update.error} />
      <AdminTable caption={translate('admin.users')} query={{ ...users, data: users.data?.data }} testId="users-table"
        head={[translate('common.name'), translate('users.email'), translate('users.role'), translate('common.status'), translate('common.date'), translate('common.actions')]}
        row={(u) => (
          <tr key={u.id}>
            <Td>{u.name}</Td><Td>{u.email}{u.email_verified ? '' : ' ⚠'}</Td>
            <Td><RoleCell key={u.role} user={u} me={me} pending={update.isPending} onChange={(role) => change(u, { role })} /></Td>
            <Td>{u.is_active ? translate('common.active') : translate('common.inactive')}</Td><Td>{formatDate(u.created_at)}</Td>
            <Td>
              {u.id !== me.id && (me.role === 'super_admin' || !hasRole(u.role, 'admin')) && (
                u.is_active
                  ? <Button variant="link" disabled={update.isPending} aria-label={`${translate('users.deactivate')} ${u.email}`}
                      onClick={() => confirmAction(translate('users.confirmDeactivate', { email: u.email })) && change(u, { is_active: false })}>{translate('users.deactivate')}</Button>
                  : <Button variant="link" disabled={update.isPending} aria-label={`${translate('users.activate')} ${u.email}`} onClick={() => change(u, { is_active: true })}>{translate('users.activate')}</Button>
              )}
            </Td>
          </tr>
        )} />
      {users.data && <Pagination page={page} pages={users.data.pagination.pages} onPage={(n) => { const p = new URLSearchParams(params); p.set('page', String(n)); setParams(p); }} />}
    </section>
  );
}
