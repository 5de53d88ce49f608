import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController, READINESS_CHECKS } from './health.controller';

@Module({})
export class HealthModule {
  /** `/health/live` and `/health/ready` (database ping plus the given checks). */
  static forRoot(options: { imports?: DynamicModule['imports']; readinessChecks?: Provider } = {}): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: options.readinessChecks ? [options.readinessChecks] : [{ provide: READINESS_CHECKS, useValue: [] }],
    };
  }
}
