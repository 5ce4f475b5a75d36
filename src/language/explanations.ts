/**
 * Plain-language hovers for the regularization and learning-rate vocabulary (issue 7): what the
 * name does to training, in two lines, the second the Keras call that does the same — so someone
 * coming from Keras recognises it and someone new learns why it helps against overfitting.
 */

export interface Explanation {
  /** What it does and why it helps (one line). */
  what: string;
  /** The equivalent Keras call (one line). */
  keras: string;
}

const EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  kernelRegularizer: {
    what: 'adds a weight penalty to the loss (L2: λ·Σw²), pulling the layer\'s weights toward zero so it cannot memorise noise.',
    keras: 'Dense(16, kernel_regularizer=regularizers.l2(0.001))',
  },
  biasRegularizer: {
    what: 'adds a penalty on the layer\'s biases to the loss; rarely needed — regularise the kernel first.',
    keras: 'Dense(16, bias_regularizer=regularizers.l2(1e-4))',
  },
  activityRegularizer: {
    what: 'adds a penalty on the layer\'s outputs to the loss, encouraging small or sparse activations.',
    keras: 'Dense(16, activity_regularizer=regularizers.l1(1e-5))',
  },
  l2: {
    what: 'regulariser adding l2·Σw² to the loss: large weights cost more, so the model prefers smoother fits.',
    keras: 'regularizers.l2(0.001)',
  },
  l1: {
    what: 'regulariser adding l1·Σ|w| to the loss: pushes unimportant weights to exactly zero (sparse weights).',
    keras: 'regularizers.l1(0.001)',
  },
  l1l2: {
    what: 'regulariser adding both l1·Σ|w| and l2·Σw² to the loss (elastic net).',
    keras: 'regularizers.l1_l2(l1=1e-5, l2=1e-4)',
  },
  dropout: {
    what: 'during training only, zeroes a random fraction `rate` of the inputs (scaling the rest up), so units cannot co-adapt; off at inference.',
    keras: 'layers.Dropout(0.5)',
  },
  batchNormalization: {
    what: 'normalises each batch\'s activations to zero mean and unit variance, then learns a scale and shift; steadies training and regularises mildly.',
    keras: 'layers.BatchNormalization()',
  },
  gaussianNoise: {
    what: 'during training only, adds zero-mean Gaussian noise to the inputs — a data-augmentation style regulariser.',
    keras: 'layers.GaussianNoise(0.1)',
  },
  earlyStopping: {
    what: 'stops training once the monitored metric (val_loss) has not improved for `patience` epochs, before the model starts to overfit.',
    keras: 'callbacks.EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)',
  },
  reduceLROnPlateau: {
    what: 'multiplies the learning rate by `factor` when the monitored metric (val_loss) stops improving for `patience` epochs.',
    keras: 'callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=5, min_lr=1e-5)',
  },
  exponentialDecay: {
    what: 'learning-rate schedule lr = initial · decayRate^(step / decaySteps): big steps early, finer steps as training settles.',
    keras: 'optimizers.schedules.ExponentialDecay(initial_learning_rate=0.01, decay_steps=1000, decay_rate=0.96)',
  },
  validationSplit: {
    what: 'holds out the last fraction of the training data to compute val_loss each epoch — the curve that shows overfitting.',
    keras: 'model.fit(x, y, validation_split=0.2)',
  },
};

/** The explanation for an identifier, if it is one of the explained names. */
export function explain(name: string): Explanation | undefined {
  return Object.prototype.hasOwnProperty.call(EXPLANATIONS, name) ? EXPLANATIONS[name] : undefined;
}

/** The two lines shown in a hover. */
export function explanationText(name: string, explanation: Explanation): string {
  return `${name}: ${explanation.what}\nKeras: ${explanation.keras}`;
}
