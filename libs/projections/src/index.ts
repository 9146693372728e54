export * from './read-model.projection';
export * from './projector.runner';
