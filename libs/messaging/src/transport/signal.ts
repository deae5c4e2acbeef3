/** A one-shot wake-up that a loop can wait on; waking with nobody waiting is remembered once. */
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
