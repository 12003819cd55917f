// Graceful stop for long commands (dasha, run, worker): the first SIGINT or SIGTERM asks the work to stop at its
// next safe point and says what will happen; a second quits at once (exit 130, as a shell's Ctrl-C would).
export interface StopRequest {
  /** True once a signal has asked the work to stop. */
  readonly requested: boolean;
  /** Removes the handlers (the command is done). */
  release(): void;
}

export function stopOnSignal(message: string): StopRequest {
  let requested = false;
  const onSignal = (): void => {
    if (requested) process.exit(130);
    requested = true;
    process.stderr.write(`\n${message}\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get requested() {
      return requested;
    },
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
