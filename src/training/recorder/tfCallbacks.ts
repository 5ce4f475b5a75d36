/**
 * Turns every kind of callback a user may pass to `fit` into instances of the running tfjs's own
 * callback class, so one list goes to tfjs: Fitlab's callbacks, plain `{onEpochEnd(){...}}` objects
 * (tfjs's CustomCallbackArgs) and tfjs callback instances (kept as they are, e.g.
 * `tf.callbacks.earlyStopping`). Hooks see numeric logs: scalars are resolved in place the way
 * tfjs's own CustomCallback does (read, replaced by numbers, tensors disposed).
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { Logs } from '../callbacks/callback';

type Tf = typeof tfNamespace;
type UnresolvedLogs = Record<string, number | tfNamespace.Tensor>;

/** Any subset of the tfjs callback hooks, with numeric logs. */
export interface Hooks {
  setModel?(model: tfNamespace.LayersModel): void;
  setParams?(params: Record<string, unknown>): void;
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
}

export async function resolveLogs(tf: Tf, logs: UnresolvedLogs | undefined): Promise<Logs | undefined> {
  if (!logs) return undefined;
  const tensors = Object.entries(logs).filter((entry): entry is [string, tfNamespace.Tensor] => entry[1] instanceof tf.Tensor);
  const values = await Promise.all(tensors.map(([, t]) => t.data()));
  tensors.forEach(([key, t], i) => {
    logs[key] = values[i][0];
    t.dispose();
  });
  return logs as Logs;
}

export type TfCallback = tfNamespace.Callback | tfNamespace.CustomCallback;

/** Builds the adapter class over the given tfjs (its `Callback` base is what tfjs's fit accepts). */
export function hookAdapter(tf: Tf): new (hooks: Hooks) => tfNamespace.Callback {
  return class HookAdapter extends tf.Callback {
    constructor(private readonly hooks: Hooks) {
      super();
    }
    override setModel(model: tfNamespace.LayersModel): void {
      super.setModel(model);
      this.hooks.setModel?.(model);
    }
    override setParams(params: Record<string, unknown>): void {
      super.setParams(params as Parameters<tfNamespace.Callback['setParams']>[0]);
      this.hooks.setParams?.(params);
    }
    override async onTrainBegin(logs?: UnresolvedLogs): Promise<void> {
      await this.hooks.onTrainBegin?.(await resolveLogs(tf, logs));
    }
    override async onTrainEnd(logs?: UnresolvedLogs): Promise<void> {
      await this.hooks.onTrainEnd?.(await resolveLogs(tf, logs));
    }
    override async onEpochBegin(epoch: number, logs?: UnresolvedLogs): Promise<void> {
      await this.hooks.onEpochBegin?.(epoch, await resolveLogs(tf, logs));
    }
    override async onEpochEnd(epoch: number, logs?: UnresolvedLogs): Promise<void> {
      await this.hooks.onEpochEnd?.(epoch, await resolveLogs(tf, logs));
    }
    override async onBatchBegin(batch: number, logs?: UnresolvedLogs): Promise<void> {
      await this.hooks.onBatchBegin?.(batch, await resolveLogs(tf, logs));
    }
    override async onBatchEnd(batch: number, logs?: UnresolvedLogs): Promise<void> {
      await this.hooks.onBatchEnd?.(batch, await resolveLogs(tf, logs));
    }
  };
}

/** The user's `callbacks` option, whatever its form, as a list of tfjs callback instances. */
export function toTfCallbacks(tf: Tf, callbacks: unknown): TfCallback[] {
  if (callbacks == null) return [];
  const list = Array.isArray(callbacks) ? callbacks : [callbacks];
  const Adapter = hookAdapter(tf);
  return list.map((cb: unknown, i) => {
    if (cb instanceof tf.Callback || cb instanceof tf.CustomCallback) return cb;
    if (cb === null || typeof cb !== 'object') throw new TypeError(`fit: callbacks[${i}] must be a callback object, got ${cb === null ? 'null' : typeof cb}`);
    return new Adapter(cb as Hooks);
  });
}
