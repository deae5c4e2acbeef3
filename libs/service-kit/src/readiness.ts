/** Whether the service accepts traffic; it turns false as soon as shutdown starts. */
export class ReadinessState {
  ready = false;
}
