// One ASHA worker process (started by tuneStage through runWorkerPool): reads the job and the parent's
// exact splits, then claims and trains trials against the shared run database until none is left, the
// deadline passes or SIGINT arrives (then the trial in flight is left paused for a resume). Progress events
// go to stdout as JSON lines for the parent.
import { readFileSync } from 'node:fs';
import { SqliteStorage } from '../../storage/sqlite.js';
import { readDataset } from '../train/dataset-file.js';
import { ashaConfig, trialStarter, type TuneJob } from '../stages.js';
import { RandomSampler } from './sampler.js';
import { runAshaWorker } from './search.js';

const [jobFile] = process.argv.slice(2);
const {
  job,
  train: trainBase,
  val: valBase,
} = JSON.parse(readFileSync(jobFile, 'utf8')) as { job: TuneJob; train: string; val: string };
let stop = false;
process.on('SIGINT', () => (stop = true));
process.on('SIGTERM', () => (stop = true));
const shouldStop = (): boolean => stop || (job.deadlineAt !== null && Date.now() >= job.deadlineAt);
const storage = new SqliteStorage(job.dbFile!);
try {
  const outcome = await runAshaWorker({
    storage,
    runId: job.runId,
    scheduler: ashaConfig(job),
    sampler: new RandomSampler(job.samplerSeed),
    numSamples: job.settings.asha.numTrials,
    reporting: job.settings.reporting,
    startTrial: trialStarter(job, readDataset(trainBase), readDataset(valBase), shouldStop),
    shouldStop,
    onEvent: (e) => process.stdout.write(JSON.stringify(e) + '\n'),
  });
  for (const f of outcome.failures) process.stderr.write(`asha worker ${process.pid}: ${f}\n`);
} finally {
  storage.close();
}
