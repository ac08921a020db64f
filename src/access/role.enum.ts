/** Roles of Foundation. Department scoping rules live with the plan domain. */
export enum Role {
  Admin = 'admin',
  /** 领导小组组长/副组长 */
  Leader = 'leader',
  /** 领导小组办公室: coordinates, reviews, assigns */
  Office = 'office',
  /** 部门负责人 */
  DeptHead = 'dept_head',
  Staff = 'staff',
  /** 督导: reads everything, changes nothing */
  Inspector = 'inspector',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);
