export { exponentialDecay, type ExponentialDecayOptions } from './exponentialDecay';
export { piecewiseConstant, type PiecewiseConstantOptions } from './piecewiseConstant';
export { cosineDecay, type CosineDecayOptions } from './cosineDecay';
export { isSchedule, type LearningRateSchedule } from './schedule';
