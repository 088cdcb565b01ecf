// China mobile numbers for text messages to the family (issue #25 item 8): 11 digits,
// 1[3-9]xxxxxxxxx. A landline is a valid contact for a call (applicantBody), not for an SMS.
export const CHINA_MOBILE = /^1[3-9]\d{9}$/;

export const BAD_MOBILE_MESSAGE = '手机号码格式不对：须为 11 位中国大陆手机号（1 开头，第二位 3–9），可带 +86';

/** The 11-digit number, spaces, hyphens and a +86 / 0086 / 86 prefix removed; null if it is no China mobile. */
export function chinaMobile(input: string): string | null {
  const bare = input.trim().replace(/[\s-]/g, '');
  const national = bare.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return CHINA_MOBILE.test(national) ? national : null;
}

/** 138****0000: how a number is shown where the whole number is not needed. */
export function maskedMobile(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
