// "Did you mean ...?": the candidates closest to a name that matched nothing (edit distance, case-insensitive).

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * Up to `max` candidates, nearest first: those containing the name or contained in it, and those within an edit
 * distance of a third of the name's length (at least 2).
 */
export function nearMatches(name: string, candidates: readonly string[], max = 5): string[] {
  const key = name.toLowerCase();
  const limit = Math.max(2, Math.floor(key.length / 3));
  return [...new Set(candidates)]
    .map((c) => {
      const low = c.toLowerCase();
      return { c, d: editDistance(key, low), contained: low.includes(key) || key.includes(low) };
    })
    .filter((x) => x.contained || x.d <= limit)
    .sort((x, y) => Number(y.contained) - Number(x.contained) || x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}
