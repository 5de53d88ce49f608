import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { createPgPool } from '@rewind/service-kit';
import { Pool } from 'pg';
import { TransformTriggersService } from './transform-triggers.service';
import { TransformController } from './transform.controller';
import { TransformRepository } from './transform.repository';
import { TransformService } from './transform.service';
import { TRANSFORM_OPTIONS, TRANSFORM_POOL, TransformOptions } from './transform.tokens';

@Module({})
export class TransformModule implements OnApplicationShutdown {
  constructor(@Inject(TRANSFORM_POOL) private readonly pool: Pool) {}

  static forRoot(options: TransformOptions & { databaseUrl: string }): DynamicModule {
    const { databaseUrl, ...rest } = options;
    return {
      module: TransformModule,
      imports: [ScheduleModule.forRoot()],
      controllers: [TransformController],
      providers: [
        {
          provide: TRANSFORM_POOL,
          useFactory: () => createPgPool({ connectionString: databaseUrl, max: 4, application_name: 'transform-service' }),
        },
        { provide: TRANSFORM_OPTIONS, useValue: rest },
        TransformRepository,
        TransformService,
        TransformTriggersService,
      ],
      exports: [TransformService, TransformTriggersService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
