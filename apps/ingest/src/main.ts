import 'reflect-metadata';
import { IngestModule } from '@trm/ingest';
import { OperationsModule, serve } from '@trm/operations';

/** Production: HTTP and Kafka ingest only (projector and analytics run as their own apps). */
void serve('trm-ingest', ['ingest'], [IngestModule, OperationsModule]);
