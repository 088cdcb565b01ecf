// R11.1: staff check each visitor's ID; an expired card is not a valid ID.
// A card is valid through its end date ("有效期限 2015.03.01-2035.03.01").
import { formatZhDate } from '../../src-shared/calendar/iso-date';
import type { IsoDate } from '../../src-shared/calendar/iso-date';
import type { CardValidity, ValidTo } from './card-data';

export function checkValidity(period: { validFrom?: IsoDate; validTo?: ValidTo }, today: IsoDate): CardValidity {
  const { validFrom, validTo } = period;
  if (validTo !== undefined && validTo !== 'long-term' && today > validTo) {
    return { status: 'expired', validTo, message: `证件已过有效期（有效期至${formatZhDate(validTo)}），不能用于会见登记` };
  }
  if (validFrom !== undefined && today < validFrom) {
    return { status: 'not-yet-valid', validFrom, message: `证件尚未生效（自${formatZhDate(validFrom)}起有效）` };
  }
  return { status: 'valid' };
}
