import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { MessagingRuntime } from '@retail-sync/messaging';
import {
  OrderTaxAssessmentRepository,
  type StoredAssessment,
} from './order-tax-assessment.repository.js';

@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly messaging: MessagingRuntime,
    private readonly assessments: OrderTaxAssessmentRepository,
  ) {}

  /** Returns the assessment of the order's highest assessed version. */
  @Get(':orderId')
  async getLatest(@Param('orderId', ParseUUIDPipe) orderId: string): Promise<StoredAssessment> {
    const stored = await this.assessments.findLatest(this.messaging.dataSource.manager, orderId);
    if (stored === undefined) {
      throw new NotFoundException(
        `No tax assessment for order ${orderId}. The order may not be captured yet, or its ` +
          'assessment failed: check GET /admin/exceptions.',
      );
    }

    return stored;
  }
}
