import { defineMessages } from '../define';

/** 联络人 and the office mailbox (issue 13), keyed `contacts.*`. */
export const contactsMessages = defineMessages(
  {
    'contacts.department_not_found': '没有此承办单位（{id}）',
    'contacts.region_not_found': '没有此地区（{code}）',
    'contacts.mailbox_region_required': '请选择办公室邮箱所属的地区',
  },
  {
    'contacts.department_not_found': 'No such department ({id})',
    'contacts.region_not_found': 'No such region ({code})',
    'contacts.mailbox_region_required': 'Choose the region whose office mailbox this is',
  },
);
