import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UnprocessableEntityException,
  ConflictException,
  UseGuards,
} from '@nestjs/common';
import type { ExceptionRecord, ExceptionReplayAudit, ExceptionStatus } from './exception-record.js';
import { MessagingRuntime } from '../messaging-runtime.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import type { ReplayResult } from './exception-replayer.js';

/** Longest X-Actor value stored in the audit trail; an e-mail address or a tool name fits. */
const MAX_ACTOR_LENGTH = 200;

const STATUSES: ExceptionStatus[] = ['open', 'replaying', 'resolved', 'discarded'];

/** Lists a service's exception records and replays them on request, with an audit trail. */
@Controller('admin/exceptions')
@UseGuards(AdminTokenGuard)
export class ExceptionsAdminController {
  constructor(private readonly runtime: MessagingRuntime) {}

  @Get()
  async list(
    @Query('status') status?: string,
    @Query('consumer') consumer?: string,
    @Query('limit') limit = '50',
    @Query('offset') offset = '0',
  ): Promise<{ items: ExceptionRecord[] }> {
    if (status !== undefined && !STATUSES.includes(status as ExceptionStatus)) {
      throw new BadRequestException(`status must be one of ${STATUSES.join(', ')}`);
    }

    const take = Number(limit);
    const skip = Number(offset);
    if (!Number.isInteger(take) || take < 1 || take > 500 || !Number.isInteger(skip) || skip < 0) {
      throw new BadRequestException('limit must be 1-500 and offset a non-negative integer');
    }

    const items = await this.runtime.exceptions.list({
      status: status as ExceptionStatus | undefined,
      consumer,
      limit: take,
      offset: skip,
    });

    return { items };
  }

  @Get(':id')
  async get(
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ExceptionRecord & { replays: ExceptionReplayAudit[] }> {
    const record = await this.runtime.exceptions.get(id);
    if (!record) {
      throw new NotFoundException(`Exception record ${id} not found`);
    }

    return { ...record, replays: await this.runtime.exceptions.replays(id) };
  }

  /** Closes an open record without processing it; the body's `reason` goes to the audit trail. */
  @Post(':id/discard')
  @HttpCode(200)
  async discard(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: { reason?: unknown },
    @Headers('x-actor') actor?: string,
  ): Promise<{ outcome: 'discarded'; exceptionId: string }> {
    const reason = typeof body?.reason === 'string' ? body.reason.trim() : '';
    if (!actor?.trim() || actor.length > MAX_ACTOR_LENGTH || !reason) {
      throw new BadRequestException('Discarding needs an X-Actor header and a JSON body reason');
    }

    const record = await this.runtime.exceptions.get(id);
    if (!record) {
      throw new NotFoundException(`Exception record ${id} not found`);
    }

    if (!(await this.runtime.exceptions.discard(id, actor.trim(), reason))) {
      throw new ConflictException(`Exception record ${id} is ${record.status}, not open`);
    }

    return { outcome: 'discarded', exceptionId: id };
  }

  /** Replays the record once; `X-Actor` names the person or tool asking, for the audit trail. */
  @Post(':id/replay')
  @HttpCode(200)
  async replay(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('x-actor') actor?: string,
  ): Promise<ReplayResult> {
    if (!actor?.trim() || actor.length > MAX_ACTOR_LENGTH) {
      throw new BadRequestException(
        `Missing or invalid X-Actor header: name who requests the replay in at most ${MAX_ACTOR_LENGTH} characters`,
      );
    }

    const result = await this.runtime.replayer.replay(id, actor.trim());
    if (result.outcome === 'rejected' && result.reason === 'not-found') {
      throw new NotFoundException(`Exception record ${id} not found`);
    }

    if (result.outcome === 'rejected') {
      throw new ConflictException(result);
    }

    if (result.outcome === 'failed') {
      throw new UnprocessableEntityException(result);
    }

    return result;
  }
}
