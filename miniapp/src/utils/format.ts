/** Shanghai has no daylight saving time, so a fixed offset formats correctly on every JS engine (no Intl needed). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function shanghaiParts(iso: string) {
  const date = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    day: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
    time: `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`,
  };
}

/** 2026-03-05 14:30 (Beijing time) */
export function formatDateTime(iso: string): string {
  const { day, time } = shanghaiParts(iso);
  return `${day} ${time}`;
}

/** 2026-03-05 (Beijing time) */
export function formatDay(iso: string): string {
  return shanghaiParts(iso).day;
}

/**
 * The address a picked map place fills in: its address, then its name where the address does not
 * already hold it (「上海市静安区愚园路210号（老弄堂面馆）」), cut to the field's length.
 */
export function placeAddress(place: { name: string; address: string }, maxLength: number): string {
  const name = place.name.trim();
  const address = place.address.trim();
  const text = !name || address.includes(name) ? address : address ? `${address}（${name}）` : name;
  return [...text].slice(0, maxLength).join('');
}
