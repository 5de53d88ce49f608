import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { LoggingOptions, loggerParams } from './logging';
import { HttpMetricsMiddleware, MetricsController, setMetricsDefaultLabels } from './metrics';

const HTTP_MIDDLEWARE = Symbol('HTTP_MIDDLEWARE');

export interface ObservabilityModuleOptions {
  /**
   * Request logs and metrics as Nest middleware (default). The gateway turns them off: its own
   * pipeline (apps/gateway) logs and counts every request, proxied or not, once.
   */
  httpMiddleware?: boolean;
}

/** Logs with request ids and redaction, plus Prometheus metrics at /metrics. */
@Module({})
export class ObservabilityModule implements NestModule {
  constructor(@Inject(HTTP_MIDDLEWARE) private readonly httpMiddleware: boolean) {}

  static forRoot(options: LoggingOptions, { httpMiddleware = true }: ObservabilityModuleOptions = {}): DynamicModule {
    setMetricsDefaultLabels({ service: options.service });
    const params = loggerParams(options);
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(httpMiddleware ? params : { ...params, exclude: [{ path: '{*path}', method: RequestMethod.ALL }] })],
      controllers: [MetricsController],
      providers: [{ provide: HTTP_MIDDLEWARE, useValue: httpMiddleware }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.httpMiddleware) consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
