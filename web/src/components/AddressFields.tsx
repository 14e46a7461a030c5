import { REGIONS, findRegion } from '../config/regions';
import type { Address } from '../lib/types';
import { translate } from '../lib/i18n';
import { SelectField, TextField } from './Field';

export type AddressDraft = Required<Pick<Address, 'street' | 'number' | 'comuna' | 'city' | 'region'>> & {
  label: string;
  recipient_name: string;
  apartment: string;
  postal_code: string;
  phone: string;
};

export const emptyAddress: AddressDraft = {
  label: '', recipient_name: '', street: '', number: '', apartment: '', comuna: '', city: '', region: '', postal_code: '', phone: '',
};

/** The draft as the API wants it: blanks as null, region as its ISO code. */
export function toAddressBody(d: AddressDraft): Address {
  const blank = (v: string) => (v.trim() ? v.trim() : null);
  return {
    label: blank(d.label), recipient_name: blank(d.recipient_name), street: d.street.trim(), number: d.number.trim(),
    apartment: blank(d.apartment), comuna: d.comuna.trim(), city: d.city.trim(), region: d.region,
    postal_code: blank(d.postal_code), phone: blank(d.phone), country: 'CL',
  };
}

export function fromAddress(a: Address): AddressDraft {
  return {
    label: a.label ?? '', recipient_name: a.recipient_name ?? '', street: a.street, number: a.number, apartment: a.apartment ?? '',
    comuna: a.comuna, city: a.city, region: findRegion(a.region)?.code ?? a.region, postal_code: a.postal_code ?? '', phone: a.phone ?? '',
  };
}

/**
 * The fields of a Chilean address: region, then the comunas of that region.
 * `prefix` names the fields as the server reports them (`shipping_address.` at checkout).
 */
export function AddressFields({ value, onChange, error, prefix = '' }: {
  value: AddressDraft; onChange: (v: AddressDraft) => void; error?: unknown; prefix?: string;
}) {
  const region = findRegion(value.region);
  const set = (k: keyof AddressDraft) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField label={translate('address.label')} name={`${prefix}label`} value={value.label} onChange={set('label')} error={error} />
      <TextField label={translate('address.recipient')} name={`${prefix}recipient_name`} autoComplete="name" value={value.recipient_name} onChange={set('recipient_name')} error={error} />
      <TextField label={translate('address.street')} name={`${prefix}street`} autoComplete="address-line1" value={value.street} onChange={set('street')} error={error} className="sm:col-span-2" />
      <TextField label={translate('address.number')} name={`${prefix}number`} value={value.number} onChange={set('number')} error={error} />
      <TextField label={translate('address.apartment')} name={`${prefix}apartment`} autoComplete="address-line2" value={value.apartment} onChange={set('apartment')} error={error} />
      <SelectField label={translate('address.region')} name={`${prefix}region`} value={region?.code ?? value.region} error={error}
        onChange={(e) => onChange({ ...value, region: e.target.value, comuna: '', city: '' })}>
        <option value="">{translate('address.chooseRegion')}</option>
        {REGIONS.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
      </SelectField>
      <SelectField label={translate('address.comuna')} name={`${prefix}comuna`} value={value.comuna} error={error} disabled={!region}
        onChange={(e) => onChange({ ...value, comuna: e.target.value, city: value.city || (region?.code === 'CL-RM' ? 'Santiago' : e.target.value) })}>
        <option value="">{translate('address.chooseComuna')}</option>
        {region?.comunas.map((c) => <option key={c} value={c}>{c}</option>)}
        {value.comuna && region && !region.comunas.includes(value.comuna) && <option value={value.comuna}>{value.comuna}</option>}
      </SelectField>
      <TextField label={translate('address.city')} name={`${prefix}city`} autoComplete="address-level2" value={value.city} onChange={set('city')} error={error} />
      <TextField label={translate('address.postal')} name={`${prefix}postal_code`} autoComplete="postal-code" inputMode="numeric" value={value.postal_code} onChange={set('postal_code')} error={error} />
      <TextField label={translate('address.phone')} name={`${prefix}phone`} type="tel" autoComplete="tel" value={value.phone} onChange={set('phone')} error={error} />
    </div>
  );
}
