// The runs this process has started and not yet finished, so that an error reaching the top of the command
// line (or an uncaught one) marks them failed with that error instead of leaving them `running`. Kept apart
// from the SQLite storage so that the CLI can load it before any command without loading a database driver.

const open = new Map<string, (error: string) => void>(); // run id -> marks it failed

export function trackOpenRun(id: string, markFailed: (error: string) => void): void {
  open.set(id, markFailed);
}

export function untrackRun(id: string): void {
  open.delete(id);
}

/** Marks every run this process left `running` as failed with `error`; never throws (it runs on the way out). */
export function failOpenRuns(error: string): string[] {
  const failed: string[] = [];
  for (const [id, markFailed] of [...open]) {
    open.delete(id);
    try {
      markFailed(error);
      failed.push(id);
    } catch {
      // the database itself may be what failed: the run stays `running` until `runs` or `serve` finds its process gone
    }
  }
  return failed;
}
