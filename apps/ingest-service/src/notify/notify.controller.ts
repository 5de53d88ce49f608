import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListNotificationsQueryDto, NotificationListDto, TestNotificationResultDto } from './dto/notification.dto';
import { Access } from '@rewind/service-kit';
import { NotifyService } from './notify.service';

@ApiTags('notifications')
@Access.admin()
@ApiBearerAuth('api-token')
@Controller('api/ingest')
export class NotifyController {
  constructor(private readonly notify: NotifyService) {}

  @Get('notifications')
  @ApiOperation({
    summary: 'Recent webhook notifications',
    description:
      'The notification outbox, newest first: alerts, recoveries, weekly summaries, rate-limit summaries and tests, each with its delivery status, attempts and last error. Undeliverable messages stay here with status `failed`.',
  })
  @ApiOkResponse({ type: NotificationListDto })
  @ApiBadRequestResponse({
    description: 'Invalid parameter (the message names it).',
    schema: { example: { statusCode: 400, error: 'Bad Request', message: 'limit must be an integer between 1 and 500' } },
  })
  list(@Query() query: ListNotificationsQueryDto) {
    return this.notify.list(query.limit ?? 50, query.status);
  }

  @Post(['notifications/test', 'notify/test'])
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a test message to the webhook',
    description:
      'Sends a test message now (not queued) and reports what the webhook answered: status, the start of its body and the latency. A failed delivery is still 200 with `delivered: false` and the error. Also reachable as POST /api/ingest/notify/test.',
  })
  @ApiOkResponse({ type: TestNotificationResultDto })
  @ApiConflictResponse({
    description: 'Notifications are off.',
    schema: {
      example: {
        statusCode: 409,
        error: 'Conflict',
        message: 'NOTIFY_WEBHOOK_URL is not set: notifications are off (set it and restart ingest-service)',
      },
    },
  })
  test() {
    return this.notify.sendTest();
  }
}
