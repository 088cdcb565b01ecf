// Test and demo support; production code does not import this folder.
export { ReaderSimulator } from './reader-simulator';
export type { SimulatorFaults, SimulatorOptions } from './reader-simulator';
export { createSimulatedSerial } from './simulated-serial';
export type { SimulatedSerial } from './simulated-serial';
export { cardFixtureSchema, loadCardFixture } from './card-fixture';
export type { CardFixture } from './card-fixture';
export { encodeCardText } from './encode-card-text';
export { attachSimulatorToPort } from './attach-to-port';
