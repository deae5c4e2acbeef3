import { Inject, Injectable } from '@nestjs/common';
import type { OrderVersionPayload, TaxAssessment } from '@retail-sync/contracts';
import type { UnitOfWork } from '@retail-sync/messaging';
import { ROOT_LOGGER, activeTraceId } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { assessOrderTax } from '../assessment/order-tax-assessor.js';
import { TaxMappingSnapshots } from '../mappings/tax-mapping-snapshots.js';
import { toAssessmentFailure } from './assessment-failure.js';
import { OrderTaxAssessmentRepository } from './order-tax-assessment.repository.js';

/**
 * Assesses one order version and publishes `tax.order-tax.assessed.v1` in the caller's unit of
 * work. A version is assessed at most once, and a version older than one already assessed is
 * skipped, so versions that arrive out of order never publish a stale assessment.
 */
@Injectable()
export class OrderVersionAssessor {
  private readonly logger: Logger;

  constructor(
    private readonly mappings: TaxMappingSnapshots,
    private readonly assessments: OrderTaxAssessmentRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'order-tax-assessment' });
  }

  async assess(event: OrderVersionPayload, unitOfWork: UnitOfWork): Promise<void> {
    const { orderId, version, order } = event;
    const { manager } = unitOfWork;
    await this.assessments.lockOrder(manager, orderId);
    const latestVersion = await this.assessments.latestVersion(manager, orderId);
    if (latestVersion !== undefined && latestVersion >= version) {
      this.logger.info(
        { orderId, version, latestVersion },
        'Skipped order version: the same or a newer version is already assessed',
      );

      return;
    }

    const mappings = await this.mappings.forUnitOfWork(unitOfWork);
    let assessment: TaxAssessment;
    try {
      assessment = assessOrderTax(order, mappings);
    } catch (error) {
      throw toAssessmentFailure(error, event);
    }

    const traceId = activeTraceId();
    await this.assessments.insert(manager, { orderId, orderVersion: version, assessment, traceId });
    unitOfWork.publish(
      'tax.order-tax.assessed.v1',
      { orderId, orderVersion: version, order, assessment },
      { subject: orderId },
    );
    this.logger.debug(
      { orderId, version, roundingMode: assessment.roundingMode, traceId },
      'Order version assessed',
    );
  }
}
