-- Events retracted as of the knowledge time: a retraction counts from the moment it is recorded.
retracted AS (
    SELECT retracts_event_id AS event_id
    FROM {db:Identifier}.retractions_v1
    WHERE recorded_at <= {asOf:DateTime64(3, 'UTC')}
)
