export * from './steps';
export * from './calendar';
export * from './sla-policy';
export * from './deadline';
export * from './process';
export * from './actions';
export * from './clocks';
export * from './office-clock';
