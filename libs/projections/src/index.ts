export * from './read-model.projection';
export * from './case-view.projection';
export * from './catalogue-rules';
export type { OpenedCase } from './case-facts';
export * from './batch-source';
export * from './projector.runner';
export * from './view-snapshots';
export * from './projection-error';
export * from './record-key';
