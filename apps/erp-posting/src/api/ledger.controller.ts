import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { AccountingPeriods, type AccountingPeriod } from '../ledger/accounting-periods.js';
import { LedgerAdapter } from '../ledger/ledger-adapter.js';
import { isPeriod } from '../ledger/period-policy.js';
import type { TrialBalance } from '../ledger/trial-balance.js';
import { AdminTokenGuard } from '@retail-sync/messaging';

/** Reports and period control of the built-in ledger; absent when another ERP is configured. */
@Controller()
export class LedgerController {
  constructor(
    private readonly ledger: LedgerAdapter,
    private readonly periods: AccountingPeriods,
  ) {}

  @Get('trial-balance')
  trialBalance(): Promise<TrialBalance> {
    return this.ledger.trialBalance();
  }

  @Get('periods')
  async listPeriods(): Promise<{ periods: AccountingPeriod[] }> {
    return { periods: await this.periods.list() };
  }

  /** Closes a period; later entries dated in it follow CLOSED_PERIOD_POLICY. */
  @Post('periods/:period/close')
  @HttpCode(200)
  @UseGuards(AdminTokenGuard)
  closePeriod(@Param('period') period: string): Promise<AccountingPeriod> {
    if (!isPeriod(period)) {
      throw new BadRequestException(
        `Invalid period "${period}": expected YYYY-MM with a month from 01 to 12, e.g. 2024-06.`,
      );
    }

    return this.periods.close(period);
  }
}
