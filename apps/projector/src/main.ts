import 'reflect-metadata';
import { OperationsModule, serve } from '@trm/operations';

/** Production: follows the event store into the warehouse; serves /health and /metrics only. */
void serve('trm-projector', ['projector'], [OperationsModule]);
