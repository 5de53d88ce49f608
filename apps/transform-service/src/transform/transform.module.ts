import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TransformTriggersService } from './transform-triggers.service';
import { TransformController } from './transform.controller';
import { TransformRepository } from './transform.repository';
import { TransformService } from './transform.service';
import { TRANSFORM_OPTIONS, TransformOptions } from './transform.tokens';

/** Runs of the SQL models, their triggers and routes; SQL goes through the process's PG_POOL (DatabaseModule). */
@Module({})
export class TransformModule {
  static forRoot(options: TransformOptions): DynamicModule {
    return {
      module: TransformModule,
      imports: [ScheduleModule.forRoot()],
      controllers: [TransformController],
      providers: [{ provide: TRANSFORM_OPTIONS, useValue: options }, TransformRepository, TransformService, TransformTriggersService],
      exports: [TransformService, TransformTriggersService],
    };
  }
}
