import { defineMessages } from '../define';

/** The plans module's messages (errors, notes, sentences), keyed `plans.*`. */
export const plansMessages = defineMessages(
  {
    'plans.plan_not_found': '未找到该方案',
    'plans.item_not_found': '未找到该任务',
    'plans.if_match_required': '修改任务前请先打开任务，再提交修改（请求须带版本标识）',
    'plans.if_match_invalid': '版本标识无效（{value}）',
    'plans.version_conflict': '任务已被他人修改（当前版本 {current}，您提交的版本 {expected}），请刷新后重试',
    'plans.cursor_invalid': '分页位置无效，请从第一页重新查看',
    'plans.cursor_not_this_list': '不是本列表、本排序方式的分页位置',
    'plans.item_ref_taken': '方案中已有编号为“{ref}”的任务',
    'plans.parent_not_in_plan': '上级任务不在此方案中',
    'plans.item_already_cancelled': '任务已撤销',
    'plans.department_not_assigned': '该单位未承办此任务',
    'plans.own_department_not_assigned': '本单位未承办此任务',
    'plans.due_before_start': '办理时限早于任务开始日期（{startOn}）',
    'plans.must_not_be_before': '不得早于 {date}',
    'plans.bulk_due_before_start': '{number} {title}：办理时限早于开始日期（{startOn}）',
    'plans.item_starts_on': '任务 {number} 的开始日期为 {startOn}',
    'plans.department_not_found': '未找到该单位',
    'plans.department_already_assigned': '{department}已承办此任务',
    'plans.start_date_invalid': '开始日期不是有效日期（{value}）',
    'plans.due_date_invalid': '办理时限不是有效日期（{value}）',
    'plans.start_after_due': '开始日期晚于办理时限',
    'plans.import_unknown_regions': '方案 {plan}：地区代码 {codes} 未登记，请先在地区配置中添加',
    'plans.import_no_counties':
      '方案 {plan}：“{ref}”应分解到{region}所辖各县（市、区）人民政府，但该地区没有县级行政区',
    'plans.account_without_department': '您的账号未关联单位，请联系管理员',
  },
  {
    'plans.plan_not_found': 'Plan not found',
    'plans.item_not_found': 'Item not found',
    'plans.if_match_required': 'Send If-Match with the ETag of the item you read',
    'plans.if_match_invalid': 'If-Match "{value}" names no version',
    'plans.version_conflict':
      'The item was changed by someone else (version {current}, you sent {expected}); reload and retry',
    'plans.cursor_invalid': 'Invalid cursor (start again without it)',
    'plans.cursor_not_this_list': 'not a cursor of this list and sort',
    'plans.item_ref_taken': 'The plan already has an item "{ref}"',
    'plans.parent_not_in_plan': 'The parent item is not in this plan',
    'plans.item_already_cancelled': 'The item is already cancelled',
    'plans.department_not_assigned': 'That department has no assignment on this item',
    'plans.own_department_not_assigned': 'Your department has no assignment on this item',
    'plans.due_before_start': "The due date is before the item's start ({startOn})",
    'plans.must_not_be_before': 'must not be before {date}',
    'plans.bulk_due_before_start': '{number} {title}: the due date is before the start ({startOn})',
    'plans.item_starts_on': 'item {number} starts on {startOn}',
    'plans.department_not_found': 'Department not found',
    'plans.department_already_assigned': '{department} is already assigned',
    'plans.start_date_invalid': 'The start date is not a real date ({value})',
    'plans.due_date_invalid': 'The due date is not a real date ({value})',
    'plans.start_after_due': 'The start date is after the due date',
    'plans.import_unknown_regions':
      'Plan {plan}: unknown region codes {codes} (add them to config/regions first)',
    'plans.import_no_counties':
      'Plan {plan}: "{ref}" expands to the county governments of {region}, which has no county-level divisions',
    'plans.account_without_department':
      'Your account belongs to no department; ask an administrator to set it',
  },
);
