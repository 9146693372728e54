export * from './data-dir-lock';
export * from './first-start-files';
export * from './kafka-check';
export * from './port-check';
