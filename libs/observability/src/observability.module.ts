import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { LoggingOptions, loggerParams } from './logging';
import { HttpMetricsMiddleware, MetricsController, setMetricsDefaultLabels } from './metrics';

/** Logs with request ids and redaction, plus Prometheus metrics at /metrics. */
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    setMetricsDefaultLabels({ service: options.service });
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(loggerParams(options))],
      controllers: [MetricsController],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
