// The runs this process has started and not yet finished, so that an error reaching the top of the command
// line (or an uncaught one) marks them failed with that error instead of leaving them `running`. Kept apart
// from the SQLite storage so that the CLI can load it before any command without loading a database driver.

type MarkFailed = (error: string) => unknown; // may return a promise (a networked backend)

const open = new Map<string, MarkFailed>(); // run id -> marks it failed

export function trackOpenRun(id: string, markFailed: MarkFailed): void {
  open.set(id, markFailed);
}

export function untrackRun(id: string): void {
  open.delete(id);
}

/** Marks every run this process left `running` as failed with `error`; never rejects (it runs on the way out). */
export async function failOpenRuns(error: string): Promise<string[]> {
  const runs = [...open];
  open.clear();
  const marked = await Promise.all(
    runs.map(async ([id, markFailed]) => {
      try {
        await markFailed(error);
        return id;
      } catch {
        // the database itself may be what failed: the run stays `running` until `runs` or `serve` finds its
        // process gone
        return null;
      }
    }),
  );
  return marked.filter((id): id is string => id !== null);
}
