// A scikit-learn-like face on Auto-AR: configure, fit on a task's training (and validation) rows, predict.
import { applyForecaster, recursiveForecaster } from './linear-forecaster.js';
import { fitAutoAr, runAutoAR, type AutoArOptions, type AutoArResult, type FittedAutoAr } from './run.js';
import type { LtsfTask } from '../data/ltsf/index.js';

export class AutoAR {
  readonly options: AutoArOptions & { horizon: number };
  fitted?: FittedAutoAr;
  private task?: LtsfTask;

  constructor(options: AutoArOptions & { horizon: number }) {
    this.options = options;
  }

  /** Chooses d, the lookback (and in default mode ridge and strategy) and fits the coefficients. */
  fit(task: LtsfTask): this {
    this.fitted = fitAutoAr(task, this.options.horizon, this.options);
    this.task = task;
    return this;
  }

  /**
   * Forecasts the `horizon` (default: the fitted one) steps after `window`, one array per channel in the task's
   * original units, holding at least the last lookback + d observations of that channel.
   */
  predict(window: readonly ArrayLike<number>[], horizon = this.options.horizon): Float64Array[] {
    const { fitted, task } = this;
    if (!fitted || !task) throw new Error('AutoAR.predict: call fit() first');
    if (window.length !== task.channels.length) {
      throw new Error(`AutoAR.predict: expected ${task.channels.length} channels, got ${window.length}`);
    }
    let forecasters = fitted.forecasters;
    if (horizon !== fitted.horizon) {
      if (fitted.ar) {
        const f = recursiveForecaster(fitted.ar.coefficients, fitted.ar.intercept, fitted.d, horizon);
        forecasters = forecasters.map(() => f);
      } else if (horizon > fitted.horizon) {
        throw new Error(
          `AutoAR.predict: a direct model fitted for ${fitted.horizon} steps cannot forecast ${horizon}`,
        );
      }
    }
    return window.map((values, c) => {
      const f = forecasters[c];
      if (values.length < f.inputs) {
        throw new Error(
          `AutoAR.predict: channel ${task.channels[c]} has ${values.length} values, the model reads ${f.inputs}`,
        );
      }
      const { mean, std } = task.scaler;
      const inputs = Float64Array.from(
        { length: f.inputs },
        (_, m) => (values[values.length - 1 - m] - mean[c]) / std[c],
      );
      return applyForecaster(f, inputs)
        .subarray(0, horizon)
        .map((v) => v * std[c] + mean[c]);
    });
  }

  /** Fit and test in one go (the CLI's path). */
  static run(task: LtsfTask, horizon: number, options: AutoArOptions = {}): AutoArResult {
    return runAutoAR(task, horizon, options);
  }
}
