import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@rewind/db';

@Module({})
export class DatabaseModule {
  /** The shared TypeORM data source (entities of every schema, never synchronize). */
  static forRoot(options: { url: string; applicationName: string; poolSize?: number }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(options),
          // Fail fast at boot with a clear message instead of retrying for minutes.
          retryAttempts: 3,
          retryDelay: 1000,
        }),
      ],
    };
  }
}
