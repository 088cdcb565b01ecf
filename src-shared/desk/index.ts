// The desk: shapes shared by the central store, main's desk service and the desk screens.
export * from './records';
export * from './inputs';
export * from './outcome';
export * from './overview';
