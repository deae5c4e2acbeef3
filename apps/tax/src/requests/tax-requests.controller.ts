import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  AssessmentGetReply,
  AssessmentGetRequest,
  TaxQuoteCalculateReply,
  TaxQuoteCalculateRequest,
} from '@retail-sync/contracts';
import {
  MessagingRuntime,
  NatsRequestContext,
  OnRequest,
  PermanentError,
} from '@retail-sync/messaging';
import { quoteTax } from '../assessment/tax-quote.js';
import { UnknownTaxRegionError } from '../assessment/tax-errors.js';
import { OrderTaxAssessmentRepository } from '../order-tax/order-tax-assessment.repository.js';
import { RateTableRepository } from '../mappings/rate-table.repository.js';

/** Request-reply capabilities of the tax service. Errors reach the caller with their dotted code. */
@Controller()
export class TaxRequestsController {
  constructor(
    private readonly messaging: MessagingRuntime,
    private readonly rateTables: RateTableRepository,
    private readonly assessments: OrderTaxAssessmentRepository,
  ) {}

  /** Quotes a basket from the stored rate tables of the request's region. */
  @OnRequest('tax.quote.calculate.v1')
  async calculateQuote(
    @Payload() request: TaxQuoteCalculateRequest,
    @Ctx() _context: NatsRequestContext,
  ): Promise<TaxQuoteCalculateReply> {
    const tables = await this.rateTables.findByRegion(
      this.messaging.dataSource.manager,
      request.region,
    );
    try {
      return quoteTax(request, tables);
    } catch (error) {
      if (error instanceof UnknownTaxRegionError) {
        throw new PermanentError(error.message, error.code);
      }

      // Money.parse rejects an amount with more decimals than the currency has.
      if (error instanceof RangeError) {
        throw new PermanentError(error.message, 'tax.invalid-amount');
      }

      throw error;
    }
  }

  @OnRequest('tax.assessment.get.v1')
  async getAssessment(
    @Payload() request: AssessmentGetRequest,
    @Ctx() _context: NatsRequestContext,
  ): Promise<AssessmentGetReply> {
    const stored = await this.assessments.findLatest(
      this.messaging.dataSource.manager,
      request.orderId,
    );
    if (stored === undefined) {
      throw new PermanentError(
        `No tax assessment for order ${request.orderId}. The order may not be captured yet, or ` +
          'its assessment failed and waits in the tax exception queue.',
        'tax.assessment-not-found',
      );
    }

    return stored;
  }
}
