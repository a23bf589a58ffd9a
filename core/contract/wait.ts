// How long to wait, worded the same by the API's 429/503 messages and the login page's countdown.

/** 130 → "2 min 10 s", 45 → "45 s", 900 → "15 min". */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : '', rest && !h ? `${rest} s` : ''];
  return parts.filter(Boolean).join(' ');
}
