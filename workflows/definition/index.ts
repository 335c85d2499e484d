export * from './steps';
export * from './deadlines';
