import Ajv from 'ajv';
import { EVENT_SCHEMA_V1 } from './libs/domain/src/schema/event-schema-v1';
const ajv = new Ajv({ allErrors: true, discriminator: true, messages: false, strict: true, inlineRefs: false, loopEnum: 1000, code: { source: true } });
ajv.addFormat('date-time', { type: 'string', validate: () => true });
const v = ajv.compile(EVENT_SCHEMA_V1);
console.log(v.toString());
const m = ajv.getSchema('https://trm-monitor/schemas/event/v1.json#/$defs/measure.recorded');
console.log('\n\nMEASURE\n' + m!.toString());
