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
