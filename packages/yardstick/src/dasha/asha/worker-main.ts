// One ASHA worker process (started by tuneStage through runWorkerPool): opens the run database named by
// YARDSTICK_DB (set by the parent), reads the published job and its exact splits from the run's folder, then
// claims and trains trials until none is left open, the deadline passes or SIGINT arrives (then the trial in
// flight is left paused for a resume). Progress events go to stdout as JSON lines for the parent.
import { openAsyncStorage } from '../../storage/open.js';
import { runJobWorker } from '../stages.js';

const [runDir] = process.argv.slice(2);
let stop = false;
process.on('SIGINT', () => (stop = true));
process.on('SIGTERM', () => (stop = true));
const storage = await openAsyncStorage(process.env.YARDSTICK_DB, { mustExist: true });
try {
  const outcome = await runJobWorker({
    storage,
    runDir,
    shouldStop: () => stop,
    onEvent: (e) => process.stdout.write(JSON.stringify(e) + '\n'),
  });
  for (const f of outcome.failures) process.stderr.write(`asha worker ${process.pid}: ${f}\n`);
} finally {
  await storage.close();
}
