import { getDistrict } from '../api/client';
import { useRemote } from './useRemote';

/** The district's streets and time limits (fetched once per launch). */
export function useDistrict() {
  return useRemote(getDistrict).data;
}

export function streetNameOf(district: ReturnType<typeof useDistrict>, streetCode: string): string {
  return district?.streets.find((street) => street.code === streetCode)?.name ?? streetCode;
}
