// What a task is: data, shape, metric, and how its splits may be used.
import type { LoadOptions, TaskData } from '../data/types.js';
import type { MetricName } from '../metrics/index.js';

export type Modality = 'dna' | 'image' | 'segmentation' | 'multilabel';

/**
 * - `benchmark`: official or recorded fixed splits; scores may be compared with published numbers (with the
 *   caveats in splitNote).
 * - `scoring-only`: no training split (the train Dataset is empty): only to score a model trained elsewhere.
 * - `format-test`: loader and pipeline tests only; never report its scores.
 */
export type TaskUsage = 'benchmark' | 'scoring-only' | 'format-test';

/** Where a built-in task's data comes from and whether it is in the data directory. */
export interface TaskSource {
  /** The benchmark and origin, in words. */
  origin: string;
  /** The command that fetches it. */
  download: string;
  /** The file or folder the data is read from, when present (else null). */
  locate(dataDir: string): string | null;
  /** Where it is expected (relative to the data directory), for messages. */
  expected: string;
}

export interface TaskSpec {
  id: string;
  modality: Modality;
  metric: MetricName;
  numClasses: number;
  /** One sample's input shape: [C, L] for sequences, [C, H, W] for images. */
  inputShape: number[];
  usage: TaskUsage;
  /** Where the splits come from and how they may be used. */
  splitNote: string;
  /** Built-in tasks: where the data comes from (task files read the paths they name). */
  source?: TaskSource;
  load(dataDir: string, opts?: LoadOptions): Promise<TaskData>;
}
