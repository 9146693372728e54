import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventsController } from './http/events.controller';

/**
 * HTTP ingest. Its command handler (RecordEventsHandler) is the runtime's single instance, which
 * the Kafka channel uses too: RuntimeModule provides it, and the command bus finds it there.
 */
@Module({
  imports: [CqrsModule],
  controllers: [EventsController],
})
export class IngestModule {}
