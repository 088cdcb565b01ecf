// Desk mode: main's side of the desk contract.
export { createDeskService } from './desk-service';
export type { DeskServiceOptions } from './desk-service';
export { refusalOf } from './refusal';
