-- The projector's checkpoint as stored: the last store position whose batch was written whole.
SELECT max(position) AS p FROM {db:Identifier}.projector_checkpoints_v1 WHERE projector = {projector:String}
