import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller';

/** The catalogue API. Its CatalogueRegistry is the runtime's single instance (RuntimeModule provides it). */
@Module({
  controllers: [CatalogueController],
})
export class CatalogueModule {}
