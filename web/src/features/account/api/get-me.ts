import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { accountKeys } from './query-keys';

export interface Profile {
  id: number;
  email: string;
  name: string;
  phone: string | null;
  role: string;
  email_verified: boolean;
  created_at: string;
}

export function getMe(): Promise<Profile> {
  return apiRequest('/me');
}

export function useMe() {
  return useQuery({ queryKey: accountKeys.me, queryFn: getMe });
}
