/** One-shot wake-up for a loop. A wake-up with no waiter is kept until the next wait. */
export class Signal {
  private waiter?: () => void;
  private pending = false;

  wait(): Promise<void> {
    if (this.pending) {
      this.pending = false;

      return Promise.resolve();
    }

    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) {
      waiter();

      return;
    }

    this.pending = true;
  }
}
