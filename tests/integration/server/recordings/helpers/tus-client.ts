// The tus client the upload tests use lives in harness/store (the recorded-visit helper uploads with it too).
export * from '../../../../../harness/store/tus-client';
