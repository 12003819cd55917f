// Parses a time budget such as "30m", "2h", "1h30m", "90s" or a plain number of seconds.

export function parseDuration(text: string): number {
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s) && Number(s) > 0) return Number(s); // "0" falls through and is refused
  const re = /(\d+(?:\.\d+)?)\s*(h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * { h: 3600, m: 60, s: 1 }[m[2] as 'h' | 'm' | 's'];
    matched = re.lastIndex;
  }
  if (matched !== s.length || matched === 0 || !(total > 0)) {
    throw new Error(`budget: cannot read '${text}' as a duration (examples: 30m, 2h, 1h30m, 900s)`);
  }
  return total;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(r).padStart(2, '0')}s`
      : `${r}s`;
}
