/**
 * What kind of body a department is, read from its official name (pure). Used for display and for choosing
 * who signs for a collective unit (an administrator maps those to people); never for access decisions.
 */
export const DEPARTMENT_KINDS = ['government', 'bureau', 'office', 'collective', 'other'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

// 各…单位 / 市直各相关部门 / 县直有关单位 / 市属各学校: many bodies under one name.
const COLLECTIVE = /各|有关单位|有关部门|相关部门|成员单位|学校$/u;
const GOVERNMENT = /(人民政府|政府)$/u;
const OFFICE = /(办公室|编办|督导室|办)$/u;
const BUREAU = /(局|分局|委员会|委|厅|中心|部门)$/u;

export function inferDepartmentKind(name: string): DepartmentKind {
  if (COLLECTIVE.test(name)) return 'collective';
  if (GOVERNMENT.test(name)) return 'government';
  if (OFFICE.test(name)) return 'office';
  if (BUREAU.test(name)) return 'bureau';
  return 'other';
}
