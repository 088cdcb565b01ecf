// Which roles fit which organisation: the provincial supervisor sits at the
// province, the warden (监狱长, R14.3) at a prison; administrators and reviewers anywhere.
import type { Issue } from '../../http/api-error';
import type { OrganisationKind, StaffRole } from '../../db/schema';

export function roleIssues(roles: readonly StaffRole[], kind: OrganisationKind, path: string): Issue[] {
  const issues: Issue[] = [];
  if (roles.includes('supervisor') && kind !== 'province') issues.push({ path, message: '省厅监督人员只能设在省司法厅' });
  if (roles.includes('warden') && kind !== 'prison') issues.push({ path, message: '监狱长只能设在监狱' });
  return issues;
}
