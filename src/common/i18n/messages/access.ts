import { defineMessages } from '../define';

/** The access module's messages (errors, notes, sentences), keyed `access.*`. */
export const accessMessages = defineMessages(
  {
    'access.outside_area': '{what}不在您的管辖范围',
    'access.what_department': '单位“{name}”',
    'access.what_region': '地区（{code}）',
    'access.admin_only': '只有系统管理员可以修改{what}',
    'access.office_manages_plans': '只有督查办公室可以修改方案',
    'access.plan_outside_area': '此方案不是您所辖地区印发的',
    'access.review_office_leader_only': '只有督查办公室和领导可以审核',
    'access.item_outside_area': '此任务不在您的管辖范围',
    'access.item_not_assigned': '此任务未交办给您的单位',
    'access.role_read_only': '您的角色只能查看，不能办理',
  },
  {
    'access.outside_area': '{what} is outside your area',
    'access.what_department': 'Department "{name}"',
    'access.what_region': 'Region {code}',
    'access.admin_only': 'Only an administrator changes {what}',
    'access.office_manages_plans': 'Only the office changes plans',
    'access.plan_outside_area': 'This plan was issued outside your area',
    'access.review_office_leader_only': 'Only the office and leaders review',
    'access.item_outside_area': 'This item is outside your area',
    'access.item_not_assigned': 'This item is not assigned to your department',
    'access.role_read_only': 'This role can only read',
  },
);
