/**
 * R13.1: recordings are kept at least six months. Six calendar months are up to 184 days
 * long (1 July to 1 January), so 183 would let a July recording go a day early. The
 * terminal and the central store both refuse a shorter setting.
 */
export const MIN_RETENTION_DAYS = 184;
