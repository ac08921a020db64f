import { defineMessages } from '../define';

/** The departments module's messages (errors, notes, sentences), keyed `departments.*`. */
export const departmentsMessages = defineMessages(
  {
    'departments.department_not_found': '未找到该单位',
    'departments.unknown_regions': '地区代码 {codes} 未登记',
  },
  {
    'departments.department_not_found': 'Department not found',
    'departments.unknown_regions': 'Unknown region codes: {codes}',
  },
);
